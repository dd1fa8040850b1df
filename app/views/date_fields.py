"""Date and date-time fields that read what the agent types.

Qt's QDateEdit edits one section at a time: typing "03/12/2026" into it gave 29/12/2026
or 29/11/1, depending on where the cursor was.  `DateField` is a line edit that parses
the whole text (dd/mm/yyyy, d-m-yyyy, yyyy-mm-dd), with a calendar button that offers
only the days the form accepts (`setDateRange`).  `DateTimeField` adds the time and
says whose clock it is: the customer's zone, labelled, whatever the PC's clock is set to.
Both keep the QDateEdit calls the forms use: `date()`, `setDate()`, `dateChanged`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget, \
    QWidgetAction

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_typed_date(text: str) -> QDate:
    """The day a person typed, or an invalid QDate."""
    m = _DAY_FIRST.match(text)
    if m:
        return QDate(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _ISO.match(text)
    if m:
        return QDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return QDate()


class DateField(QWidget):
    dateChanged = Signal(QDate)

    def __init__(self, day: QDate | date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.edit.setMaxLength(10)
        self.edit.textEdited.connect(self._typed)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.button = QToolButton(text="▾")
        self.button.setToolTip(self.tr("Choose from the calendar"))
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._date = QDate()
        if day is not None:
            self.setDate(day)

    # -- the QDateEdit calls the forms use ----------------------------------------------------
    def date(self) -> QDate:
        """The typed day (an invalid QDate while the text is not a date)."""
        return QDate(self._date)

    def setDate(self, day: QDate | date) -> None:
        if isinstance(day, date):
            day = QDate(day.year, day.month, day.day)
        self._date = QDate(day)
        self.edit.setText(day.toString("dd/MM/yyyy") if day.isValid() else "")
        self._mark(True)
        if day.isValid():
            self.calendar.setSelectedDate(day)
        self.dateChanged.emit(QDate(day))

    def setDateRange(self, first: QDate, last: QDate) -> None:
        """The calendar offers only these days (the form's rule decides; typing may still go
        outside, and then the form's check says why)."""
        self.calendar.setDateRange(first, last)

    def setMinimumDate(self, day: QDate) -> None:
        self.calendar.setMinimumDate(day)

    def setMaximumDate(self, day: QDate) -> None:
        self.calendar.setMaximumDate(day)

    def text(self) -> str:
        return self.edit.text()

    def is_valid(self) -> bool:
        return self._date.isValid()

    # -- typing and picking -------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        parsed = parse_typed_date(text)
        self._mark(parsed.isValid() or not text.strip())
        if parsed.isValid() and parsed != self._date:
            self._date = parsed
            self.calendar.setSelectedDate(parsed)
            self.dateChanged.emit(QDate(parsed))
        elif not parsed.isValid():
            self._date = QDate()

    def _picked(self, day: QDate) -> None:
        self.button.menu().hide()
        self.setDate(day)
        self.edit.setFocus()

    def _mark(self, ok: bool) -> None:
        self.edit.setStyleSheet("" if ok else "border: 1px solid #b3261e;")
        self.edit.setToolTip("" if ok else self.tr("Type the date as dd/mm/yyyy, e.g. 03/12/2026."))


class DateTimeField(QWidget):
    """A day and a time on the customer's clock, labelled with their zone (e.g. "WITA")."""

    changed = Signal()

    def __init__(self, when: datetime, zone: tzinfo, zone_label: str, parent=None) -> None:
        super().__init__(parent)
        self.zone = zone
        local = when.astimezone(zone)
        self.day = DateField(local.date())
        self.time = QLineEdit(local.strftime("%H:%M"))
        self.time.setMaxLength(5)
        self.time.setFixedWidth(60)
        self.time.setPlaceholderText("HH:MM")
        self.zone_label = QLabel(zone_label)
        self.zone_label.setObjectName("zoneLabel")
        self.zone_label.setToolTip(self.tr("The customer's own time"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day, 1)
        layout.addWidget(self.time)
        layout.addWidget(self.zone_label)
        self.day.dateChanged.connect(lambda _d: self.changed.emit())
        self.time.textEdited.connect(self._time_typed)
        self.setFocusProxy(self.day)

    def value(self) -> datetime | None:
        """The moment, aware, in the customer's zone (None while the text is not a date and time)."""
        day, match = self.day.date(), _TIME.match(self.time.text())
        if not day.isValid() or match is None:
            return None
        hour, minute = int(match.group(1)), int(match.group(2))
        if not QTime(hour, minute).isValid():
            return None
        return datetime.combine(date(day.year(), day.month(), day.day()), time(hour, minute), self.zone)

    def set_value(self, when: datetime) -> None:
        local = when.astimezone(self.zone) if when.tzinfo else when
        self.day.setDate(local.date())
        self.time.setText(local.strftime("%H:%M"))

    def _time_typed(self, text: str) -> None:
        ok = bool(_TIME.match(text)) or not text.strip()
        self.time.setStyleSheet("" if ok else "border: 1px solid #b3261e;")
        self.changed.emit()
