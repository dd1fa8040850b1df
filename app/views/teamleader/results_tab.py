"""The "Hasil" tab: the team's results, filtered and paged, with return to agent
(multi-select, one comment) and the revision history of the selected row."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

import app.views.teamleader.labels as labels
from app.core import supervision as sv
from app.core.supervision.common import SITE_ZONE
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.form_rows import date_edit
from app.views.formatting import duration, money, reason_text
from app.views.paged import Column, PagedTableModel, row_table
from app.views.teamleader.dialogs import HistoryDialog, ReturnDialog
from app.views.teamleader.filters import agent_choice, program_choice, reason_choice



class ResultsTab(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = sv.site_today(ctx)
        self.date_from = date_edit(today)
        self.date_to = date_edit(today)
        self.agent = agent_choice()
        self.program = program_choice()
        self.reason = reason_choice(ctx.catalogue)
        self.status = QComboBox()
        for text, key in [(self.tr("Any status"), None), (self.tr("Returned"), ("review", "returned")),
                          (self.tr("Re-input"), ("review", "reinput")), (self.tr("Waiting for QC"), ("qc", "pending")),
                          (self.tr("Approved by QC"), ("qc", "approved")),
                          (self.tr("Returned by QC"), ("qc", "returned")),
                          (self.tr("Contacted, but the call never connected"), ("call", "unconnected"))]:
            self.status.addItem(text, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Customer or internet number"))
        self.search.setClearButtonEnabled(True)
        self.all_revisions = QCheckBox(self.tr("Old revisions too"))
        filters = QHBoxLayout()
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        for w in (self.agent, self.program, self.reason, self.status):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.all_revisions)

        columns = [
            Column(self.tr("Time"), lambda r: r.created_at.astimezone(SITE_ZONE).strftime("%d/%m %H:%M")),
            Column(self.tr("Agent"), lambda r: r.agent_name),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Internet no."), lambda r: r.account_number),
            Column(self.tr("Program"), lambda r: r.program),
            Column(self.tr("Reason"), lambda r: f"{r.reason_code} – {reason_text(ctx.catalogue, r.reason_code)}"),
            Column(self.tr("SIP"), _sip, tooltip=self._call_tooltip),
            Column(self.tr("Talk"), lambda r: duration(r.talk_seconds) if r.talk_seconds is not None else "–",
                   align_right=True, tooltip=self._call_tooltip),
            Column(self.tr("Promise"), lambda r: r.promise_date.strftime("%d/%m/%Y") if r.promise_date else ""),
            Column(self.tr("Amount"), lambda r: money(r.promise_amount), align_right=True),
            Column(self.tr("Rev."), lambda r: r.revision, align_right=True),
            Column(self.tr("Review"), lambda r: labels.review_status(r.review_status)),
            Column(self.tr("QC"), lambda r: labels.qc_status(r.qc_status)),
            Column(self.tr("Notes"), lambda r: (r.notes or "").replace("\n", " "), tooltip=lambda r: r.notes or ""),
        ]
        self.model = PagedTableModel(columns, lambda _o, _l: ([], 0), self, colour=_colour, background=_background,
                                     tooltip=self._call_tooltip)
        self.table = row_table(self.model, "resultsTable", several=True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((90, 130, 150, 110, 60, 200, 110, 55, 85, 95, 40, 90, 110)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.show_history())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.count = QLabel()
        self.return_button = QPushButton(self.tr("Return to agent…"))
        self.return_button.setObjectName("returnButton")
        self.history_button = QPushButton(self.tr("Revision history…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.return_button.clicked.connect(self.ask_return)
        self.history_button.clicked.connect(self.show_history)
        self.refresh_button.clicked.connect(self.refresh)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.return_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.refresh)
        for combo in (self.agent, self.program, self.reason, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.all_revisions.toggled.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._failed)
        self._selection_changed()
        BackgroundOp(self, lambda: sv.team_agents(ctx), self._agents_loaded).failure(self._failed).run()
        self.refresh()

    # -- loading -------------------------------------------------------------------
    def filters(self) -> sv.ResultFilters:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        status = self.status.currentData()
        f = sv.ResultFilters(date_from=min(start, end), date_to=max(start, end), agent_id=self.agent.currentData(),
                             program=self.program.currentData(), reason_code=self.reason.currentData(),
                             search=self.search.text(), current_only=not self.all_revisions.isChecked())
        if status:
            kind, value = status
            if kind == "review":
                f = replace(f, review_status=value)
            elif kind == "qc":
                f = replace(f, qc_status=value)
            else:
                f = replace(f, contact_without_call=True)
        return f

    def refresh(self) -> None:
        ctx, filters = self.ctx, self.filters()
        self.model.set_fetch(lambda offset, limit: sv.list_results(ctx, filters, offset, limit))

    def _agents_loaded(self, agents) -> None:
        for uid, _username, name in agents:
            self.agent.addItem(name, uid)

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("%1 results").replace("%1", str(total)) if total
                           else self.tr("No results match these filters."))

    def _failed(self, message) -> None:
        self.count.setText(str(message))

    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        self.return_button.setEnabled(bool(rows) and all(r.is_current and r.review_status != "returned"
                                                          and r.qc_status != "returned" for r in rows))
        self.history_button.setEnabled(len(rows) == 1)

    def selected_rows(self):
        return [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    # -- actions -------------------------------------------------------------------
    def ask_return(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        dialog = ReturnDialog(len(rows), self)
        if dialog.exec() != ReturnDialog.DialogCode.Accepted:
            return
        self.return_selected(dialog.text())

    def return_selected(self, comment: str) -> None:
        ids = [r.id for r in self.selected_rows()]
        ctx = self.ctx
        BackgroundOp(self, lambda: sv.return_results(ctx, ids, comment),
                     lambda refused: self._returned(len(ids), refused)).failure(self._action_failed).run()

    def _returned(self, asked: int, refused: dict) -> None:
        done = asked - len(refused)
        done_text = self.tr("%1 result(s) returned to the agent.").replace("%1", str(done))
        if refused:
            details = "\n".join(f"#{rid}: {message(why)}" for rid, why in refused.items())
            QMessageBox.warning(self, self.tr("Some results were not returned"), f"{done_text}\n\n{details}")
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(done_text, 8000)
        self.refresh()
        if hasattr(window, "results_returned"):
            window.results_returned.emit()

    def _call_tooltip(self, row) -> str | None:
        if row.contact_without_call:
            return self.tr("A contacted reason, but the call never connected: check this input.")
        return None

    def _action_failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not possible"), message(exc))

    def show_history(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        ctx, item_id = self.ctx, rows[0].work_item_id
        BackgroundOp(self, lambda: sv.result_history(ctx, item_id),
                     lambda revisions: HistoryDialog(revisions, self, ctx.catalogue).exec()) \
            .failure(self._action_failed).run()



def _sip(row) -> str:
    if row.sip_status is None:
        return "–"
    return f"{row.sip_status} {row.sip_reason or ''}".strip()


def _background(row):
    # A contacted reason on a call that never connected is the input to check first.
    return QBrush(QColor("#fde7e9")) if row.contact_without_call else None


def _colour(row):
    if not row.is_current:
        return QBrush(QColor("#888888"))
    if row.review_status == "returned" or row.qc_status == "returned":
        return QBrush(QColor("#b35c00"))
    return None
