"""One customer on the desk, from "open" to "result saved": the `DeskSession`.

It owns what belongs to that customer and nothing else: the work item and its
claim (renewed while the customer is open), the number chosen, the attempt and
its call, the wrap-up gate (no other customer until this one has a result) and
the auto-dial countdown.  Its cycle reads top to bottom in `run()`:

    open → (dial → await the outcome → store it) → await the wrap-up → save → done

The screens only ask (`dial`, `hangup`, `submit`…) and subscribe to its facts
(`card_shown`, `call_state_changed`, `wrapup_opened`, `result_saved`…); they never
decide what a call means.  Blocking work (SQL, HTTP) runs on `ctx.io` through the
event loop; phone commands are posted to the SIP thread.  No Qt here: the same
session runs under plain asyncio in tests and under qasync in the window.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, Callable

from app.core.desk.bill import BillView, lookup_bill
from app.core.desk.card import CustomerCard
from app.core.desk.desk import AttemptStarted, Desk, HolidayAgreementNeeded
from app.core.desk.errors import DeskError, ResultInvalid
from app.core.desk.result import SavedResult
from app.core.events import Changes, Fact
from app.domain.programs import Program
from app.domain.reasons import Reason
from app.domain.text import Text, words_of
from app.domain.tier2 import suggestion_for
from app.domain.workitem import WorkItemState
from app.telephony.events import CallOutcome, CallSnapshot, ProgressVerdict, TransferProgress

log = logging.getLogger(__name__)


class SessionState(str, Enum):
    OPENING = "opening"      # claimed, the card is loading
    READY = "ready"          # the card is up; a number may be dialled
    CALLING = "calling"      # the attempt is written and the call runs (or is being stored)
    WRAP_UP = "wrap_up"      # a reason is owed
    SAVING = "saving"
    CLOSED = "closed"


# The states in which the agent may not leave this customer for another one.
GATED = (SessionState.CALLING, SessionState.WRAP_UP, SessionState.SAVING)


@dataclass(frozen=True)
class WrapUp:
    """What the wrap-up form needs: the reasons this result may take, the suggestion, the draft."""

    item_id: int
    attempt_id: int | None
    program: str
    reasons: tuple[Reason, ...]
    suggested: str | None
    draft: dict[str, Any] | None
    zone: str = "WIB"                    # the customer's zone: dates and times are entered on their clock
    now: datetime | None = None          # the desk's clock (not the PC's)
    promise_days: int = 7                # how far ahead a promise may lie (the program's rule)


@dataclass(frozen=True)
class SessionEnd:
    item_id: int
    saved: SavedResult | None = None     # None: released, or left in wrap-up for the next login
    released: bool = False


@dataclass(frozen=True)
class _Dial:
    phone_id: int | None
    holiday_agreed: bool = False
    number: str = ""            # a number typed by the agent (manual dial): added to the customer first
    started: asyncio.Future | None = None   # the attempt's write, already on its way (see dial)


# Why a number cannot be dialled now: the words of the refusal `dial` raises (the screens show
# their own translation of each code, app.views.desk.messages, for the dial button).
DIAL_REFUSALS = {
    "opening": Text("Data pelanggan masih dimuat.", "The customer's data is still loading."),
    "calling": Text("Masih ada panggilan aktif; akhiri dulu.", "A call is already active; hang up first."),
    "wrap_up": Text("Simpan hasil panggilan terakhir dulu.", "Save the result of the last call first."),
    "closed": Text("Buka data pelanggan dulu.", "Open a customer first."),
    "no_phone": Text("Telepon tidak berjalan.", "The softphone is not running."),
    "phone_starting": Text("Telepon masih menyambung ke PBX; tunggu sebentar.",
                           "The phone is still connecting to the PBX; wait a moment."),
    "outside_hours": Text("Di luar jam panggilan pelanggan.", "Outside the customer's calling hours."),
    "no_valid_number": Text("Pelanggan ini tidak punya nomor yang valid: catat hasil tanpa panggilan (Ctrl+W).",
                            "This customer has no valid number: record the result without a call (Ctrl+W)."),
}

_WITHOUT_CALL = object()
_REINPUT = object()
_RELEASE = object()
_CANCEL = object()        # leave a wrap-up that owes nothing (no new call was made)


class DeskSession:
    def __init__(self, desk: Desk, item_id: int, *, phone=None, record_dir: Path | None = None,
                 auto_dial_seconds: int = 0, heartbeat_seconds: float | None = None) -> None:
        self.desk = desk
        self.ctx = desk.ctx
        self.item_id = item_id
        self.phone = phone
        self.record_dir = record_dir
        self.auto_dial_seconds = auto_dial_seconds
        self.heartbeat_seconds = heartbeat_seconds or desk.queue.claim_ttl.total_seconds() / 3
        self.state = SessionState.OPENING
        self.card: CustomerCard | None = None
        self.phone_id: int | None = None         # the number the agent chose (Alt+1…9)
        self.tried: list[int] = []               # the numbers dialled in this session, in order
        self.attempt_id: int | None = None
        self.call: CallSnapshot | None = None
        # Facts, in the order a cycle emits them.
        self.state_changed: Fact[SessionState] = Fact("state_changed")
        self.card_shown: Fact[CustomerCard] = Fact("card_shown")
        self.bill_loading: Fact[str] = Fact("bill_loading")
        self.bill_loaded: Fact[BillView] = Fact("bill_loaded")
        self.countdown: Fact[int] = Fact("countdown")              # seconds to auto-dial; 0 = none
        self.phone_chosen: Fact[int] = Fact("phone_chosen")        # the session chose the number to dial next
        self.call_state_changed: Fact[CallSnapshot] = Fact("call_state_changed")
        self.call_ended: Fact[CallOutcome] = Fact("call_ended")
        self.heard: Fact[ProgressVerdict] = Fact("heard")           # what call-progress analysis heard
        self.consult_changed: Fact[CallSnapshot] = Fact("consult_changed")    # the team leader's call
        self.transfer_progressed: Fact[TransferProgress] = Fact("transfer_progressed")
        self.wrapup_opened: Fact[WrapUp] = Fact("wrapup_opened")
        self.wrapup_cancelled: Fact[int] = Fact("wrapup_cancelled")
        self.result_refused: Fact[ResultInvalid] = Fact("result_refused")
        self.result_saved: Fact[SavedResult] = Fact("result_saved")
        self.holiday_agreement_needed: Fact[str] = Fact("holiday_agreement_needed")   # the holiday's name
        self.failed: Fact[Text | str] = Fact("failed")             # a message for the agent
        self.closed: Fact[SessionEnd] = Fact("closed")
        self._intents: asyncio.Queue = asyncio.Queue()
        self._forms: asyncio.Queue = asyncio.Queue()
        self._outcome: asyncio.Future | None = None
        self._call_stored = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()
        self._draft_lock = asyncio.Lock()
        self._card_reads = 0               # card reads started: only the latest is shown
        self._wrapup_started: float | None = None
        self._task: asyncio.Task | None = None
        self._countdown_task: asyncio.Task | None = None
        self._wrapup_cancellable = False
        events = phone.events if phone is not None else None
        self._phone_links = () if events is None else (
            (events.call_state_changed, self._phone_call_state), (events.call_ended, self._phone_call_ended),
            (events.call_progress, self._phone_heard), (events.consult_state_changed, self._phone_consult),
            (events.transfer_progressed, self._phone_transfer))
        for fact, slot in self._phone_links:
            fact.connect(slot)

    # == the cycle ==========================================================================
    def start(self) -> asyncio.Task:
        self._task = asyncio.ensure_future(self.run())
        return self._task

    async def run(self) -> SessionEnd:
        end = SessionEnd(self.item_id)
        try:
            card = await self._open()
            if card.state in (WorkItemState.IN_CALL.value, WorkItemState.WRAP_UP.value):
                # A call or wrap-up left open (a crash, a closed window): its result is still owed.
                await self._io(self.desk.recover_interrupted, self.item_id)
                end = SessionEnd(self.item_id, await self._wrap_up(card.open_attempt_id, None))
                return end
            self._set_state(SessionState.READY)
            self._start_auto_dial()
            while True:
                intent = await self._intents.get()
                if intent is _RELEASE:
                    await self._io(self.desk.release, self.item_id)
                    self.ctx.changed.emit(Changes(queue=True, item_id=self.item_id, initiator=self))
                    end = SessionEnd(self.item_id, released=True)
                    return end
                if intent in (_WITHOUT_CALL, _REINPUT):
                    if intent is _WITHOUT_CALL:
                        saved = await self._wrap_up(None, "NC-NON", cancellable=True)
                    else:                       # "input ulang": the returned result, corrected, no call
                        returned = card.returned_result
                        saved = await self._wrap_up(
                            returned.attempt_id, returned.reason_code,
                            {"reason_code": returned.reason_code, "fields": returned.fields,
                             "notes": returned.notes}, cancellable=True)
                    if saved is None:           # Esc: nothing was owed, the customer is still open
                        self._set_state(SessionState.READY)
                        continue
                    end = SessionEnd(self.item_id, saved)
                    return end
                outcome = await self._call(intent)
                if outcome is None:             # refused before anything was dialled
                    continue
                saved = await self._wrap_up(self.attempt_id, outcome.suggested_reason_code or None,
                                            answered=outcome.answered, keep=bool(self.untried_numbers()))
                if saved.kept:                  # another of the customer's numbers, in this session
                    continue
                end = SessionEnd(self.item_id, saved)
                return end
        finally:
            self._finish(end)

    async def _open(self) -> CustomerCard:
        self._keep(self._keep_claim())
        card = await self._io(self.desk.card, self.item_id)
        self._show(card)
        self.phone_id = next((p.id for p in card.phones if not p.invalid), None)
        self.load_bill()
        return card

    async def _call(self, intent: _Dial) -> CallOutcome | None:
        self._cancel_auto_dial()
        self._set_state(SessionState.CALLING)
        phone_id = intent.phone_id
        try:
            if intent.number:
                phone_id = await self._io(self.desk.add_phone, self.item_id, intent.number)
                self._show(await self._io(self.desk.card, self.item_id))
                self.phone_id = phone_id
                self.phone_chosen.emit(phone_id)
            started, refused = await (intent.started or self._io(self._start_and_dial, phone_id,
                                                                 intent.holiday_agreed))
        except HolidayAgreementNeeded as exc:
            self._set_state(SessionState.READY)
            self.holiday_agreement_needed.emit(exc.holiday or "")
            return None
        except DeskError as exc:
            self.failed.emit(words_of(exc))
            self._set_state(SessionState.READY)
            return None
        self.tried.append(phone_id)
        self._agent_state("in_call")
        if refused is not None:         # CallRefused and friends: the attempt stays, wrap-up follows
            self.failed.emit(refused)
            outcome = _refused(started.attempt_id, refused)
        else:
            outcome = await self._outcome
        await self._io(partial(
            self.desk.finish_attempt, started.attempt_id, answered=outcome.answered,
            status_code=outcome.status_code, reason=outcome.reason, ring_seconds=outcome.ring_seconds,
            talk_seconds=outcome.talk_seconds, recording_path=outcome.recording_path,
            recording_error=outcome.recording_error, suggested_reason=outcome.suggested_reason_code or None,
            counts=outcome.counts, heard=outcome.progress))
        self._call_stored.set()
        return outcome

    def _start_and_dial(self, phone_id: int, holiday_agreed: bool) -> tuple[AttemptStarted, Text | str | None]:
        """On the io pool: the attempt's committed write, then the INVITE from the same thread, with
        no hop back to the event loop (it may be repainting the window).  Returns the attempt and
        why the phone refused to dial, if it did."""
        started = self.desk.start_attempt(self.item_id, phone_id, holiday_agreed=holiday_agreed)
        self.attempt_id = started.attempt_id    # set before the phone's first fact can reach the loop
        record = self.record_dir / f"attempt-{started.attempt_id}.wav" if self.record_dir else None
        try:
            if self.phone is None:
                raise DeskError(DIAL_REFUSALS["no_phone"])
            self.phone.dial(started.dial_target, str(started.attempt_id), record)
        except Exception as exc:  # noqa: BLE001 - reported by the cycle, which owns the wrap-up
            return started, words_of(exc)
        return started, None

    async def _wrap_up(self, attempt_id: int | None, suggested: str | None,
                       prefill: dict[str, Any] | None = None, answered: bool | None = None,
                       cancellable: bool = False, keep: bool = False) -> SavedResult | None:
        """Await a saved result.  `answered` False (nobody picked up): the reasons that need someone
        on the line are not offered (the catalogue's needs_connected_call).  `cancellable`: no new
        call was made, so the agent may step back (None)."""
        self.attempt_id = attempt_id
        self._wrapup_cancellable = cancellable
        self._set_state(SessionState.WRAP_UP)
        self._agent_state("wrap_up")
        if attempt_id is not None:      # the call just made belongs in the history
            self._keep(self._reload_card())
        card = self.card
        draft = await self._io(self.desk.load_draft, self.item_id) or prefill
        reasons = tuple(r for r in self.ctx.catalogue.for_program(Program(card.program))
                        if (attempt_id is not None or not r.counts_as_attempt)
                        and not (answered is False and r.needs_connected_call))
        self._wrapup_started = time.monotonic()
        self.wrapup_opened.emit(WrapUp(self.item_id, attempt_id, card.program, reasons,
                                       suggestion_for(card.program, suggested), draft, card.region,
                                       self.ctx.clock.now(), self.desk.policy.rules_for(card.program).promise_max_days))
        while True:
            form = await self._forms.get()
            if form is _CANCEL:
                if cancellable:
                    self.wrapup_cancelled.emit(self.item_id)
                    return None
                continue
            reason_code, fields, notes = form
            self._set_state(SessionState.SAVING)
            seconds = time.monotonic() - self._wrapup_started
            try:
                saved = await self._io(self.desk.save_result, self.item_id, attempt_id, reason_code, fields,
                                       notes, seconds, keep)
            except ResultInvalid as exc:
                self._set_state(SessionState.WRAP_UP)
                self.result_refused.emit(exc)
                continue
            except Exception as exc:  # noqa: BLE001 - nothing is lost: the form stays, the agent saves again
                if not isinstance(exc, (DeskError, PermissionError)):
                    log.exception("saving a result failed")
                self._set_state(SessionState.WRAP_UP)
                self.failed.emit(words_of(exc))
                continue
            if saved.kept:          # another of the customer's numbers, now: the gate opens on it
                self._set_state(SessionState.READY)
                self.choose_phone(self.untried_numbers()[0])
                self.phone_chosen.emit(self.phone_id)
            else:
                self._set_state(SessionState.CLOSED)     # the gate opens: the next customer may come now
            self.result_saved.emit(saved)
            self.ctx.changed.emit(Changes(queue=True, results=True, deliveries=True, item_id=self.item_id,
                                          initiator=self))
            try:                        # the card shows where the result moved the item, and the result
                await self._reload_card()
            except DeskError:           # another agent took it at once: nothing more to show
                pass
            return saved

    def _finish(self, end: SessionEnd) -> None:
        for task in list(self._tasks):
            task.cancel()
        for fact, slot in self._phone_links:
            fact.disconnect(slot)
        self._set_state(SessionState.CLOSED)
        self.closed.emit(end)

    # == what the agent asks ==================================================================
    def choose_phone(self, phone_id: int | None) -> None:
        self.phone_id = phone_id

    def why_not_dial(self) -> str | None:
        """Why this customer cannot be dialled now, as a code (DIAL_REFUSALS), or None."""
        if self.state is not SessionState.READY:
            return {SessionState.OPENING: "opening", SessionState.CALLING: "calling",
                    SessionState.CLOSED: "closed"}.get(self.state, "wrap_up")
        if self.phone is None:
            return "no_phone"
        if not self.phone.running:
            return "phone_starting" if self.phone.status == "starting" else "no_phone"
        if self.card is not None and not self.desk.is_dialable_now(self.card.region, self.card.program):
            return "outside_hours"
        if self.phone_id is None:
            return "no_valid_number"
        return None

    def dial(self, holiday_agreed: bool = False, number: str = "") -> None:
        """Dial the chosen number, or `number` typed by the agent (kept on the customer's card);
        `holiday_agreed`: the agent confirms the customer agrees to a call on today's public
        holiday (asked after `holiday_agreement_needed`)."""
        why = self.why_not_dial()
        if why and not (why == "no_valid_number" and number):
            raise DeskError(DIAL_REFUSALS[why])
        self._set_state(SessionState.CALLING)       # at once: a second F5 is refused
        loop = asyncio.get_running_loop()
        self._outcome = loop.create_future()        # the phone's facts may come before the cycle runs
        started = None
        if not number:
            # The write and the INVITE leave now, not when the cycle next runs: between the two
            # the event loop repaints the window for the state just set.
            started = loop.run_in_executor(self.ctx.io, self._start_and_dial, self.phone_id, holiday_agreed)
        self._intents.put_nowait(_Dial(None if number else self.phone_id, holiday_agreed, number.strip(), started))

    def redial(self) -> None:
        """The number dialled last, again."""
        if self.tried:
            self.choose_phone(self.tried[-1])
            self.phone_chosen.emit(self.phone_id)
        self.dial()

    def untried_numbers(self) -> list[int]:
        """The customer's valid numbers not dialled yet in this session."""
        return [p.id for p in (self.card.phones if self.card else ()) if not p.invalid and p.id not in self.tried]

    def result_without_call(self) -> None:
        """A result with no call: only for a customer with no valid number left."""
        if self.state is not SessionState.READY:
            raise DeskError(Text("Hasil tanpa panggilan hanya sebelum memanggil.",
                                 "A result without a call is only possible before calling."))
        valid = [p for p in (self.card.phones if self.card else ()) if not p.invalid]
        if valid:
            raise DeskError(Text(f"Pelanggan ini masih punya {len(valid)} nomor valid: panggil dulu (F5), atau tandai "
                                 "nomor yang salah sebagai tidak valid.",
                                 f"This customer still has {len(valid)} valid numbers: call first (F5), or mark "
                                 "the wrong numbers as not valid."))
        self._cancel_auto_dial()
        self._intents.put_nowait(_WITHOUT_CALL)

    def cancel_wrapup(self) -> bool:
        """Esc in a wrap-up that owes nothing (without a call, a re-input): back to the customer."""
        if self.state is SessionState.WRAP_UP and self._wrapup_cancellable:
            self._forms.put_nowait(_CANCEL)
            return True
        return False

    def reinput(self) -> None:
        """Correct a result a team leader or QC returned, without a new call (both revisions kept)."""
        if self.state is not SessionState.READY or self.card is None or self.card.returned_result is None:
            raise DeskError(Text("Tidak ada hasil yang dikembalikan untuk diinput ulang.",
                                 "No returned result to enter again."))
        self._cancel_auto_dial()
        self._intents.put_nowait(_REINPUT)

    def release(self) -> None:
        if self.state in GATED:
            raise DeskError(Text("Simpan hasil panggilan terakhir dulu.", "Save the result of the last call first."))
        self._cancel_auto_dial()
        self._intents.put_nowait(_RELEASE)

    def submit(self, reason_code: str, fields: dict[str, Any], notes: str) -> None:
        if self.state is not SessionState.WRAP_UP:
            raise DeskError(Text("Tidak ada hasil yang sedang dicatat.", "No result is being recorded."))
        self._forms.put_nowait((reason_code, fields, notes))

    def save_draft(self, payload: dict[str, Any]) -> None:
        if self.state in (SessionState.WRAP_UP, SessionState.SAVING):
            self._keep(self._write_draft(payload))

    def hangup(self) -> None:
        if self.state is SessionState.CALLING and self.phone is not None:
            self.phone.hangup()

    def hold(self, on: bool) -> None:
        self._talking_only(lambda: self.phone.hold(on))

    def mute(self, on: bool) -> None:
        self._talking_only(lambda: self.phone.mute(on))

    def send_dtmf(self, digit: str) -> bool:
        return self._talking_only(lambda: self.phone.send_dtmf(digit))

    def transfer(self, target: str) -> bool:
        """Blind transfer: the customer goes to `target`; `transfer_progressed` says how it went."""
        return self._handing_over(lambda: self.phone.transfer(_handover_target(target)))

    def consult(self, target: str) -> bool:
        """The customer waits on hold while the agent talks to `target` (the team leader)."""
        return self._handing_over(lambda: self.phone.consult(_handover_target(target)))

    def complete_consult(self) -> bool:
        """Attended transfer: the consulted team leader takes the customer."""
        return self._talking_only(lambda: self.phone.complete_consult())

    def cancel_consult(self) -> bool:
        """Back to the customer alone (from a consultation or a conference)."""
        return self._talking_only(lambda: self.phone.cancel_consult())

    def conference(self) -> bool:
        """Customer, team leader and agent in one call."""
        return self._talking_only(lambda: self.phone.conference())

    def cancel_auto_dial(self) -> None:
        self._cancel_auto_dial()

    def load_bill(self) -> None:
        if self.card is not None:
            self.bill_loading.emit(self.card.account_number)
            self._keep(self._load_bill(self.card.account_number))

    @property
    def talking(self) -> bool:
        return self.call is not None and self.call.state in ("connected", "on_hold")

    @property
    def gated(self) -> bool:
        return self.state in GATED

    async def close(self, timeout: float = 5.0) -> None:
        """Leave this customer: a live call is hung up and stored, an item not yet dialled goes
        back to the queue, a wrap-up stays (with its draft) for this agent's next login."""
        if self.state is SessionState.CLOSED:
            return
        if self.state is SessionState.CALLING and self.attempt_id is not None:
            self.hangup()
            try:
                await asyncio.wait_for(self._call_stored.wait(), timeout)
            except asyncio.TimeoutError:
                log.warning("the call of attempt %s did not end in %.0f s", self.attempt_id, timeout)
        elif self.state in (SessionState.OPENING, SessionState.READY) or self.attempt_id is None:
            # Nothing dialled, so no result is owed (a wrap-up without a call is dropped too).
            try:
                await self._io(self.desk.release, self.item_id)
            except Exception:  # noqa: BLE001 - the claim expires by itself anyway
                log.warning("could not release item %s on close", self.item_id, exc_info=True)
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    # == facts from the phone (the loop's thread) ============================================
    def _phone_call_state(self, snapshot: CallSnapshot) -> None:
        if self.state is SessionState.CALLING and self._outcome is not None and not self._outcome.done():
            self.call = snapshot
            self.call_state_changed.emit(snapshot)

    def _phone_consult(self, snapshot: CallSnapshot) -> None:
        if self.state is SessionState.CALLING:
            self.consult_changed.emit(snapshot)

    def _phone_transfer(self, progress: TransferProgress) -> None:
        # The NOTIFY that confirms a hand-over may come after the customer's BYE (in the wrap-up).
        if self.state is not SessionState.CLOSED:
            self.transfer_progressed.emit(progress)

    def _phone_heard(self, verdict: ProgressVerdict) -> None:
        if self.state is SessionState.CALLING and self._outcome is not None and not self._outcome.done():
            self.heard.emit(verdict)

    def _phone_call_ended(self, outcome: CallOutcome) -> None:
        if (self._outcome is not None and not self._outcome.done()
                and outcome.attempt_id == str(self.attempt_id)):
            self.call = None
            self.call_ended.emit(outcome)
            self._outcome.set_result(outcome)

    # == helpers =============================================================================
    async def _io(self, fn: Callable, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.ctx.io, partial(fn, *args))

    def _keep(self, coro) -> asyncio.Task:
        """A side task of this session, cancelled when the session ends."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._side_task_done)
        return task

    def _side_task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("desk session task failed", exc_info=exc)
            self.failed.emit(words_of(exc))

    def _set_state(self, state: SessionState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    def _show(self, card: CustomerCard) -> None:
        self.card = card
        self.card_shown.emit(card)

    async def _reload_card(self) -> None:
        self._card_reads += 1
        mine = self._card_reads
        card = await self._io(self.desk.card, self.item_id)
        if mine == self._card_reads:    # an older read that ends late must not undo a newer one
            self._show(card)

    async def _load_bill(self, account_number: str) -> None:
        view = await self._io(lookup_bill, self.ctx, account_number)
        if self.card is not None and (view.bill is None or view.bill.account_number == self.card.account_number):
            self.bill_loaded.emit(view)

    async def _write_draft(self, payload: dict[str, Any]) -> None:
        async with self._draft_lock:        # drafts land in the order they were typed
            await self._io(self.desk.save_draft, self.item_id, self.attempt_id, payload)

    async def _keep_claim(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            if not await self._io(self.desk.renew, self.item_id):
                self.failed.emit(Text("Data ini tidak lagi Anda pegang (klaim habis atau diambil alih).",
                                      "This record is no longer yours (the claim expired or was taken over)."))
                return

    def _agent_state(self, state: str) -> None:
        self._keep(self._io(self.desk.set_agent_state, state))

    def _start_auto_dial(self) -> None:
        if self.auto_dial_seconds > 0 and self.why_not_dial() is None:
            self._countdown_task = self._keep(self._auto_dial(self.auto_dial_seconds))

    async def _auto_dial(self, seconds: int) -> None:
        for left in range(seconds, 0, -1):
            self.countdown.emit(left)
            await asyncio.sleep(1)
        self.countdown.emit(0)
        if self.why_not_dial() is None:
            self.dial()

    def _cancel_auto_dial(self) -> None:
        task = self._countdown_task
        if task is not None and not task.done():
            task.cancel()
            self.countdown.emit(0)

    def _handing_over(self, action: Callable[[], None]) -> bool:
        from app.telephony.softphone import CallRefused     # the phone has loaded it already
        try:
            return self._talking_only(action)
        except (CallRefused, ValueError) as exc:       # a consultation running, a target without a domain
            raise DeskError(words_of(exc)) from exc

    def _talking_only(self, action: Callable[[], None]) -> bool:
        if not self.talking or self.phone is None:
            return False
        action()
        return True


def _handover_target(target: str) -> str:
    if not target:
        raise DeskError(Text("Nomor supervisor belum diatur di pengaturan (sip.supervisor_number).",
                             "The supervisor's number is not set (sip.supervisor_number)."))
    return target


def _refused(attempt_id: int, reason: Text | str) -> CallOutcome:
    """The outcome of a call the phone refused before sending anything (not ready, bad target)."""
    from datetime import datetime, timezone
    now = datetime.now(timezone.utc)
    said_id, said_en = (reason.id, reason.en) if isinstance(reason, Text) else (reason, reason)
    return CallOutcome(call_id="", attempt_id=str(attempt_id), answered=False, status_code=None, reason=said_id,
                       ring_seconds=0.0, talk_seconds=0.0, started_at=now, ended_at=now, recording_path=None,
                       recording_error=None, suggested_reason_code="", message_id=said_id, message_en=said_en,
                       counts=False, outcome_kind="local", count_note_id="tidak dihitung: panggilan tidak terkirim",
                       count_note_en="not counted: the call was not placed")
