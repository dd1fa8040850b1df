"""The agent's desk as use cases: pick, open the card, start and finish an attempt,
keep the wrap-up draft, save the result.

No Qt here: the desk window calls these through BackgroundOp, the CLI and the
tests call them directly.  Every write is one transaction; saving a result
writes the result, the work item's next state and one outbox row per
destination together (DESIGN.md "Result").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.context import AppContext, acting
from app.domain.attempt_policy import AttemptPolicy, Decision
from app.domain.calling_hours import CallingHours, TimeZoneRegion
from app.domain.phone import DialRules, dial_string, normalize
from app.domain.programs import Program
from app.domain.results import validate_result
from app.domain.roles import Permission
from app.domain.workitem import WorkItemState, check_transition
from app.store.models import (AgentStateSpan, CallAttempt, Customer, OutboxMessage, Phone, Result,
                              ResultDraft, WorkItem)
from app.store.queue import WorkQueue

DESTINATIONS = ("mycx", "tamara")
TIER2_DESTINATIONS = ("callback", "mycx")


class DeskError(Exception):
    """An expected refusal with a message for the agent (Indonesian)."""


class ResultInvalid(DeskError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class PhoneView:
    id: int
    e164: str
    display: str
    label: str | None
    invalid: bool
    invalid_reason: str | None


@dataclass(frozen=True)
class HistoryRow:
    attempt_id: int | None
    at: datetime
    dialled: str
    sip: str
    talk_seconds: float | None
    reason_code: str | None
    revision: int | None
    notes: str | None
    recording_path: str | None
    agent: str | None
    delivery: str = ""          # delivered | pending | failed: the worst state of the result's deliveries


@dataclass(frozen=True)
class CustomerCard:
    item_id: int
    state: str
    program: str
    name: str
    account_number: str
    segment: str
    region: str
    address: str | None
    email: str | None
    arrears_months: int
    arrears_amount: Decimal
    period: str | None
    attempts_in_round: int
    round_no: int
    attempts_total: int
    next_attempt_at: datetime | None
    returned_comment: str | None
    phones: tuple[PhoneView, ...]
    history: tuple[HistoryRow, ...]
    ticket: dict[str, Any] | None = None
    open_attempt_id: int | None = None       # an attempt still waiting for its result


@dataclass(frozen=True)
class AttemptStarted:
    attempt_id: int
    dial_target: str
    attempt_no: int
    round_no: int


@dataclass(frozen=True)
class SavedResult:
    result_id: int
    decision: Decision
    outbox_ids: tuple[int, ...] = field(default_factory=tuple)


def _region(value: str | None) -> TimeZoneRegion:
    try:
        return TimeZoneRegion(value or "WIB")
    except ValueError:
        return TimeZoneRegion.WIB


class Desk:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.user = acting(ctx, Permission.WORK_QUEUE)
        self.hours = CallingHours.from_settings(ctx.settings.get("calling_hours") or {})
        self.policy = AttemptPolicy(calling_hours=self.hours)
        self.queue = WorkQueue(ctx.database)
        self.dial_rules = DialRules.from_settings(ctx.settings.get("dialing") or {})

    # -- queue --------------------------------------------------------------------
    def programs(self) -> set[str]:
        if self.user.role == "tier2":
            return {Program.TIER2.value}
        return {Program.CT0.value, Program.PRANPC.value}

    def open_regions(self, now: datetime | None = None) -> set[str]:
        now = now or self.ctx.clock.now()
        return {r.value for r in TimeZoneRegion if self.hours.is_open(now, r)}

    def is_dialable_now(self, region: str) -> bool:
        return self.hours.is_open(self.ctx.clock.now(), _region(region))

    def claim_next(self) -> int | None:
        now = self.ctx.clock.now()
        return self.queue.claim_next(self.user.id, now, self.open_regions(now), self.programs())

    def claim(self, item_id: int) -> bool:
        now = self.ctx.clock.now()
        return self.queue.claim(self.user.id, item_id, now, self.open_regions(now))

    def release(self, item_id: int) -> None:
        self.queue.release(self.user.id, item_id)

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
            item = s.get(WorkItem, item_id, options=[selectinload(WorkItem.customer)
                                                     .selectinload(Customer.phones)])
            if item is None:
                raise DeskError(f"Data #{item_id} tidak ditemukan.")
            self._check_visible(item)
            cust = item.customer
            phones = tuple(PhoneView(p.id, p.e164, _display(p.e164), p.label, p.invalid, p.invalid_reason)
                           for p in cust.phones)
            history = self._history(s, item_id)
            open_attempt = s.scalar(select(CallAttempt.id).where(
                CallAttempt.work_item_id == item_id, CallAttempt.agent_id == self.user.id,
                ~select(Result.id).where(Result.attempt_id == CallAttempt.id).exists())
                .order_by(CallAttempt.id.desc()).limit(1)) \
                if item.state in (WorkItemState.IN_CALL.value, WorkItemState.WRAP_UP.value) else None
            ticket = None
            if item.ticket is not None:
                t = item.ticket
                ticket = {c: getattr(t, c) for c in ("ticket_number", "ticket_type", "service", "rfo_cause",
                                                      "rfo_repair", "repeat_reports", "progress_notes",
                                                      "hard_complaint", "routed_to", "status",
                                                      "escort_tl_id")}
            return CustomerCard(
                item.id, item.state, item.program, cust.name, cust.account_number, cust.segment,
                cust.region, cust.address, cust.email, item.arrears_months, item.arrears_amount,
                item.period, item.attempts_in_round, item.round_no, item.attempts_total,
                item.next_attempt_at, item.returned_comment, phones, history, ticket, open_attempt)

    def _check_visible(self, item: WorkItem) -> None:
        mine = item.claimed_by_id in (None, self.user.id) and item.assigned_agent_id in (None, self.user.id)
        if not mine:
            raise DeskError("Data ini sedang dikerjakan agen lain.")

    @staticmethod
    def _history(s: Session, item_id: int) -> tuple[HistoryRow, ...]:
        from app.store.models import User
        rows: list[HistoryRow] = []
        attempts = s.scalars(select(CallAttempt).where(CallAttempt.work_item_id == item_id)
                             .order_by(CallAttempt.id)).all()
        results = s.scalars(select(Result).where(Result.work_item_id == item_id)
                            .order_by(Result.id)).all()
        agent_ids = {a.agent_id for a in attempts} | {r.agent_id for r in results}
        names = dict(s.execute(select(User.id, User.full_name).where(User.id.in_(agent_ids))).all())
        delivery: dict[int, str] = {}
        rank = {"failed": 2, "pending": 1, "delivered": 0}
        for result_id, status in s.execute(select(OutboxMessage.result_id, OutboxMessage.status).where(
                OutboxMessage.result_id.in_([r.id for r in results]))):
            if rank.get(status, 0) >= rank.get(delivery.get(result_id, "delivered"), 0):
                delivery[result_id] = status
        by_attempt: dict[int | None, list[Result]] = {}
        for r in results:
            by_attempt.setdefault(r.attempt_id, []).append(r)
        for a in attempts:
            sip = "" if a.sip_status is None else f"{a.sip_status} {a.sip_reason or ''}".strip()
            for r in by_attempt.pop(a.id, []) or [None]:
                rows.append(HistoryRow(a.id, a.started_at, a.dialled, sip, a.talk_seconds,
                                       r.reason_code if r else None, r.revision if r else None,
                                       r.notes if r else None, a.recording_path, names.get(a.agent_id),
                                       delivery.get(r.id, "") if r else ""))
        for rs in by_attempt.values():          # results without a call (e.g. no valid number)
            for r in rs:
                rows.append(HistoryRow(None, r.created_at, "", "", None, r.reason_code, r.revision,
                                       r.notes, None, names.get(r.agent_id), delivery.get(r.id, "")))
        rows.sort(key=lambda h: h.at)
        return tuple(rows)

    # -- the attempt ---------------------------------------------------------------
    def start_attempt(self, item_id: int, phone_id: int, sip_domain: str = "") -> AttemptStarted:
        """Write the attempt before the INVITE leaves: a crash still counts it."""
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            item = s.get(WorkItem, item_id, with_for_update=self.ctx.database.dialect == "postgresql")
            phone = s.get(Phone, phone_id)
            if item is None or phone is None or phone.customer_id != item.customer_id:
                raise DeskError("Nomor tidak ditemukan untuk pelanggan ini.")
            if item.claimed_by_id != self.user.id:
                raise DeskError("Ambil data ini dulu sebelum memanggil.")
            if phone.invalid:
                raise DeskError("Nomor ini sudah ditandai tidak valid; pilih nomor lain.")
            region = s.scalar(select(Customer.region).where(Customer.id == item.customer_id))
            if not self.hours.is_open(now, _region(region)):
                raise DeskError("Di luar jam panggilan pelanggan; data tidak dapat dipanggil sekarang.")
            check_transition(WorkItemState(item.state), WorkItemState.IN_CALL)
            target = dial_string(normalize(phone.e164), self.dial_rules)
            if sip_domain:
                target = f"sip:{target}@{sip_domain}"
            item.state = WorkItemState.IN_CALL.value
            item.attempts_in_round += 1
            item.attempts_total += 1
            item.claim_expires_at = None
            attempt = CallAttempt(work_item_id=item.id, agent_id=self.user.id, phone_id=phone.id,
                                  dialled=phone.e164, round_no=item.round_no,
                                  attempt_no=item.attempts_in_round, started_at=now)
            s.add(attempt)
            s.flush()
            return AttemptStarted(attempt.id, target, attempt.attempt_no, attempt.round_no)

    def finish_attempt(self, attempt_id: int, *, answered: bool, status_code: int | None, reason: str,
                       ring_seconds: float, talk_seconds: float, recording_path: str | None,
                       recording_error: str | None, suggested_reason: str | None) -> None:
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            attempt = s.get(CallAttempt, attempt_id)
            if attempt is None or attempt.agent_id != self.user.id:
                raise DeskError("Percobaan panggilan tidak ditemukan.")
            attempt.ended_at = now
            attempt.answered = answered
            attempt.sip_status = status_code
            attempt.sip_reason = (reason or "")[:120]
            attempt.ring_seconds = ring_seconds
            attempt.talk_seconds = talk_seconds
            attempt.recording_path = recording_path
            attempt.recording_error = recording_error
            attempt.suggested_reason = suggested_reason
            item = s.get(WorkItem, attempt.work_item_id)
            if item.state == WorkItemState.IN_CALL.value:
                item.state = WorkItemState.WRAP_UP.value

    def recover_interrupted(self, item_id: int) -> None:
        """After a crash mid-call: the call is gone, the attempt stays counted, wrap-up follows."""
        with self.ctx.database.session() as s:
            item = s.get(WorkItem, item_id)
            if item and item.claimed_by_id == self.user.id and item.state == WorkItemState.IN_CALL.value:
                item.state = WorkItemState.WRAP_UP.value
                for a in s.scalars(select(CallAttempt).where(CallAttempt.work_item_id == item_id,
                                                             CallAttempt.ended_at.is_(None))):
                    a.ended_at = self.ctx.clock.now()
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
        reason = self.ctx.catalogue.get(reason_code)
        today = self.ctx.clock.now().astimezone(TimeZoneRegion.WIB.zone).date()
        return validate_result(reason, fields, Program(program), today)

    def save_result(self, item_id: int, attempt_id: int | None, reason_code: str,
                    fields: dict[str, Any], notes: str = "", wrapup_seconds: float | None = None) -> SavedResult:
        from app.desk_result import write_result
        return write_result(self, item_id, attempt_id, reason_code, fields, notes, wrapup_seconds)

    # -- agent state -------------------------------------------------------------------
    def set_agent_state(self, state: str, pause_reason: str | None = None) -> None:
        now = self.ctx.clock.now()
        with self.ctx.database.session() as s:
            open_span = s.scalar(select(AgentStateSpan).where(AgentStateSpan.agent_id == self.user.id,
                                                              AgentStateSpan.ended_at.is_(None))
                                 .order_by(AgentStateSpan.id.desc()).limit(1))
            if open_span and open_span.state == state and open_span.pause_reason == pause_reason:
                return
            for span in s.scalars(select(AgentStateSpan).where(AgentStateSpan.agent_id == self.user.id,
                                                               AgentStateSpan.ended_at.is_(None))):
                span.ended_at = now
            s.add(AgentStateSpan(agent_id=self.user.id, state=state, pause_reason=pause_reason,
                                 started_at=now))


def _display(e164: str) -> str:
    try:
        return normalize(e164).display()
    except ValueError:
        return e164


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def json_safe(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in fields.items():
        if isinstance(v, (date, datetime)):
            out[k] = v.isoformat()
        elif isinstance(v, Decimal):
            out[k] = str(v)
        else:
            out[k] = v
    return out
