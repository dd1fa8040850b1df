"""The agent's desk as use cases: pick, open the card, start and finish an attempt,
keep the wrap-up draft, save the result.

No Qt here: the desk window calls these through BackgroundOp, the CLI and the
tests call them directly.  Every write is one transaction; saving a result
writes the result, the work item's next state and one outbox row per
destination together (DESIGN.md "Result").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from app.core.context import AppContext, acting
from app.core.desk.card import CARD_READS, CustomerCard, load_card
from app.core.desk.errors import DeskError
from app.core.desk.recordings import keep_recording
from app.core.desk.result import SAVE_READ, SavedResult, validate_form, write_result
from app.core.mycx_picks import pick_message, pulled_from_mycx
from app.domain.attempt_counting import attempts_after
from app.domain.attempt_policy import AttemptPolicy, format_when
from app.domain.calling_windows import CallingWindows
from app.domain.time_zones import CustomerZone
from app.domain.number_limits import NumberLimits, day_start
from app.domain.phone import DialRules, dial_string, normalize
from app.domain.programs import Program
from app.domain.roles import Permission, Role
from app.domain.text import Text
from app.domain.workitem import WorkItemState
from app.store.attempt_facts import dial_reads, dial_transaction
from app.store.models import AgentStateSpan, CallAttempt, Customer, Phone, ResultDraft, WorkItem
from app.store.queue import ItemHold, WorkQueue
from app.telephony.events import ProgressVerdict


class HolidayAgreementNeeded(DeskError):
    """Today is a public holiday: the customer may be called only with their agreement on record
    (POJK 22/2023).  The desk asks the agent, then dials again with `holiday_agreed=True`."""

    def __init__(self, message: Text | str, holiday: str | None) -> None:
        super().__init__(message)
        self.holiday = holiday


@dataclass(frozen=True)
class AttemptStarted:
    attempt_id: int
    dial_target: str
    attempt_no: int
    round_no: int


# finish_attempt's one read: the attempt, and its item's state, holder and counts.
_FINISH_READ = (select(CallAttempt, WorkItem.state, WorkItem.claimed_by_id, WorkItem.claimed_from_state,
                       WorkItem.attempts_in_round, WorkItem.attempts_total)
                .join(WorkItem, WorkItem.id == CallAttempt.work_item_id)
                .where(CallAttempt.id == bindparam("attempt_id")))

# set_agent_state's statements: the agent's open span, ending it, and the next.
_OPEN_SPAN = (select(AgentStateSpan.state, AgentStateSpan.pause_reason)
              .where(AgentStateSpan.agent_id == bindparam("agent"), AgentStateSpan.ended_at.is_(None))
              .order_by(AgentStateSpan.id.desc()).limit(1))
_END_SPANS = (update(AgentStateSpan.__table__)
              .where(AgentStateSpan.agent_id == bindparam("agent"), AgentStateSpan.ended_at.is_(None))
              .values(ended_at=bindparam("now")))
_NEW_SPAN = insert(AgentStateSpan.__table__).values(
    agent_id=bindparam("agent"), state=bindparam("new_state"), pause_reason=bindparam("reason"),
    started_at=bindparam("now"))


class Desk:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.user = acting(ctx, Permission.WORK_QUEUE)
        self.windows = CallingWindows.from_settings(ctx.settings.values)
        self.policy = AttemptPolicy.from_settings(ctx.settings.values)
        self.number_limits = NumberLimits.from_settings(ctx.settings.get("number_limits"))
        self.queue = WorkQueue.from_settings(ctx.database, ctx.settings)
        self.dial_rules = DialRules.from_settings(ctx.settings.get("dialing") or {})

    # -- queue --------------------------------------------------------------------
    def programs(self) -> set[str]:
        if Role(self.user.role) in (Role.TIER2, Role.TEAM_LEADER):
            return {Program.TIER2.value}
        return {Program.CT0.value, Program.PRANPC.value}

    def open_regions(self, now: datetime | None = None) -> dict[str, set[str]]:
        """The customers' zones callable now, per program (each program has its own window)."""
        return self.windows.open_zones(now or self.ctx.clock.now(), self.programs())

    def is_dialable_now(self, region: str, program: str) -> bool:
        return self.windows.within_hours(program, self.ctx.clock.now(), region)

    def queue_page(self, search: str, offset: int, limit: int) -> tuple[list, int]:
        """One page of this agent's queue and how many rows match in all."""
        now, programs = self.ctx.clock.now(), self.programs()
        if self.caring_calls_only:
            return [], 0
        rows = self.queue.list_page(self.user.id, now, search, offset, limit, programs=programs)
        return rows, self.queue.count(self.user.id, now, search, programs=programs)

    def claim_next(self) -> int | None:
        now = self.ctx.clock.now()
        if self.caring_calls_only:
            return None                   # a TL's desk opens one super-emergency ticket, never the queue
        claimed = self.queue.claim_next_item(self.user.id, now, self.open_regions(now), self.programs())
        if claimed is None:
            return None
        if pulled_from_mycx(claimed.source):
            self._report_pick(claimed.id, now)
        return claimed.id

    def warm_up(self) -> None:
        """At login, so the agent's first customer is as quick as the next: the claim's statements
        are built and compiled (PostgreSQL also prepares its probe), and the reads of a card, a
        dial, a call's end and a save run once on ids that match nothing.  SQLAlchemy compiles a
        statement at its first run: on SQLite the first customer cost the desk's io thread 135 ms,
        the next ones 13, the window waiting for the interpreter lock meanwhile."""
        now = self.ctx.clock.now()
        if not self.caring_calls_only:
            self.queue.prepare_claims(self.user.id, now, self.open_regions(now), self.programs())
        database = self.ctx.database
        nothing = {"item_id": -1, "attempt_id": -1, "agent_id": -1, "agent": -1, "phone_id": -1,
                   "forms": [""], "day": now}
        with database.session() as s:
            for statement in (*CARD_READS, *dial_reads(database), _FINISH_READ, SAVE_READ[database.dialect],
                              _OPEN_SPAN):
                # Exactly its own parameters: their names are part of what a compiled form is kept by.
                own = statement.compile().params
                s.execute(statement, {name: value for name, value in nothing.items() if name in own}).all()

    def claim(self, item_id: int) -> bool:
        now = self.ctx.clock.now()
        if self.caring_calls_only:
            self._check_caring_call(item_id)
        claimed = self.queue.claim(self.user.id, item_id, now, self.open_regions(now))
        if claimed:
            self._report_pick(item_id, now)
        return claimed

    @property
    def caring_calls_only(self) -> bool:
        """A team leader works no queue: only the caring call of a super-emergency ticket (W-24 5.2.8)."""
        return Role(self.user.role) is Role.TEAM_LEADER

    def _check_caring_call(self, item_id: int) -> None:
        from app.store.models import Ticket
        with self.ctx.database.session() as s:
            ticket_type = s.scalar(select(Ticket.ticket_type).where(Ticket.work_item_id == item_id))
        if ticket_type != "super_emergency":
            raise DeskError(Text("Team leader hanya melakukan caring tiket super emergency.",
                                 "A team leader makes only the caring call of a super-emergency ticket."))

    def _report_pick(self, item_id: int, now: datetime) -> None:
        # A prospect pulled from MyCX: MyCX must not offer it to another tool (P-01 5.1).  Its own
        # small transaction after the claim: a crash in between loses only this notice.
        with self.ctx.database.session() as s:
            pick_message(s, item_id, self.user.username, now)

    def why_not_claimable(self, item_id: int) -> Text:
        """Why this agent cannot take this item now, in words for the agent."""
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            item = s.get(WorkItem, item_id)
            if item is None:
                return Text("Data ini tidak ditemukan.", "This record was not found.")
            zone = s.scalar(select(Customer.region).where(Customer.id == item.customer_id))
            if item.state in (WorkItemState.DONE.value, WorkItemState.CLOSED_UNREACHABLE.value):
                return Text("Data ini sudah selesai; hanya team leader atau QC yang dapat membukanya lagi.",
                            "This record is finished; only a team leader or QC can open it again.")
            if item.claimed_by_id not in (None, self.user.id) or item.assigned_agent_id not in (None, self.user.id):
                return Text("Data ini sedang dikerjakan agen lain.", "Another agent is working on this record.")
            if item.next_attempt_at is not None and item.next_attempt_at > now:
                region = CustomerZone.parse(zone).display_region
                return Text("Belum waktunya: pelanggan ini dijadwalkan dihubungi "
                            f"{format_when(item.next_attempt_at, now, region, 'id')}.",
                            "Not yet: this customer is due to be called "
                            f"{format_when(item.next_attempt_at, now, region, 'en')}.")
        if not self.windows.within_hours(item.program, now, zone):
            return self.windows.check(item.program, now, zone).message or Text(
                "Di luar jam panggilan pelanggan.", "Outside the customer's calling hours.")
        return Text("Data ini tidak dapat diambil sekarang.", "This record cannot be taken now.")

    def release(self, item_id: int) -> None:
        self.queue.release(self.user.id, item_id)

    def renew(self, item_id: int) -> bool:
        """The claim heartbeat: False when the item is no longer this agent's."""
        return self.queue.renew(self.user.id, item_id, self.ctx.clock.now())

    def unfinished_item(self) -> int | None:
        """An item this agent left in a call or in wrap-up (crash, closed window)."""
        with self.ctx.database.session() as s:
            return s.scalar(select(WorkItem.id).where(
                WorkItem.claimed_by_id == self.user.id,
                WorkItem.state.in_((WorkItemState.IN_CALL.value, WorkItemState.WRAP_UP.value)))
                .order_by(WorkItem.updated_at.desc()).limit(1))

    # -- the card ----------------------------------------------------------------
    def card(self, item_id: int) -> CustomerCard:
        with self.ctx.database.session() as s:
            return load_card(s, item_id, self.user.id)

    # -- the attempt ---------------------------------------------------------------
    def start_attempt(self, item_id: int, phone_id: int, sip_domain: str = "",
                      holiday_agreed: bool = False) -> AttemptStarted:
        """Write the attempt before the INVITE leaves: a crash still counts it.

        Refused (DeskError) outside the program's calling window, when the number reached
        its per-day or per-round limit, and on a public holiday unless the customer's
        agreement is on record or the agent confirms it now (HolidayAgreementNeeded).
        """
        now = self.ctx.clock.now()
        # Few statements, no ORM objects, few round trips: this write stands between F5 and the INVITE.
        with dial_transaction(self.ctx.database) as dial:
            facts = dial.facts(item_id, phone_id, {z.value: day_start(now, z) for z in CustomerZone})
            if facts is None:
                raise DeskError(Text("Nomor tidak ditemukan untuk pelanggan ini.",
                                     "This number is not one of this customer's."))
            item = facts.item
            if item.claimed_by_id != self.user.id:
                raise DeskError(Text("Ambil data ini dulu sebelum memanggil.",
                                     "Take this record before calling."))
            if item.invalid:
                raise DeskError(Text("Nomor ini sudah ditandai tidak valid; pilih nomor lain.",
                                     "This number is marked not valid; choose another number."))
            agreed = holiday_agreed
            window = self.windows.check(item.program, now, item.region, agreed)
            if window.reason == "holiday_needs_agreement" and dial.holiday_consent(item.customer_id):
                agreed = True
                window = self.windows.check(item.program, now, item.region, agreed)
            if not window.open:
                if window.reason == "holiday_needs_agreement":
                    raise HolidayAgreementNeeded(window.message, window.holiday)
                raise DeskError(window.message)
            verdict = self.number_limits.check(facts.usage)
            if not verdict.allowed:
                raise DeskError(verdict.message)
            target = dial_string(normalize(item.e164), self.dial_rules)
            if sip_domain:
                target = f"sip:{target}@{sip_domain}"
            attempt_no = item.attempts_in_round + 1
            move = self.queue.guarded_move(item_id, self.user.id, ItemHold.of(item), WorkItemState.IN_CALL, now,
                                           attempts_in_round=attempt_no, attempts_total=item.attempts_total + 1)
            attempt_id = dial.write(move, CallAttempt(
                work_item_id=item_id, agent_id=self.user.id, phone_id=phone_id, dialled=item.e164,
                round_no=item.round_no, attempt_no=attempt_no, started_at=now,
                holiday_consent=bool(window.holiday) and agreed))
            return AttemptStarted(attempt_id, target, attempt_no, item.round_no)

    def finish_attempt(self, attempt_id: int, *, answered: bool, status_code: int | None, reason: str,
                       ring_seconds: float, talk_seconds: float, recording_path: str | None,
                       recording_error: str | None, suggested_reason: str | None,
                       counts: bool | None = None, heard: ProgressVerdict | None = None) -> None:
        """Store how the call went, with what call-progress analysis heard (for the TL's export and
        QC).  A call that never reached the customer's network (a PBX or network fault: `counts`
        False) gives its attempt back to the 3-call rule."""
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            # The attempt and where its item stands, in one read; the move below is guarded.
            row = s.execute(_FINISH_READ, {"attempt_id": attempt_id}).first()
            attempt = row[0] if row else None
            if attempt is None or attempt.agent_id != self.user.id:
                raise DeskError(Text("Percobaan panggilan tidak ditemukan.", "Call attempt not found."))
            attempt.ended_at = now
            attempt.answered = answered
            attempt.sip_status = status_code
            attempt.sip_reason = (reason or "")[:120]
            attempt.ring_seconds = ring_seconds
            attempt.talk_seconds = talk_seconds
            attempt.recording_path = recording_path
            attempt.recording_error = recording_error
            attempt.suggested_reason = suggested_reason
            attempt.counts = counts
            attempt.cpa_class = heard.kind if heard else None
            attempt.cpa_label = (heard.label or None) if heard else None
            attempt.cpa_confidence = round(float(heard.confidence), 2) if heard else None
            if recording_path:
                # Its hash, size and length, and its upload to the site's store (issue 14).
                keep_recording(s, self.ctx.settings, attempt, recording_path, now)
            if row.state == WorkItemState.IN_CALL.value:
                self.queue.move_from(s, attempt.work_item_id, self.user.id, ItemHold.of(row),
                                     WorkItemState.WRAP_UP, now,
                                     attempts_in_round=attempts_after(row.attempts_in_round, counts),
                                     attempts_total=attempts_after(row.attempts_total, counts))

    def recover_interrupted(self, item_id: int) -> None:
        """After a crash mid-call: the call is gone, the attempt stays counted, wrap-up follows."""
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            item = s.get(WorkItem, item_id)
            if item and item.claimed_by_id == self.user.id and item.state == WorkItemState.IN_CALL.value:
                self.queue.move(s, item_id, self.user.id, WorkItemState.WRAP_UP, now)
                for a in s.scalars(select(CallAttempt).where(CallAttempt.work_item_id == item_id,
                                                             CallAttempt.ended_at.is_(None))):
                    a.ended_at = now
                    a.sip_reason = "terputus (aplikasi ditutup)"

    # -- the wrap-up draft --------------------------------------------------------
    def save_draft(self, item_id: int, attempt_id: int | None, payload: dict[str, Any]) -> None:
        with self.ctx.database.session() as s:
            draft = s.scalar(select(ResultDraft).where(ResultDraft.work_item_id == item_id,
                                                       ResultDraft.agent_id == self.user.id))
            if draft is None:
                s.add(ResultDraft(work_item_id=item_id, agent_id=self.user.id, attempt_id=attempt_id,
                                  payload=payload))
            else:
                draft.payload = payload
                draft.attempt_id = attempt_id

    def load_draft(self, item_id: int) -> dict[str, Any] | None:
        with self.ctx.database.session() as s:
            return s.scalar(select(ResultDraft.payload).where(ResultDraft.work_item_id == item_id,
                                                              ResultDraft.agent_id == self.user.id))

    # -- the result ------------------------------------------------------------------
    def validate(self, program: str, reason_code: str, fields: dict[str, Any]) -> dict[str, str]:
        return validate_form(self.ctx, program, reason_code, fields)

    def save_result(self, item_id: int, attempt_id: int | None, reason_code: str,
                    fields: dict[str, Any], notes: str = "", wrapup_seconds: float | None = None,
                    keep: bool = False) -> SavedResult:
        return write_result(self.ctx, self.user, self.policy, self.queue, item_id, attempt_id, reason_code,
                            fields, notes, wrapup_seconds, keep)

    def add_phone(self, item_id: int, number: str, label: str = "manual") -> int:
        """A number the customer gave during the call (or the agent found), for this customer."""
        from app.domain.phone import InvalidPhoneNumber
        try:
            e164 = normalize(number).e164
        except InvalidPhoneNumber as exc:
            raise DeskError(Text("Nomor tidak valid: {problem}", "Not a valid number: {problem}")
                            .format(problem=exc.text or str(exc))) from exc
        with self.ctx.database.session() as s:
            item = s.get(WorkItem, item_id)
            if item is None or item.claimed_by_id != self.user.id:
                raise DeskError(Text("Ambil data ini dulu.", "Take this record first."))
            existing = s.scalar(select(Phone).where(Phone.customer_id == item.customer_id, Phone.e164 == e164))
            if existing is not None:
                if existing.invalid:
                    raise DeskError(Text("Nomor ini sudah ditandai tidak valid untuk pelanggan ini.",
                                         "This number is already marked not valid for this customer."))
                return existing.id
            phone = Phone(customer_id=item.customer_id, e164=e164, label=label)
            s.add(phone)
            s.flush()
            return phone.id

    # -- agent state -------------------------------------------------------------------
    def set_agent_state(self, state: str, pause_reason: str | None = None) -> None:
        # Core statements built once: a desk changes state three times a customer, on the io
        # thread, while the window waits for the interpreter lock.
        now = self.ctx.clock.now()
        agent = {"agent": self.user.id}
        with self.ctx.database.session() as s:
            connection = s.connection()
            if connection.execute(_OPEN_SPAN, agent).first() == (state, pause_reason):
                return
            connection.execute(_END_SPANS, {**agent, "now": now})
            connection.execute(_NEW_SPAN, {**agent, "new_state": state, "reason": pause_reason, "now": now})

