"""The admin desk (Qt): users and teams."""

from app.views.admin.window import AdminWindow

__all__ = ["AdminWindow"]
