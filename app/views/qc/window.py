"""The QC officer's window: the queue of agree calls, the recording player, the
scoring form, approve / return, and the validation report export.

Before a verdict the window says what is still missing — checklist items not scored,
how much of the recording was heard against the site's share, or a reason for not
listening — and an approval below the pass score asks first.  The rule itself is the
core's (app.core.supervision.qc), which refuses a verdict that skips it.  All database
and file work goes through BackgroundOp; the window only shows results and collects
the officer's verdict.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from app.core import supervision as sv
from app.core.supervision.common import SITE_ZONE
from app.domain.qc_listening import Listening, heard_fraction, listening_refusal
from app.views.app_menu import install_app_menu
from app.views.i18n import current_language, message
from app.views.file_dialogs import save_file
from app.views.background import BackgroundOp
from app.views.dialogs import ask_yes_no
from app.views.form_rows import date_edit
from app.views.formatting import duration, money
from app.views.paged import Column, PagedTableModel, row_table
from app.views.qc.player import RecordingPlayer, clock
from app.views.qc.scoring import ScoringForm


class QcWindow(QMainWindow):
    verdict_saved = Signal(int, str)          # result id, "approved" / "returned"
    report_written = Signal(object)           # path, or the exception

    def __init__(self, ctx, checklist: sv.Checklist | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.checklist = checklist or sv.Checklist.load()
        self.current = None
        user = ctx.user
        self.setWindowTitle(self.tr("Sambung – QC – %1").replace("%1", user.full_name if user else ""))

        columns = [
            Column(self.tr("Time"), lambda r: r.created_at.astimezone(SITE_ZONE).strftime("%d/%m %H:%M")),
            Column(self.tr("Agent"), lambda r: r.agent_name),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Internet no."), lambda r: r.account_number),
            Column(self.tr("Promise"), lambda r: r.promise_date.strftime("%d/%m/%Y") if r.promise_date else ""),
            Column(self.tr("Amount"), lambda r: money(r.promise_amount), align_right=True),
            Column(self.tr("Talk"), lambda r: duration(r.talk_seconds), align_right=True),
        ]
        self.model = PagedTableModel(columns, lambda offset, limit: sv.qc_queue(ctx, offset, limit), self)
        self.queue = row_table(self.model, "qcQueue")
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.queue.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.select(cur.row()))
        self.queue_label = QLabel()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.queue_label, 1)
        queue_bar.addWidget(refresh)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Agree calls waiting for validation")))
        left_layout.addWidget(self.queue, 1)
        left_layout.addLayout(queue_bar)

        # the selected call
        self.details = {key: QLabel() for key in ("customer", "agent", "promise", "notes")}
        self.details["notes"].setWordWrap(True)
        call_box = QGroupBox(self.tr("Call"))
        call_form = QFormLayout(call_box)
        call_form.addRow(self.tr("Customer"), self.details["customer"])
        call_form.addRow(self.tr("Agent"), self.details["agent"])
        call_form.addRow(self.tr("Promise to pay"), self.details["promise"])
        call_form.addRow(self.tr("Agent notes"), self.details["notes"])
        self.player = RecordingPlayer()
        call_form.addRow(self.player)
        self.min_percent = sv.min_listened_percent(ctx)
        self.heard_label = QLabel()
        self.heard_label.setObjectName("heardLabel")
        self.heard_label.setWordWrap(True)
        self.unheard_reason = QLineEdit()
        self.unheard_reason.setObjectName("unheardReason")
        self.unheard_reason.setPlaceholderText(self.tr("Why you judge without hearing the recording"))
        call_form.addRow(self.tr("Heard"), self.heard_label)
        call_form.addRow(self.tr("Not listened because"), self.unheard_reason)
        self.player.heard_changed.connect(lambda _s: self._show_readiness())
        self.player.loaded.connect(lambda _ms: self._show_readiness())
        self.player.failed.connect(lambda _m: self._show_readiness())
        self.unheard_reason.textChanged.connect(lambda _t: self._show_readiness())

        self.scoring = ScoringForm(self.checklist, current_language())
        self.scoring.changed.connect(lambda _t: self._show_readiness())
        score_box = QGroupBox(self.tr("Scoring"))
        QVBoxLayout(score_box).addWidget(self.scoring)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("QC notes (required when returning)"))
        self.notes.setMaximumHeight(70)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approveButton")
        self.return_button = QPushButton(self.tr("Return to agent"))
        self.return_button.setObjectName("qcReturnButton")
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_to_agent)
        self.readiness = QLabel()
        self.readiness.setObjectName("verdictReadiness")
        self.readiness.setWordWrap(True)
        verdict = QHBoxLayout()
        verdict.addWidget(self.readiness, 1)
        verdict.addWidget(self.return_button)
        verdict.addWidget(self.approve_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(call_box)
        right_layout.addWidget(score_box)
        right_layout.addWidget(self.notes)
        right_layout.addLayout(verdict)
        right_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([700, 640])

        # the validation report
        today = sv.site_today(ctx)
        self.report_from, self.report_to = date_edit(today.replace(day=1)), date_edit(today)
        self.report_button = QPushButton(self.tr("Export report…"))
        self.report_button.clicked.connect(self.ask_report)
        report = QHBoxLayout()
        report.addWidget(QLabel(self.tr("Validation report:")))
        report.addWidget(self.report_from)
        report.addWidget(QLabel("–"))
        report.addWidget(self.report_to)
        report.addWidget(self.report_button)
        report.addStretch(1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(report)
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(QLabel(user.full_name if user else ""))
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.queue_label.setText)
        self._show_call(None)
        install_app_menu(self, ctx)
        self.resize(1366, 768)
        self.queue.setFocus()
        self.refresh()

    # -- queue ----------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.refresh()

    def _loaded(self, total: int) -> None:
        self.queue_label.setText(self.tr("%1 calls waiting").replace("%1", str(total)) if total
                                 else self.tr("No agree calls are waiting for QC."))
        if self.current is not None and self.current.result_id not in {r.result_id for r in self.model.rows}:
            self._show_call(None)
        if self.current is None and total:
            self.queue.selectRow(0)            # the oldest call is the next one to validate

    def select(self, row: int) -> None:
        self._show_call(self.model.row_at(row))

    def _show_call(self, item) -> None:
        self.current = item
        has = item is not None
        for w in (self.approve_button, self.return_button, self.scoring, self.notes, self.unheard_reason):
            w.setEnabled(has)
        self.scoring.reset()
        self.notes.clear()
        self.unheard_reason.clear()
        if not has:
            for label in self.details.values():
                label.setText("–")
            self.player.clear()
            self._show_readiness()
            return
        self.details["customer"].setText(f"{item.customer_name} ({item.account_number}) · {item.program}")
        self.details["agent"].setText(item.agent_name)
        promise = "–"
        if item.promise_date:
            promise = f"{item.promise_date:%d/%m/%Y} · {money(item.promise_amount)}"
        self.details["promise"].setText(promise)
        self.details["notes"].setText(item.notes or "–")
        self._load_recording(item)
        self._show_readiness()

    def _load_recording(self, item) -> None:
        """The recording from the site's store, checked against its SHA-256 (issue 14), off the GUI thread."""
        if item.attempt_id is None:
            self.player.load(None)
            return
        from app.core.supervision.recordings import recording_for_review
        self.player.clear()
        self.player.message.setText(self.tr("Fetching the recording…"))
        ctx, attempt_id = self.ctx, item.attempt_id
        BackgroundOp(self, lambda: recording_for_review(ctx, attempt_id),
                     lambda path: self.player.load(str(path)) if self.current is item else None) \
            .failure(lambda exc: self.player._fail(message(exc)) if self.current is item else None).run()

    # -- before a verdict -------------------------------------------------------------
    def listening(self) -> Listening:
        return Listening(self.player.heard_seconds(), self.unheard_reason.text())

    def missing(self) -> list[str]:
        """What the officer must still do before a verdict, in words (empty: ready)."""
        out = []
        unscored = self.scoring.unscored()
        if unscored:
            out.append(self.tr("Score %1 more checklist item(s).").replace("%1", str(unscored)))
        refusal = listening_refusal(self.listening(), self.player.duration_seconds(), self.min_percent)
        if refusal is not None:
            out.append(message(refusal))
        return out

    def _show_readiness(self) -> None:
        heard, length = self.player.heard_seconds(), self.player.duration_seconds()
        fraction = heard_fraction(heard, length)
        if fraction is None:
            self.heard_label.setText(self.tr("no recording to hear"))
        else:
            self.heard_label.setText(self.tr("%1 of %2 (%3%; at least %4% before a verdict)")
                                     .replace("%1", clock(int(heard * 1000))).replace("%2", clock(int(length * 1000)))
                                     .replace("%3", str(round(fraction * 100))).replace("%4", f"{self.min_percent:g}"))
        if self.current is None:
            self.readiness.setText("")
            return
        missing = self.missing()
        self.readiness.setText(" ".join(missing) if missing else self.tr("Ready for a verdict."))
        self.readiness.setStyleSheet("color: #b00020;" if missing else "color: #2e7d32;")

    # -- verdicts -------------------------------------------------------------------
    def _ready(self) -> bool:
        missing = self.missing()
        if missing:
            self.statusBar().showMessage(" ".join(missing), 10000)
            if self.scoring.unscored():
                self.scoring.setFocus()
            else:
                self.unheard_reason.setFocus()
        return not missing

    def approve(self) -> None:
        if self.current is None or not self._ready():
            return
        if not self.scoring.passed() and not ask_yes_no(
                self, self.tr("Approve below the pass score?"),
                self.tr("The score is %1, below the pass score of %2. Approve this call anyway?")
                .replace("%1", f"{self.scoring.total():g}").replace("%2", f"{self.checklist.pass_score:g}")):
            return
        ctx, rid, scores, notes = self.ctx, self.current.result_id, self.scoring.values(), self.notes.toPlainText()
        listening = self.listening()
        BackgroundOp(self, lambda: sv.qc_approve(ctx, rid, scores, notes, self.checklist, listening=listening),
                     lambda score: self._saved(rid, "approved", score)).failure(self._refused).run()

    def return_to_agent(self) -> None:
        if self.current is None:
            return
        notes = self.notes.toPlainText().strip()
        if not notes:
            self.notes.setFocus()
            self.statusBar().showMessage(self.tr("Write what the agent must do again before returning."), 8000)
            return
        if not self._ready():
            return
        ctx, rid, scores, listening = self.ctx, self.current.result_id, self.scoring.values(), self.listening()
        BackgroundOp(self, lambda: sv.qc_return(ctx, rid, notes, scores, self.checklist, listening=listening),
                     lambda score: self._saved(rid, "returned", score)).failure(self._refused).run()

    def _saved(self, rid: int, verdict: str, score: float) -> None:
        text = (self.tr("Approved with score %1.") if verdict == "approved"
                else self.tr("Returned to the agent (score %1)."))
        self.statusBar().showMessage(text.replace("%1", f"{score:g}"), 8000)
        self.player.clear()
        self._show_call(None)
        self.queue.clearSelection()
        self.refresh()
        self.verdict_saved.emit(rid, verdict)

    def _refused(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message(exc))
        self.refresh()

    # -- report -----------------------------------------------------------------------
    def ask_report(self) -> None:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        start = self.report_from.date().toPython()
        suggested = str(Path(docs) / f"validasi_qc_{start:%Y%m}.xlsx")
        path = save_file(self, self.tr("Save validation report"), suggested,
                         self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_report(Path(path))

    def export_report(self, path: Path) -> None:
        ctx = self.ctx
        start, end = self.report_from.date().toPython(), self.report_to.date().toPython()
        start, end = min(start, end), max(start, end)
        self.report_button.setEnabled(False)

        def done(count: int) -> None:
            self.report_button.setEnabled(True)
            self.statusBar().showMessage(self.tr("%1 rows written to %2.").replace("%1", str(count))
                                         .replace("%2", str(path)), 10000)
            self.report_written.emit(path)

        def failed(exc: BaseException) -> None:
            self.report_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("Report not written"), message(exc))
            self.report_written.emit(exc)

        BackgroundOp(self, lambda: sv.export_qc_report(ctx, start, end, path, self.checklist), done) \
            .failure(failed).run()

    def closeEvent(self, event) -> None:
        self.player.clear()
        super().closeEvent(event)

