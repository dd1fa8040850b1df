"""The customer card: what the desk shows of one work item.

The customer and their numbers, the arrears, the history of calls and results
(with the worst delivery state of each result), a Tier-2 ticket, and the attempt
still waiting for its result.  Read-only: nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from app.core.desk.errors import DeskError
from app.core.desk.result import returned_result
from app.domain.phone import normalize
from app.domain.text import Text
from app.domain.workitem import WorkItemState
from app.store.models import CallAttempt, Customer, OutboxMessage, Phone, Result, Ticket, User, WorkItem


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
    counted: bool = True        # False: a PBX or network fault that did not count against the customer


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
    returned_result: "ReturnedResult | None" = None     # the result sent back for re-input
    held_from: str | None = None    # claimed: the state it returns to when released (after a kept result)


@dataclass(frozen=True)
class ReturnedResult:
    """A result a team leader or QC sent back: re-input corrects it without a new call."""

    result_id: int
    attempt_id: int | None
    reason_code: str
    fields: dict[str, Any]
    notes: str


def load_card(s: Session, item_id: int, user_id: int) -> CustomerCard:
    """The card of one item, refused when another agent holds it or owns it after a return."""
    # One read for the item, its customer, numbers and ticket; two for the history: a card opens
    # at every claim, and on a busy floor each round trip waits for a CPU.  Core, built once: the
    # card is read three times a customer on the io thread, while the window waits for the
    # interpreter lock, and the ORM's loading was half of each read.
    rows = s.execute(_CARD, {"item_id": item_id}).all()
    if not rows:
        raise DeskError(Text(f"Data #{item_id} tidak ditemukan.", f"Record #{item_id} not found."))
    item = rows[0]
    if item.claimed_by_id not in (None, user_id) or item.assigned_agent_id not in (None, user_id):
        raise DeskError(Text("Data ini sedang dikerjakan agen lain.", "Another agent is working on this record."))
    phones = tuple(PhoneView(p.phone_id, p.e164, _display(p.e164), p.phone_label, p.invalid, p.invalid_reason)
                   for p in rows if p.phone_id is not None)
    history = _history(s, item_id)
    open_attempt = s.scalar(select(CallAttempt.id).where(
        CallAttempt.work_item_id == item_id, CallAttempt.agent_id == user_id,
        ~select(Result.id).where(Result.attempt_id == CallAttempt.id).exists())
        .order_by(CallAttempt.id.desc()).limit(1)) \
        if item.state in (WorkItemState.IN_CALL.value, WorkItemState.WRAP_UP.value) else None
    ticket = {c: getattr(item, f"ticket_{c}") for c in _TICKET_COLUMNS} if item.ticket_id is not None else None
    return CustomerCard(
        item.id, item.state, item.program, item.name, item.account_number, item.segment,
        item.region, item.address, item.email, item.arrears_months, item.arrears_amount,
        item.period, item.attempts_in_round, item.round_no, item.attempts_total,
        item.next_attempt_at, item.returned_comment, phones, history, ticket, open_attempt,
        _returned_result(s, item), item.claimed_from_state if item.state == WorkItemState.CLAIMED.value else None)


def _returned_result(s: Session, item: Row) -> ReturnedResult | None:
    if item.returned_comment is None:
        return None
    result = returned_result(s, item.id)
    if result is None:
        return None
    return ReturnedResult(result.id, result.attempt_id, result.reason_code, dict(result.fields or {}),
                          result.notes or "")


def _history(s: Session, item_id: int) -> tuple[HistoryRow, ...]:
    rows: list[HistoryRow] = []
    attempts = s.execute(_ATTEMPTS, {"item_id": item_id}).all()
    results: dict[int, Row] = {}
    delivery: dict[int, str] = {}        # the worst state of each result's deliveries
    rank = {"failed": 2, "pending": 1, "delivered": 0}
    for r in s.execute(_RESULTS, {"item_id": item_id}):     # a result once per delivery it owes
        results.setdefault(r.id, r)
        if r.status is not None and rank.get(r.status, 0) >= rank.get(delivery.get(r.id, "delivered"), 0):
            delivery[r.id] = r.status
    by_attempt: dict[int | None, list[Row]] = {}
    for r in results.values():
        by_attempt.setdefault(r.attempt_id, []).append(r)
    for a in attempts:
        sip = "" if a.sip_status is None else f"{a.sip_status} {a.sip_reason or ''}".strip()
        for r in by_attempt.pop(a.id, []) or [None]:
            rows.append(HistoryRow(a.id, a.started_at, a.dialled, sip, a.talk_seconds,
                                   r.reason_code if r else None, r.revision if r else None,
                                   r.notes if r else None, a.recording_path, a.agent,
                                   delivery.get(r.id, "") if r else "", a.counts is not False))
    for rs in by_attempt.values():          # results without a call (e.g. no valid number)
        for r in rs:
            rows.append(HistoryRow(None, r.created_at, "", "", None, r.reason_code, r.revision,
                                   r.notes, None, r.agent, delivery.get(r.id, "")))
    rows.sort(key=lambda h: h.at)
    return tuple(rows)


# Built once (building a statement cost about as much as running it).
_TICKET_COLUMNS = ("ticket_number", "ticket_type", "service", "rfo_cause", "rfo_repair", "repeat_reports",
                   "progress_notes", "hard_complaint", "routed_to", "status", "escort_tl_id")
_CARD = (select(WorkItem.id, WorkItem.state, WorkItem.program, WorkItem.claimed_by_id, WorkItem.assigned_agent_id,
                WorkItem.claimed_from_state, WorkItem.arrears_months, WorkItem.arrears_amount, WorkItem.period,
                WorkItem.attempts_in_round, WorkItem.round_no, WorkItem.attempts_total, WorkItem.next_attempt_at,
                WorkItem.returned_comment,
                Customer.name, Customer.account_number, Customer.segment, Customer.region, Customer.address,
                Customer.email,
                Phone.id.label("phone_id"), Phone.e164, Phone.label.label("phone_label"), Phone.invalid,
                Phone.invalid_reason,
                Ticket.id.label("ticket_id"), *(getattr(Ticket, c).label(f"ticket_{c}") for c in _TICKET_COLUMNS))
         .join(Customer, Customer.id == WorkItem.customer_id)
         .outerjoin(Phone, Phone.customer_id == Customer.id)
         .outerjoin(Ticket, Ticket.work_item_id == WorkItem.id)
         .where(WorkItem.id == bindparam("item_id")).order_by(Phone.id))
# The history, the agents' names joined in.
_ATTEMPTS = (select(CallAttempt.id, CallAttempt.started_at, CallAttempt.dialled, CallAttempt.sip_status,
                    CallAttempt.sip_reason, CallAttempt.talk_seconds, CallAttempt.recording_path,
                    CallAttempt.counts, User.full_name.label("agent"))
             .outerjoin(User, User.id == CallAttempt.agent_id)
             .where(CallAttempt.work_item_id == bindparam("item_id")).order_by(CallAttempt.id))
_RESULTS = (select(Result.id, Result.attempt_id, Result.created_at, Result.reason_code, Result.revision,
                   Result.notes, User.full_name.label("agent"), OutboxMessage.status)
            .outerjoin(User, User.id == Result.agent_id)
            .outerjoin(OutboxMessage, OutboxMessage.result_id == Result.id)
            .where(Result.work_item_id == bindparam("item_id")).order_by(Result.id, OutboxMessage.id))


def _display(e164: str) -> str:
    try:
        return normalize(e164).display()
    except ValueError:
        return e164


# A card's reads, for a warm-up at login to run once on ids that match nothing (item_id).
CARD_READS = (_CARD, _ATTEMPTS, _RESULTS)
