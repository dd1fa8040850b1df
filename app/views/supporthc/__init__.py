"""The Support HC desk (W-24)."""

from app.views.supporthc.window import SupportHcWindow

__all__ = ["SupportHcWindow"]
