"""The Support HC desk (W-24 5.1.3-5.1.6, 5.2.3-5.2.7, 5.3.3-5.3.8): the queue of hard complaints and
promise tickets, pulled from Sephia; forward a case to TIAL REG or C4; record the repair progress, which
reaches the ticket (the TL and the Tier-2 agent read it there), the escort TL and the Callback app.

Layout and wiring only: every read and write is app.core.supporthc.cases through
PagedTableModel / BackgroundOp; a refusal is shown in plain words under the buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.views.background import BackgroundOp
from app.views.i18n import user_message
from app.views.paged import Column, PagedTableModel, row_table

KIND_LABELS = {"hard_complaint": QT_TRANSLATE_NOOP("SupportHc", "Hard complaint"),
               "super_emergency": QT_TRANSLATE_NOOP("SupportHc", "Super emergency"),
               "buzzer": QT_TRANSLATE_NOOP("SupportHc", "Buzzer"),
               "buzzer_visit": QT_TRANSLATE_NOOP("SupportHc", "Buzzer visit")}
STATUS_LABELS = {"reported": QT_TRANSLATE_NOOP("SupportHc", "Reported"),
                 "forwarded": QT_TRANSLATE_NOOP("SupportHc", "Forwarded"),
                 "in_progress": QT_TRANSLATE_NOOP("SupportHc", "In progress"),
                 "closed": QT_TRANSLATE_NOOP("SupportHc", "Closed")}


def _label(table: dict, value: str) -> str:
    return QCoreApplication.translate("SupportHc", table.get(value, value))


class SupportHcWindow(QMainWindow):
    pulled = Signal(object)            # app.core.supporthc.cases.PullSummary
    case_changed = Signal(object)      # app.core.supporthc.cases.CaseRow after a forward or progress

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        name = ctx.user.full_name if ctx.user else ""
        self.setWindowTitle(self.tr("Sambung – Support HC – %1").replace("%1", name))
        columns = [
            Column(self.tr("Case"), lambda c: c.reference),
            Column(self.tr("Type"), lambda c: _label(KIND_LABELS, c.kind)),
            Column(self.tr("Status"), lambda c: _label(STATUS_LABELS, c.status)),
            Column(self.tr("Customer"), lambda c: c.customer_name),
            Column(self.tr("Segment"), lambda c: c.segment),
            Column(self.tr("Ticket"), lambda c: c.ticket_number or ""),
            Column(self.tr("Sephia"), lambda c: c.sephia_id or ""),
            Column(self.tr("Criteria"), lambda c: "; ".join(c.criteria)),
        ]
        self.search = QLineEdit(objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("Search customer, account, ticket or Sephia number"))
        self.search.returnPressed.connect(self.refresh)
        self.model = PagedTableModel(columns, self._fetch, self)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("%1 open case(s)").replace("%1", str(n))))
        self.table = row_table(self.model, "caseTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(lambda _i: self._show_selected())
        self.count = QLabel()
        self.details = QLabel(objectName="caseDetails", wordWrap=True)
        self.pull_button = QPushButton(self.tr("Pull from Sephia"), objectName="pullSephia")
        self.pull_button.clicked.connect(self.pull)
        self.forward_buttons = {"tial_reg": QPushButton(self.tr("Forward to TIAL REG"), objectName="forwardTialReg"),
                                "c4": QPushButton(self.tr("Forward to C4"), objectName="forwardC4")}
        for target, button in self.forward_buttons.items():
            button.clicked.connect(lambda _=False, t=target: self.forward(t))
        self.progress = QPlainTextEdit(objectName="caseProgress")
        self.progress.setPlaceholderText(self.tr("Repair progress received from the unit"))
        self.progress.setMaximumHeight(80)
        self.close_case = QCheckBox(self.tr("Solved: close the case"), objectName="closeCase")
        self.progress_button = QPushButton(self.tr("Record progress"), objectName="recordProgress")
        self.progress_button.clicked.connect(self.record_progress)
        self.message = QLabel(objectName="caseMessage", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.pull_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch(1)
        for button in self.forward_buttons.values():
            actions.addWidget(button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        side = QVBoxLayout()
        side.addWidget(self.close_case)
        side.addWidget(self.progress_button)
        progress_row.addLayout(side)
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.details)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        self.setCentralWidget(root)
        self.resize(1366, 768)
        self.refresh()

    # -- data ----------------------------------------------------------------------------------------
    def _fetch(self, offset: int, limit: int):
        from app.core.supporthc.cases import case_page
        return case_page(self.ctx, self.search.text(), offset, limit)

    def refresh(self) -> None:
        self.model.refresh()

    def selected_case(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        case = self.selected_case()
        if case is None:
            self.details.clear()
            return
        self.details.setText("\n".join(filter(None, (
            f"{case.reference} · {case.account_number} · {case.customer_name}",
            case.note, case.progress))))

    # -- actions -------------------------------------------------------------------------------------
    def pull(self) -> None:
        client = self.ctx.services.get("sephia")
        if client is None:
            self._say(self.tr("Sephia's address is not set (Settings → Connections)."), error=True)
            return
        from app.core.supporthc.cases import pull_from_sephia
        self.pull_button.setEnabled(False)
        BackgroundOp(self, lambda: pull_from_sephia(self.ctx, client), self._pulled).failure(self._failed).run()

    def _pulled(self, summary) -> None:
        self.pull_button.setEnabled(True)
        self._say(summary.text())
        self.refresh()
        self.pulled.emit(summary)

    def forward(self, target: str) -> None:
        case = self.selected_case()
        if case is None:
            self._say(self.tr("Choose a case first."), error=True)
            return
        note = self.progress.toPlainText().strip()
        from app.core.supporthc.cases import forward_case
        BackgroundOp(self, lambda: forward_case(self.ctx, case.case_id, target, note),
                     self._changed).failure(self._failed).run()

    def record_progress(self) -> None:
        case = self.selected_case()
        if case is None:
            self._say(self.tr("Choose a case first."), error=True)
            return
        text, close = self.progress.toPlainText(), self.close_case.isChecked()
        from app.core.supporthc.cases import record_progress
        BackgroundOp(self, lambda: record_progress(self.ctx, case.case_id, text, close),
                     self._changed).failure(self._failed).run()

    def _changed(self, case) -> None:
        self.progress.clear()
        self.close_case.setChecked(False)
        self._say(self.tr("%1: %2").replace("%1", case.reference).replace("%2", _label(STATUS_LABELS, case.status)))
        self.refresh()
        self.case_changed.emit(case)

    def _failed(self, exc: BaseException) -> None:
        self.pull_button.setEnabled(True)
        self._say(user_message(exc), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;" if error else "color: #2e7d32;")
        self.message.setText(text)
