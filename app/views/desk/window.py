"""The agent's desk: pick → call → bill → result → next, in one window, keyboard first.

The window wires widgets to the Desk use cases (app.core.desk.desk, always through
BackgroundOp) and to the softphone (commands are queued to the SIP thread; its
events arrive as queued Qt signals from PhoneSignals).  The wrap-up gate lives
here: from the end of a call until its result is saved, "Next" is refused.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QMessageBox, QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from app.platform import paths
from app.core.desk.bill import lookup_bill
from app.core.context import AppContext
from app.core.desk import CustomerCard, Desk, DeskError, ResultInvalid, SavedResult
from app.domain.programs import Program
from app.views.background import BackgroundOp
from app.views.desk.agent_bar import AgentBar
from app.views.desk.bill_panel import BillPanel
from app.views.desk.call_panel import CallPanel
from app.views.desk.card import CustomerCardWidget
from app.views.desk.help_overlay import SHORTCUTS, HelpOverlay, describe
from app.views.desk.queue_model import QueueModel
from app.views.desk.ticket_panel import TicketPanel
from app.views.desk.wrapup import WrapUpForm
from app.views.formatting import role_label

log = logging.getLogger(__name__)


class AgentDeskWindow(QMainWindow):
    item_opened = Signal(int)
    result_saved = Signal(object)          # SavedResult
    wrapup_started = Signal(int)           # item id

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.desk = Desk(ctx)
        self.phone = ctx.services.get("phone")
        self.card_data: CustomerCard | None = None
        self.attempt_id: int | None = None
        self.wrapup_pending = False
        self.wrapup_started_at: float | None = None
        self.busy = False
        user = ctx.user
        self.setWindowTitle(self.tr("Sambung — agent desk") + f" · {user.full_name}")
        self.resize(1366, 768)

        self.bar = AgentBar(f"{user.full_name} · {role_label(user.role)}")
        self.bar.state_chosen.connect(self._agent_state_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search name, account or phone (Ctrl+F)"))
        self.search.returnPressed.connect(lambda: self.queue_model.refresh(self.search.text()))
        self.queue_model = QueueModel(self._fetch_queue_page, self.desk.is_dialable_now, self)
        self.queue_model.loaded.connect(self._queue_loaded)
        self.queue = QTableView()
        self.queue.setObjectName("queue")
        self.queue.setModel(self.queue_model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.verticalHeader().hide()
        self.queue.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue.activated.connect(lambda _i: self.take_selected())
        self.queue_count = QLabel()
        self.next_button = QPushButton(self.tr("Next customer (Ctrl+N)"))
        self.next_button.setObjectName("next")
        self.next_button.setStyleSheet("font-weight: 600; padding: 6px;")
        self.next_button.clicked.connect(self.next_item)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.next_button)
        lv.addWidget(self.search)
        lv.addWidget(self.queue, 1)
        lv.addWidget(self.queue_count)

        self.card = CustomerCardWidget()
        self.card.recording_requested.connect(self._play_recording)
        self.outcome_summary = QLabel()
        self.outcome_summary.setObjectName("nextStep")
        self.outcome_summary.setWordWrap(True)
        self.outcome_summary.setStyleSheet("font-weight: 600; color: #1f5fa8;")
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.bill = BillPanel()
        self.bill.retry_requested.connect(self._load_bill)
        self.call = CallPanel()
        self.call.dial_requested.connect(self.dial)
        self.call.hangup_requested.connect(self.hangup)
        self.call.hold_toggled.connect(self._hold)
        self.call.mute_toggled.connect(lambda on: self.phone and self.phone.set_mute(on))
        self.call.dtmf_requested.connect(self._dtmf)
        self.call.transfer_requested.connect(self.transfer)
        self.wrapup = WrapUpForm()
        self.wrapup.setEnabled(False)
        self.wrapup.save_requested.connect(self.save_result)
        self.wrapup.draft_changed.connect(self._save_draft)
        wrapup_scroll = QScrollArea()
        wrapup_scroll.setWidget(self.wrapup)
        wrapup_scroll.setWidgetResizable(True)
        wrapup_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        center = QWidget()
        cv = QVBoxLayout(center)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.card)
        self.ticket_panel = TicketPanel(ctx)
        self.ticket_panel.transfer_to_tl_requested.connect(self.transfer)
        cv.addWidget(self.ticket_panel)
        cv.addWidget(self.countdown)
        cv.addWidget(self.outcome_summary)
        cv.addWidget(wrapup_scroll, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.addTab(self.bill, self.tr("Bill (i-payment)"))
        self.side_tabs.addTab(self.card.history_box, self.tr("History"))
        rv.addWidget(self.side_tabs, 1)
        rv.addWidget(self.call)

        split = QSplitter(Qt.Orientation.Horizontal)
        for w, stretch in ((left, 3), (center, 4), (right, 4)):
            split.addWidget(w)
            split.setStretchFactor(split.indexOf(w), stretch)
        split.setSizes([420, 470, 476])
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)
        self.setCentralWidget(root)

        self._install_shortcuts()
        self._install_menu()
        self._countdown_timer = QTimer(self, interval=1000)
        self._countdown_timer.timeout.connect(self._countdown_tick)
        self._countdown_left = 0
        self._outbox_timer = QTimer(self, interval=5000)
        self._outbox_timer.timeout.connect(self._refresh_outbox)
        self._outbox_timer.start()
        self._queue_timer = QTimer(self, interval=30000)
        self._queue_timer.timeout.connect(lambda: self.queue_model.refresh())
        self._queue_timer.start()
        self._shift_started = time.monotonic()

        signals = ctx.services.get("phone_signals")
        if signals is not None:
            signals.registration_changed.connect(self.call.show_registration)
            signals.call_state_changed.connect(self._call_state)
            signals.call_ended.connect(self._call_ended)
            signals.error_raised.connect(lambda msg: self.statusBar().showMessage(msg, 10000))
            if self.phone is not None:
                self.call.show_registration(self.phone.registration())
        self._update_actions()
        self.queue_model.refresh()
        self._refresh_outbox()
        self._run(lambda: self.desk.set_agent_state("ready"))
        self._run(self.desk.unfinished_item, self._resume_unfinished)

    # -- plumbing -----------------------------------------------------------------------
    def _run(self, op, success=None, failure=None) -> None:
        BackgroundOp(self, op, success).failure(failure or self._show_error).run()

    def _show_error(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, (DeskError, ValueError, PermissionError)) else \
            self.tr("Unexpected error: %1").replace("%1", str(exc))
        if not isinstance(exc, (DeskError, ValueError, PermissionError)):
            log.error("desk operation failed", exc_info=exc)
        self.statusBar().showMessage(message, 15000)

    def _install_shortcuts(self) -> None:
        actions = {"next": self.next_item, "search": self._focus_search, "dial": self.dial,
                   "hangup": self.hangup, "hold": lambda: self.call.hold_button.toggle(),
                   "mute": lambda: self.call.mute_button.toggle(), "transfer": self.transfer,
                   "reason": self.wrapup.focus_reason, "save": self.wrapup._save,
                   "no_call": self.result_without_call, "release": self.release_item,
                   "pause": self.bar.toggle_ready, "cancel": self._cancel_countdown}
        self.shortcuts: dict[str, QShortcut] = {}
        for key, name, _text in SHORTCUTS:
            if name in actions:
                sc = QShortcut(QKeySequence(key), self, activated=actions[name])
                sc.setContext(Qt.ShortcutContext.WindowShortcut)
                self.shortcuts[name] = sc
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.wrapup._save)
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{n}"), self, activated=lambda i=n - 1: self.card.choose_phone(i))
        self.dtmf_shortcuts = [QShortcut(QKeySequence(k), self, activated=lambda k=k: self._dtmf(k))
                               for k in "0123456789*#"]
        for sc in self.dtmf_shortcuts:
            sc.setEnabled(False)
        self.next_button.setToolTip(describe("next"))
        self.call.dial_button.setToolTip(describe("dial"))
        self.call.hangup_button.setToolTip(describe("hangup"))

    def _install_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Sambung"))
        menu.addAction(self.tr("Settings…"), QKeySequence("Ctrl+,"), self.show_settings)
        menu.addAction(self.tr("Copy diagnostics for the help desk"), self.copy_diagnostics)
        menu.addAction(self.tr("Keyboard shortcuts"), QKeySequence("F1"), self.show_help)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), QKeySequence("Ctrl+Q"), self.close)

    def show_settings(self) -> None:
        from app.views.settings import SettingsDialog
        SettingsDialog(self.ctx.settings, self.ctx, self).exec()
        self._update_actions()

    def copy_diagnostics(self) -> None:
        from PySide6.QtWidgets import QApplication
        from app.core.diagnostics import collect

        def copied(text: str) -> None:
            QApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Diagnostics copied to the clipboard."), 8000)
        self._run(lambda: collect(self.ctx), copied)

    def show_help(self) -> None:
        HelpOverlay(self).exec()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- the queue ------------------------------------------------------------------------
    def _fetch_queue_page(self, term: str, offset: int, limit: int):
        now = self.ctx.clock.now()
        programs = self.desk.programs()
        rows = self.desk.queue.list_page(self.ctx.user.id, now, term, offset, limit, programs=programs)
        return rows, self.desk.queue.count(self.ctx.user.id, now, term, programs=programs)

    def _queue_loaded(self, total: int) -> None:
        self.queue_count.setText(self.tr("%1 customer(s) in your queue").replace("%1", str(total)))
        if self.queue_model.rowCount() and not self.queue.currentIndex().isValid():
            self.queue.selectRow(0)

    def _busy_reason(self) -> str | None:
        if self.wrapup_pending:
            return self.tr("Save the result of the last call first.")
        if self.call.state not in ("idle", "ended"):
            return self.tr("A call is in progress.")
        if not self.bar.is_ready():
            return self.tr("You are not ready: choose Ready (Ctrl+P) to take customers.")
        return None

    def next_item(self) -> None:
        why = self._busy_reason()
        if why:
            self.statusBar().showMessage(why, 8000)
            return
        self._release_open_item()
        self._run(self.desk.claim_next, self._claimed)

    def take_selected(self) -> None:
        why = self._busy_reason()
        index = self.queue.currentIndex()
        if why or not index.isValid():
            if why:
                self.statusBar().showMessage(why, 8000)
            return
        item_id = self.queue_model.row_at(index.row()).item_id
        if self.card_data is not None and self.card_data.item_id == item_id:
            return
        self._release_open_item()
        self._run(lambda: item_id if self.desk.claim(item_id) else None, self._claimed)

    def _release_open_item(self) -> None:
        if self.card_data is not None and self.card_data.state == "claimed" and not self.wrapup_pending:
            item_id = self.card_data.item_id
            self._run(lambda: self.desk.release(item_id))
        self._clear_item()

    def release_item(self) -> None:
        if self.wrapup_pending or self.call.state not in ("idle", "ended"):
            self.statusBar().showMessage(self._busy_reason() or "", 8000)
            return
        self._release_open_item()
        self.queue_model.refresh()

    def _claimed(self, item_id: int | None) -> None:
        if item_id is None:
            self.statusBar().showMessage(self.tr("No customer can be called now: the queue is empty or "
                                                 "outside calling hours."), 10000)
            self.queue_model.refresh()
            return
        self.open_item(item_id)

    def open_item(self, item_id: int) -> None:
        self._run(lambda: self.desk.card(item_id), self._show_card)

    def _show_card(self, card: CustomerCard) -> None:
        self.card_data = card
        self.card.show_card(card)
        self.ticket_panel.show_ticket(card)
        self.outcome_summary.clear()
        self._load_bill()
        self.item_opened.emit(card.item_id)
        self.queue_model.refresh()
        if card.state in ("in_call", "wrap_up"):
            self._enter_wrapup(card.open_attempt_id, None, reload_card=False)
            return
        self._update_actions()
        seconds = int(self.ctx.settings.get("desk.auto_dial_seconds") or 0)
        if seconds > 0 and self.call.can_dial:
            self._countdown_left = seconds
            self._countdown_tick()
            self._countdown_timer.start()

    def _refresh_card(self, card: CustomerCard) -> None:
        if self.card_data is not None and card.item_id == self.card_data.item_id:
            self.card_data = card
            self.card.show_card(card)

    def _clear_item(self) -> None:
        self._cancel_countdown()
        self.card_data = None
        self.attempt_id = None
        self.card.show_card(None)
        self.ticket_panel.show_ticket(None)
        self.bill.show_empty()
        self.wrapup.set_bill(None)
        self._update_actions()

    def _resume_unfinished(self, item_id: int | None) -> None:
        if item_id is None:
            return
        self.statusBar().showMessage(self.tr("Restoring the unfinished wrap-up of your last call."), 10000)
        self._run(lambda: (self.desk.recover_interrupted(item_id), item_id)[1], self.open_item)

    # -- auto-dial countdown ----------------------------------------------------------
    def _countdown_tick(self) -> None:
        if self._countdown_left <= 0:
            self._countdown_timer.stop()
            self.countdown.clear()
            self.dial()
            return
        self.countdown.setText(self.tr("Dialling automatically in %1 s — Esc to cancel")
                               .replace("%1", str(self._countdown_left)))
        self._countdown_left -= 1

    def _cancel_countdown(self) -> None:
        self._countdown_timer.stop()
        self._countdown_left = 0
        self.countdown.clear()

    # -- bill ----------------------------------------------------------------------------
    def _load_bill(self) -> None:
        if self.card_data is None:
            return
        account = self.card_data.account_number
        self.bill.show_loading()
        self._run(lambda: lookup_bill(self.ctx, account), self._bill_loaded)

    def _bill_loaded(self, view) -> None:
        if self.card_data is not None and (view.bill is None or view.bill.account_number ==
                                           self.card_data.account_number):
            self.bill.show_view(view)
            self.wrapup.set_bill(view.bill)

    # -- the call ---------------------------------------------------------------------------
    def _update_actions(self) -> None:
        card = self.card_data
        why = ""
        can = card is not None and not self.wrapup_pending and self.phone is not None
        if card is not None and not self.desk.is_dialable_now(card.region):
            can, why = False, self.tr("Outside the customer's calling hours.")
        elif self.phone is None:
            why = self.tr("The softphone is not running.")
        self.call.set_can_dial(can, why)
        self.next_button.setEnabled(not self.wrapup_pending)

    def dial(self) -> None:
        self._cancel_countdown()
        card = self.card_data
        if card is None or self.phone is None or not self.call.can_dial:
            self.statusBar().showMessage(self.call.dial_button.toolTip() or self.tr("Open a customer first."), 8000)
            return
        if self.call.state not in ("idle", "ended"):
            self.statusBar().showMessage(self.tr("A call is already active; hang up first."), 8000)
            return
        phone_id = self.card.current_phone_id()
        if phone_id is None:
            self.statusBar().showMessage(self.tr("This customer has no valid number: record the result "
                                                 "without a call (Ctrl+W)."), 10000)
            return
        self.call.show_state("dialing")
        self._run(lambda: self.desk.start_attempt(card.item_id, phone_id), self._attempt_started,
                  self._dial_failed)

    def _dial_failed(self, exc: BaseException) -> None:
        self.call.show_state("idle")
        self._show_error(exc)

    def _attempt_started(self, started) -> None:
        self.attempt_id = started.attempt_id
        self.wrapup_pending = True
        self._update_actions()
        self._run(lambda: self.desk.set_agent_state("in_call"))
        record = paths.recordings_dir() / f"attempt-{started.attempt_id}.wav"
        try:
            self.phone.dial(started.dial_target, attempt_id=str(started.attempt_id), record_path=record)
        except Exception as exc:   # CallRefused and friends: the attempt stays, wrap-up follows
            self.statusBar().showMessage(str(exc), 10000)
            self._finish_without_outcome(str(exc))

    def _finish_without_outcome(self, reason: str) -> None:
        attempt_id = self.attempt_id
        self._run(lambda: self.desk.finish_attempt(attempt_id, answered=False, status_code=None, reason=reason,
                                                   ring_seconds=0.0, talk_seconds=0.0, recording_path=None,
                                                   recording_error=None, suggested_reason=None),
                  lambda _r: self._enter_wrapup(attempt_id, None))

    def hangup(self) -> None:
        if self.phone is not None and self.call.state not in ("idle", "ended"):
            self.phone.hangup()

    def _hold(self, on: bool) -> None:
        if self.phone is not None:
            self.phone.hold() if on else self.phone.resume()

    def _dtmf(self, digit: str) -> None:
        if self.phone is not None and self.call.state == "connected":
            self.phone.send_dtmf(digit)
            self.statusBar().showMessage(self.tr("DTMF sent: %1").replace("%1", digit), 2000)

    def transfer(self) -> None:
        target = self.ctx.settings.get("sip.supervisor_number") or ""
        if not target:
            self.statusBar().showMessage(self.tr("No supervisor number is set in the settings."), 8000)
            return
        if self.phone is not None and self.call.state in ("connected", "on_hold"):
            self.phone.transfer(target)

    def _call_state(self, snapshot) -> None:
        self.call.show_state(snapshot.state, snapshot.muted, snapshot.on_hold)
        for sc in self.dtmf_shortcuts:
            sc.setEnabled(snapshot.state == "connected")

    def _call_ended(self, outcome) -> None:
        for sc in self.dtmf_shortcuts:
            sc.setEnabled(False)
        self.call.show_state("ended")
        text = outcome.message_id if self.ctx.settings.get("language", "id") == "id" else outcome.message_en
        self.call.show_outcome(text, outcome.answered)
        if outcome.recording_error:
            self.statusBar().showMessage(outcome.recording_error, 15000)
        attempt_id = int(outcome.attempt_id) if outcome.attempt_id else self.attempt_id
        if attempt_id is None:
            return
        self._run(lambda: self.desk.finish_attempt(
            attempt_id, answered=outcome.answered, status_code=outcome.status_code, reason=outcome.reason,
            ring_seconds=outcome.ring_seconds, talk_seconds=outcome.talk_seconds,
            recording_path=outcome.recording_path, recording_error=outcome.recording_error,
            suggested_reason=outcome.suggested_reason_code or None),
            lambda _r: self._enter_wrapup(attempt_id, outcome.suggested_reason_code or None))

    # -- wrap-up ------------------------------------------------------------------------------
    def result_without_call(self) -> None:
        if self.card_data is None or self.wrapup_pending:
            return
        self._enter_wrapup(None, "NC-NON")

    def _enter_wrapup(self, attempt_id: int | None, suggested: str | None, reload_card: bool = True) -> None:
        card = self.card_data
        if card is None:
            return
        self.attempt_id = attempt_id
        self.wrapup_pending = True
        self.wrapup_started_at = time.monotonic()
        self._update_actions()
        self._run(lambda: self.desk.set_agent_state("wrap_up"))
        program = Program(card.program)
        reasons = [r for r in self.ctx.catalogue.for_program(program)
                   if attempt_id is not None or not r.counts_as_attempt]
        item_id = card.item_id
        if reload_card:         # the call just made belongs in the history
            self._run(lambda: self.desk.card(item_id), self._refresh_card)

        def start(draft: dict[str, Any] | None) -> None:
            self.wrapup.start(reasons, suggested, draft, self.ctx.settings.get("language", "id"))
            self.wrapup.reason.setFocus()
            self.wrapup_started.emit(item_id)
        self._run(lambda: self.desk.load_draft(item_id), start)

    def _save_draft(self, payload: dict[str, Any]) -> None:
        if self.card_data is None or not self.wrapup_pending:
            return
        item_id, attempt_id = self.card_data.item_id, self.attempt_id
        self._run(lambda: self.desk.save_draft(item_id, attempt_id, payload))

    def save_result(self, reason_code: str, fields: dict[str, Any], notes: str) -> None:
        card = self.card_data
        if card is None or not self.wrapup_pending:
            return
        wrapup = time.monotonic() - self.wrapup_started_at if self.wrapup_started_at else None
        attempt_id = self.attempt_id
        self.wrapup.save_button.setEnabled(False)
        self._run(lambda: self.desk.save_result(card.item_id, attempt_id, reason_code, fields, notes, wrapup),
                  self._result_saved, self._result_failed)

    def _result_failed(self, exc: BaseException) -> None:
        self.wrapup.save_button.setEnabled(True)
        if isinstance(exc, ResultInvalid):
            self.wrapup.show_errors(exc.errors)
            self.statusBar().showMessage(self.tr("Check the marked fields."), 8000)
        else:
            self._show_error(exc)

    def _result_saved(self, saved: SavedResult) -> None:
        self.wrapup_pending = False
        self.wrapup.save_button.setEnabled(True)
        self.wrapup.setEnabled(False)
        lang = self.ctx.settings.get("language", "id")
        summary = saved.decision.summary_id if lang == "id" else saved.decision.summary_en
        self.outcome_summary.setText(self.tr("Saved. %1 — Ctrl+N for the next customer.").replace("%1", summary))
        self.statusBar().showMessage(self.tr("Result saved: %1").replace("%1", summary), 10000)
        self.card.show_saved(saved.decision.next_state.value, saved.decision.next_attempt_at)
        self.card_data = None
        self.attempt_id = None
        self.ticket_panel.show_ticket(None)
        self.call.show_state("idle")
        self._update_actions()
        self.queue_model.refresh()
        self._refresh_outbox()
        outbox = self.ctx.services.get("outbox")
        if outbox is not None:
            outbox.wake()
        if self.bar.is_ready():
            self._run(lambda: self.desk.set_agent_state("ready"))
        self.result_saved.emit(saved)
        self.next_button.setFocus()

    # -- agent state, outbox, recordings ------------------------------------------------------------
    def _agent_state_chosen(self, state: str, reason) -> None:
        if self.wrapup_pending or self.call.state not in ("idle", "ended"):
            return      # recorded when the call/wrap-up ends
        self._run(lambda: self.desk.set_agent_state(state, reason))

    def _refresh_outbox(self) -> None:
        from app.core.deliveries import delivery_totals
        self._run(lambda: delivery_totals(self.ctx), lambda c: self.bar.show_outbox(c.pending, c.failed))
        minutes = int((time.monotonic() - self._shift_started) // 60)
        self.bar.shift.setText(self.tr("Shift: %1 min").replace("%1", str(minutes)))

    def _play_recording(self, path: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.statusBar().showMessage(self.tr("Cannot open the recording %1").replace("%1", path), 8000)

    def closeEvent(self, event) -> None:
        if self.call.state not in ("idle", "ended"):
            answer = QMessageBox.question(self, self.tr("Call in progress"),
                                          self.tr("A call is in progress. Hang up and close?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.hangup()
        self.wrapup.flush_draft()
        if self.card_data is not None and self.card_data.state == "claimed" and not self.wrapup_pending:
            item_id = self.card_data.item_id
            try:
                self.desk.release(item_id)   # closing: a short synchronous write is acceptable
            except Exception:  # noqa: BLE001 - the claim expires by itself anyway
                log.warning("could not release item on close", exc_info=True)
        try:
            self.desk.set_agent_state("logged_out")
        except Exception:  # noqa: BLE001
            log.warning("could not record logout", exc_info=True)
        super().closeEvent(event)
