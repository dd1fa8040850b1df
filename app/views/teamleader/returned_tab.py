"""The "Dikembalikan" tab: every result returned by the team leader or QC, and
whether the agent has re-input it yet (with the new revision)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

import app.views.teamleader.labels as labels
from app.core import supervision as sv
from app.core.supervision.common import SITE_ZONE
from app.views.paged import Column, PagedTableModel, row_table


def _when(dt) -> str:
    return dt.astimezone(SITE_ZONE).strftime("%d/%m %H:%M") if dt else ""


class ReturnedTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        columns = [
            Column(self.tr("Returned"), lambda r: _when(r.returned_at)),
            Column(self.tr("By"), lambda r: f"{r.returned_by} ({labels.return_kind(r.kind)})"),
            Column(self.tr("Agent"), lambda r: r.agent_name),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Internet no."), lambda r: r.account_number),
            Column(self.tr("Reason"), lambda r: r.reason_code),
            Column(self.tr("Comment"), lambda r: r.comment or "", tooltip=lambda r: r.comment or ""),
            Column(self.tr("Status"), lambda r: labels.return_status(r.status)),
            Column(self.tr("New revision"), lambda r: "" if r.new_revision is None else
                   f"{r.new_revision}: {r.new_reason_code} ({_when(r.reinput_at)})"),
        ]

        def colour(row):
            return QBrush(QColor("#b35c00" if row.status == "waiting" else "#2e7d32"))

        self.model = PagedTableModel(columns, lambda _o, _l: self._fetch(), self, colour=colour)
        self.table = row_table(self.model, "returnedTable", several=True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((90, 170, 130, 150, 110, 70, 260, 150)):
            self.table.setColumnWidth(col, width)
        self.summary = QLabel()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.summary.setText)
        self.refresh()

    def _fetch(self):
        rows = sv.returned_status(self.ctx)
        return rows, len(rows)

    def refresh(self) -> None:
        self.model.refresh()

    def _loaded(self, total: int) -> None:
        waiting = sum(1 for r in self.model.rows if r.status == "waiting")
        self.summary.setText(self.tr("%1 returned, %2 still waiting for re-input.")
                             .replace("%1", str(total)).replace("%2", str(waiting)) if total
                             else self.tr("Nothing has been returned yet."))
