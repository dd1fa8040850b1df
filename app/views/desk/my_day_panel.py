"""The agent's own day beside the card (issue 16, item 15): today's calls, contacts and agrees,
time ready, talking, in wrap-up and paused (by reason), and "my callbacks" with their due times —
a double-click opens that customer.  Read off the GUI thread (app.core.desk.my_day) each minute
and after each saved result; `loaded` hands the day to the bar's shift timer."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.core.desk.my_day import MyDay, my_day
from app.core.supervision.dashboard import pauses
from app.views.background import BackgroundOp
from app.views.agent_states import agent_state
from app.views.formatting import hours_minutes, local_time


class MyDayPanel(QWidget):
    callback_opened = Signal(int)       # item id
    loaded = Signal(object)             # MyDay

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        figures = QGroupBox(self.tr("Today"))
        form = QFormLayout(figures)
        self.fields: dict[str, QLabel] = {}
        for key, label in (("calls", self.tr("Calls")), ("contacted", self.tr("Contacted")),
                           ("agree", self.tr("Agree")), ("ready", self.tr("Ready")),
                           ("in_call", self.tr("In calls")), ("wrap_up", self.tr("Wrap-up")),
                           ("paused", self.tr("Paused"))):
            self.fields[key] = QLabel(objectName=f"myDay_{key}")
            form.addRow(label, self.fields[key])
        self.callbacks = QTableWidget(0, 3, objectName="myCallbacks")
        self.callbacks.setHorizontalHeaderLabels([self.tr("Due"), self.tr("Customer"), self.tr("Program")])
        self.callbacks.horizontalHeader().setStretchLastSection(True)
        self.callbacks.verticalHeader().hide()
        self.callbacks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.callbacks.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.callbacks.cellDoubleClicked.connect(self._open)
        self.callbacks_box = QGroupBox(self.tr("My callbacks"))
        QVBoxLayout(self.callbacks_box).addWidget(self.callbacks)
        layout = QVBoxLayout(self)
        layout.addWidget(figures)
        layout.addWidget(self.callbacks_box, 1)
        self._items: list[int] = []
        QTimer(self, interval=60000, timeout=self.refresh).start()

    def refresh(self) -> None:
        BackgroundOp(self, lambda: my_day(self.ctx), self.show_day).run()

    def show_day(self, day: MyDay) -> None:
        f, spent = day.figures, day.time_in_state
        paused = pauses(spent)
        for key, text in (("calls", str(f.calls)), ("contacted", str(f.contacted)), ("agree", str(f.agree)),
                          ("ready", hours_minutes(spent.get("ready", 0.0))),
                          ("in_call", hours_minutes(spent.get("in_call", 0.0))),
                          ("wrap_up", hours_minutes(spent.get("wrap_up", 0.0))),
                          ("paused", hours_minutes(sum(paused.values())))):
            self.fields[key].setText(text)
        self.fields["paused"].setToolTip("\n".join(
            f"{agent_state('not_ready', reason)}: {hours_minutes(s)}" for reason, s in sorted(paused.items())))
        self.callbacks.setRowCount(len(day.callbacks))
        self._items = [c.item_id for c in day.callbacks]
        for row, c in enumerate(day.callbacks):
            due = QTableWidgetItem(local_time(c.due_at, "WIB"))
            if c.overdue:
                due.setForeground(QBrush(QColor("#b3261e")))
                due.setToolTip(self.tr("Due now"))
            for col, item in enumerate((due, QTableWidgetItem(f"{c.customer_name} · {c.account_number}"),
                                        QTableWidgetItem(c.program))):
                self.callbacks.setItem(row, col, item)
        self.callbacks_box.setTitle(self.tr("My callbacks (%1)").replace("%1", str(len(day.callbacks))))
        self.loaded.emit(day)

    def _open(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._items):
            self.callback_opened.emit(self._items[row])
