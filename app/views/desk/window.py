"""The agent's desk: pick → call → bill → result → next, in one window, keyboard first.

Subscriptions and asks only (the panels: app.views.desk.layout).  The agent's `Shift` (app.core.desk.shift) and the
customer's `DeskSession` decide and act; this window asks them (F5 → `session.dial()`)
and shows their facts.  Each new customer starts from blank panels: nothing of the
previous customer's reason, amount, notes, errors, call result or timer survives.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from app.core.context import AppContext
from app.core.desk.errors import DeskError
from app.core.desk.session import DeskSession, SessionEnd, SessionState
from app.core.desk.shift import AgentState, Shift
from app.core.events import Changes
from app.domain.text import Text
from app.platform import paths
from app.views.desk import keys
from app.views.desk.layout import lay_out
from app.views.desk.messages import busy_text, dial_refusal_text
from app.views.dialogs import ask_yes_no
from app.views.facts import Subscriptions, subscribe
from app.views.i18n import message
from app.views.shutdown import stopping

log = logging.getLogger(__name__)


class AgentDeskWindow(QMainWindow):
    item_opened = Signal(int)
    wrapup_started = Signal(int)           # item id
    result_saved = Signal(object)          # SavedResult

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shift = Shift(ctx, record_dir=paths.recordings_dir())
        self.desk = self.shift.desk
        self.session: DeskSession | None = None
        self._session_facts = Subscriptions(self)
        self._opened_item: int | None = None
        self._closed = False
        self.closing = False            # agreed to close: the shift ends, then the window closes itself
        self.setWindowTitle(self.tr("Sambung — agent desk") + f" · {ctx.user.full_name}")
        self.resize(1366, 768)
        lay_out(self)
        keys.install(self)
        self._subscribe()
        # Other desktops change the queue and deliver messages too: a slow look now and then.
        QTimer(self, interval=30000, timeout=lambda: self.queue_model.refresh()).start()
        QTimer(self, interval=20000, timeout=lambda: self.card.show_local_time(ctx.clock.now())).start()
        self._show_idle()
        self.queue_model.refresh()
        self.bar.watch_deliveries(ctx)
        self.my_day.loaded.connect(lambda day: self.bar.show_shift(day.shift_started_at, ctx.clock.now()))
        self.my_day.callback_opened.connect(self.open_item)
        self.my_day.refresh()
        asyncio.ensure_future(self.shift.start())

    # -- subscriptions -------------------------------------------------------------------------
    def _subscribe(self) -> None:
        shift, phone = self.shift, self.ctx.phone
        subscribe(self, shift.session_opened, self._session_opened)
        subscribe(self, shift.nothing_claimed, lambda _v: self.notify(self.tr(
            "No customer can be called now: the queue is empty or outside calling hours.")))
        subscribe(self, shift.resuming, lambda _i: self.notify(self.tr(
            "Restoring the unfinished wrap-up of your last call.")))
        subscribe(self, shift.failed, self.notify)
        subscribe(self, shift.take_refused, self.notify)
        subscribe(self, self.ctx.changed, self._changed)
        self.bar.state_chosen.connect(lambda state, reason: shift.choose_state(AgentState(state, reason)))
        self.queue_view.item_picked.connect(self.open_item)
        self.queue_view.load_failed.connect(self.notify)
        self.next_button.clicked.connect(self.next_item)
        self.card.phone_chosen.connect(lambda phone_id: self.session and self.session.choose_phone(phone_id))
        self.card.recording_failed.connect(self.notify)
        self.card.reinput_requested.connect(self.reinput)
        self.bill.retry_requested.connect(self.reload_bill)
        self.call.dial_requested.connect(self.dial)
        self.call.number_dial_requested.connect(lambda number: self._ask_session(lambda s: s.dial(number=number)))
        self.call.hangup_requested.connect(self.hangup)
        self.call.hold_toggled.connect(lambda on: self.session and self.session.hold(on))
        self.call.mute_toggled.connect(lambda on: self.session and self.session.mute(on))
        self.call.dtmf_requested.connect(self.dtmf)
        handover = self.call.handover
        handover.consult_requested.connect(self.transfer)
        handover.blind_requested.connect(lambda: self._ask_session(lambda s: s.transfer(self._team_leader())))
        handover.complete_requested.connect(lambda: self._ask_session(lambda s: s.complete_consult()))
        handover.conference_requested.connect(lambda: self._ask_session(lambda s: s.conference()))
        handover.back_requested.connect(lambda: self._ask_session(lambda s: s.cancel_consult()))
        self.ticket_panel.transfer_to_tl_requested.connect(self.transfer)
        self.wrapup.save_requested.connect(self.save_result)
        self.wrapup.draft_changed.connect(lambda payload: self.session and self.session.save_draft(payload))
        if phone is not None:
            subscribe(self, phone.events.registration_changed, self.call.show_registration)
            subscribe(self, phone.events.error_raised, self.notify)
            subscribe(self, phone.status_changed, self._phone_status)
            self._phone_status(phone.status)

    def _phone_status(self, status: str) -> None:
        phone = self.ctx.phone
        if phone is None:           # the program is stopping
            return
        if status == "running":
            self.call.show_registration(phone.registration())
            self.call.ring_timeout = phone.config.ring_timeout_seconds
        else:
            self.call.show_phone_status(status, phone.failure)
        self._update_actions()

    def _session_opened(self, session: DeskSession) -> None:
        self.session, self._opened_item = session, None
        self._show_idle()
        on = self._session_facts
        on.clear()                      # the last customer's facts end here
        for panel in (self.call, self.bill, self.wrapup, self.next_step):
            panel.bind(on, session)
        self.card.bind(on, session, self.ctx.clock)
        for fact, slot in ((session.card_shown, self._card_shown),
                           (session.state_changed, lambda _s: self._update_actions()),
                           (session.call_ended, lambda o: o.recording_error and self.notify(o.recording_error)),
                           (session.holiday_agreement_needed, self._holiday_agreement_needed),
                           (session.wrapup_opened, lambda w: (self._update_actions(),
                                                              self.wrapup_started.emit(w.item_id))),
                           (session.result_refused, lambda _e: self.notify(self.tr("Check the marked fields."))),
                           (session.wrapup_cancelled, lambda _i: self.wrapup.reset()),
                           (session.result_saved, self._result_saved),
                           (session.failed, self.notify),
                           (session.closed, self._session_closed)):
            on.add(fact, slot)

    def _show_idle(self) -> None:
        """Blank panels: what the next customer must not inherit."""
        self.card.show_card(None)
        self.ticket_panel.show_ticket(None)
        for extra in (self.fault_ticket, self.hard_complaint, self.lookups, self.script):
            extra.show_item(None)
        self.bill.show_empty()
        self.call.reset()
        self.wrapup.reset()
        self.next_step.clear()
        self._update_actions()

    def _card_shown(self, card) -> None:
        if self.ticket_panel.item_id != card.item_id and card.ticket:
            self.ticket_panel.show_ticket(card)
        if self._opened_item != card.item_id:         # the session's first card: the customer is open
            self._opened_item = card.item_id
            for extra in (self.fault_ticket, self.hard_complaint, self.lookups, self.script):
                extra.show_item(card)
            self._update_actions()
            self.item_opened.emit(card.item_id)

    def _holiday_agreement_needed(self, holiday: str) -> None:
        if ask_yes_no(self, self.tr("Public holiday"), self.tr(
                "Today is a public holiday (%1). Customers may be called today only if they agree. "
                "Has this customer agreed to be called today?").replace("%1", holiday)):
            self._ask_session(lambda s: s.dial(holiday_agreed=True))

    def _result_saved(self, saved) -> None:
        if saved.kept:      # another number of the same customer, now: a blank form for that call
            self.wrapup.reset()
        self.notify(self.tr("Result saved: %1").replace("%1", self.next_step.show_saved(saved)))
        self.ticket_panel.show_ticket(None)
        self.result_saved.emit(saved)
        self.my_day.refresh()
        self.next_button.setFocus()

    def _session_closed(self, end: SessionEnd) -> None:
        if end.saved is None and not self._closed:
            self._show_idle()
        self._update_actions()

    def _changed(self, changes: Changes) -> None:
        if changes.queue:
            self.queue_model.refresh()
        if changes.deliveries:
            self.bar.deliveries_changed()

    @property
    def card_data(self):
        """The open customer's card (None between customers)."""
        return self.session.card if self.session is not None else None

    # -- what the agent asks ---------------------------------------------------------------------
    def next_item(self) -> None:
        self._ask_shift(self.shift.next)

    def open_item(self, item_id: int) -> None:
        self._ask_shift(lambda: self.shift.take(item_id))

    def release_item(self) -> None:
        self._ask_session(lambda s: s.release())
        self.queue_model.refresh()

    def dial(self) -> None:
        session = self.session
        why = session.why_not_dial() if session is not None else "closed"
        if why:
            self.notify(dial_refusal_text(why))
            return
        self._ask_session(lambda s: s.dial())

    def redial(self) -> None:
        self._ask_session(lambda s: s.redial())

    def hangup(self) -> None:
        self._ask_session(lambda s: s.hangup())

    def dtmf(self, digit: str) -> None:
        if self.session is not None and self.session.send_dtmf(digit):
            self.notify(self.tr("DTMF sent: %1").replace("%1", digit), 2000)

    def transfer(self) -> None:
        """F9 (and Tier-2's F10): consult the team leader while the customer waits."""
        self._ask_session(lambda s: s.consult(self._team_leader()))

    def _team_leader(self) -> str:
        return self.ctx.settings.get("sip.supervisor_number") or ""

    def reinput(self) -> None:
        self._ask_session(lambda s: s.reinput())

    def result_without_call(self) -> None:
        self._ask_session(lambda s: s.result_without_call())

    def save_result(self, reason_code: str, fields: dict, notes: str) -> None:
        self.wrapup.save_button.setEnabled(False)
        self._ask_session(lambda s: s.submit(reason_code, fields, notes))

    def reload_bill(self) -> None:
        self._ask_session(lambda s: s.load_bill())

    def cancel(self) -> None:
        """Esc: step back from a wrap-up that owes nothing, or stop the auto-dial countdown."""
        self._ask_session(lambda s: s.cancel_wrapup() or s.cancel_auto_dial())

    # -- plumbing ----------------------------------------------------------------------------------
    def notify(self, said: Text | str | BaseException, ms: int = 10000) -> None:
        """On the status bar, in the interface's language (a core Text or refusal) or as given."""
        self.statusBar().showMessage(message(said), ms)

    def _ask_shift(self, action) -> None:
        why = self.shift.busy_reason()
        if why:
            self.notify(busy_text(why), 8000)
            return
        action()

    def _ask_session(self, action) -> None:
        if self.session is None or self.session.state is SessionState.CLOSED:
            return
        try:
            action(self.session)
        except DeskError as exc:
            self.wrapup.save_button.setEnabled(True)
            self.notify(exc)

    def _update_actions(self) -> None:
        session = self.session
        why = session.why_not_dial() if session is not None else "closed"
        calling = session is not None and session.state is SessionState.CALLING
        self.call.set_can_dial(why is None, dial_refusal_text(why) if why else "")
        self.next_button.setEnabled(session is None or not session.gated)
        # During a call the digits are DTMF: nothing that swallows them may take the focus.
        self.search.setEnabled(not calling)
        keys.enable_dtmf(self, calling)
        if calling:
            if not self.wrapup.isEnabled():
                self.wrapup.open_notes()
            if not self.wrapup.notes.hasFocus():
                self.call.hangup_button.setFocus()

    def closeEvent(self, event) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        event.ignore()
        if self.session is not None and self.session.gated and not stopping() and not ask_yes_no(
                self, self.tr("Call in progress") if self.session.state is SessionState.CALLING
                else self.tr("Result not saved"),
                self.tr("A call is in progress. Hang up and close?") if self.session.state is SessionState.CALLING
                else self.tr("The result of the last call is not saved yet. It stays as a draft for your next "
                             "login. Close?")):
            return
        self.wrapup.flush_draft()
        self.closing = True
        asyncio.ensure_future(self._close_shift())

    async def _close_shift(self) -> None:
        try:
            await self.shift.close()
        finally:
            self._closed = True
            self.close()
