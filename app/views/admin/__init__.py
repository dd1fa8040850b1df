"""The admin desk (Qt): users and teams, and the library of operator announcements."""

from app.views.admin.announcements import AnnouncementsDialog
from app.views.admin.window import AdminWindow

__all__ = ["AdminWindow", "AnnouncementsDialog"]
