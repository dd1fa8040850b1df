"""The team leader desk (Qt): live dashboard, results review and return, export."""

from app.views.teamleader.window import TeamLeaderWindow

__all__ = ["TeamLeaderWindow"]
