"""Small pieces that several forms share, so a date or a "from – to" row reads the same everywhere.

Widgets and layouts only: no data, no business rule.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget


def date_edit(day: date) -> QDateEdit:
    """A day as the call center writes it (dd/MM/yyyy), with a calendar to pick from."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def range_row(start: QWidget, end: QWidget) -> QHBoxLayout:
    """`start – end`, left-aligned (dates of an export, hours of the calling window)."""
    row = QHBoxLayout()
    row.addWidget(start)
    row.addWidget(QLabel("–"))
    row.addWidget(end)
    row.addStretch(1)
    return row
