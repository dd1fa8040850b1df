"""The team leader's "Pelanggan yang dipegang" panel: items an agent holds (claimed, in a call, in wrap-up), by whom and
for how long, and the team leader's hand on them: release to the queue or reassign to
one agent.  A crashed desk's call shows here as overdue.  The screen only shows and
asks; app.core.supervision.held decides, through BackgroundOp."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from app.core import supervision as sv
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.formatting import state_label
from app.views.paged import Column, PagedTableModel


def _age(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes = int(seconds // 60)
    return f"{minutes // 60} j {minutes % 60:02d} m" if minutes >= 60 else f"{minutes} m"


class HeldTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        columns = [
            Column(self.tr("Held for"), lambda r: _age(r.held_seconds), align_right=True),
            Column(self.tr("Status"), lambda r: state_label(r.state)),
            Column(self.tr("Agent"), lambda r: r.holder_name if r.holder_active
                   else self.tr("%1 (inactive)").replace("%1", r.holder_name)),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Program"), lambda r: r.program),
            Column(self.tr("Time to live"), lambda r: self.tr("expired") if r.overdue else self.tr("running")),
        ]

        def colour(row):
            return QBrush(QColor("#b00020" if row.overdue else "#333333"))

        self.model = PagedTableModel(columns, lambda _o, _l: self._fetch(), self, colour=colour)
        self.table = QTableView()
        self.table.setObjectName("heldTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Headers and names whole at 1366 px: each column as wide as its words.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.release_button = QPushButton(self.tr("Release to the queue"))
        self.release_button.clicked.connect(lambda: self._take_back(None))
        self.agents = QComboBox()
        self.agents.setObjectName("heldReassignTo")
        self.agents.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)   # whole names
        self.reassign_button = QPushButton(self.tr("Reassign to"))
        self.reassign_button.clicked.connect(lambda: self._take_back(self.agents.currentData()))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.release_button)
        bar.addWidget(self.reassign_button)
        bar.addWidget(self.agents)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.summary.setText)
        BackgroundOp(self, lambda: sv.team_agents(ctx), self._agents_loaded).run()
        self.refresh()

    def _fetch(self):
        rows = sv.held_items(self.ctx)
        return rows, len(rows)

    def refresh(self) -> None:
        self.model.refresh()

    def _agents_loaded(self, agents) -> None:
        self.agents.clear()
        for uid, _username, name in agents:
            self.agents.addItem(name, uid)

    def _loaded(self, total: int) -> None:
        overdue = sum(1 for r in self.model.rows if r.overdue)
        self.summary.setText(self.tr("%1 held, %2 past their time to live.")
                             .replace("%1", str(total)).replace("%2", str(overdue)) if total
                             else self.tr("Nobody holds a customer right now."))

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _take_back(self, to_agent_id) -> None:
        row = self.selected()
        if row is None:
            self.summary.setText(self.tr("Choose a row first."))
            return
        ctx = self.ctx
        BackgroundOp(self, lambda: sv.release_held(ctx, row.item_id, row.holder_id, to_agent_id),
                     lambda _done: self.refresh()).failure(lambda exc: self.summary.setText(message(exc))).run()
