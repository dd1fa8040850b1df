"""Saving a wrap-up: the one transaction that records a result.

It validates the form against the reason, asks the attempt policy (or the
Tier-2 closing rule) for the next state, appends the result (a new revision
when it re-inputs a returned one), moves the work item, marks a wrong number,
writes one outbox row per destination (MyCX, TAMARA or the Callback app, and CWC and
Nonatero where the site has them), the follow-ups the other systems are owed
(app.core.desk.followups) and removes the draft — all committed together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, delete, exists, select
from sqlalchemy.orm import joinedload

from app.core.context import AppContext, CurrentUser
from app.core.desk.errors import DeskError, ResultInvalid
from app.core.desk.followups import (all_reason_destinations, filed_fault_reports, followups, link_filed_faults,
                                     unlinked_faults_filed, with_filed_fault)
from app.domain.attempt_policy import AttemptPolicy, Decision
from app.domain.calling_hours import TimeZoneRegion
from app.domain.programs import Program, rules_from_settings
from app.domain.results import FAULT_FIELDS, CallFacts, validate_result
from app.domain.text import Text
from app.domain.validators import parse_amount, parse_date
from app.domain.workitem import WorkItemState, check_transition
from app.store.models import CallAttempt, Customer, Phone, Result, ResultDraft, Ticket, WorkItem
from app.store.outbox_repo import insert_new_messages, new_message
from app.store.queue import ItemHold, WorkQueue
from app.store.types import json_safe


@dataclass(frozen=True)
class SavedResult:
    result_id: int
    decision: Decision
    outbox_ids: tuple[int, ...] = field(default_factory=tuple)
    kept: bool = False          # the agent keeps the customer to try another number now


def validate_form(ctx: AppContext, program: str, reason_code: str, fields: dict[str, Any],
                  call: CallFacts | None = None, notes: str = "") -> dict[str, str]:
    """The wrap-up form's errors per field (empty when it may be saved), under the site's program rules."""
    reason = ctx.catalogue.get(reason_code)
    today = ctx.clock.now().astimezone(TimeZoneRegion.WIB.zone).date()
    rules = rules_from_settings(ctx.settings.get("programs"))[Program(program)]
    return validate_result(reason, fields, Program(program), today, rules, now=ctx.clock.now(), call=call,
                           notes=notes)

def _first_phone(item: WorkItem) -> str:
    phones = [p.e164 for p in item.customer.phones if not p.invalid] or [p.e164 for p in item.customer.phones]
    return phones[0] if phones else "-"


def write_result(ctx: AppContext, user: CurrentUser, policy: AttemptPolicy, queue: WorkQueue, item_id: int,
                 attempt_id: int | None, reason_code: str, fields: dict[str, Any], notes: str,
                 wrapup_seconds: float | None, keep: bool = False) -> SavedResult:
    """`keep`: when the result leaves the customer open (not done or closed), the agent keeps them
    claimed to try another number at once; released later, they return to the decided state."""
    reason = ctx.catalogue.get(reason_code)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item, attempt, faults_filed, returned_waits, draft_kept = s.execute(
            SAVE_READ[ctx.database.dialect], {"item_id": item_id, "attempt_id": attempt_id, "agent_id": user.id},
        ).first() or (None, None, False, False, False)
        if item is None or item.claimed_by_id != user.id:
            raise DeskError(Text("Data ini tidak sedang Anda kerjakan.", "You are not working on this record."))
        program = Program(item.program)
        if program.value not in {p.value for p in reason.programs}:
            raise ResultInvalid({"reason": "Alasan ini tidak berlaku untuk program data ini."})
        filed = filed_fault_reports(s, item.id) if faults_filed else []
        fields = with_filed_fault(s, filed, reason, fields)
        if attempt_id is None and reason.counts_as_attempt:
            raise ResultInvalid({"reason": "Alasan ini memerlukan panggilan; lakukan panggilan dulu."})
        call = CallFacts(called=attempt is not None, answered=attempt.answered if attempt else False,
                         arrears=item.arrears_amount if item.program != Program.TIER2.value else None)
        errors = validate_form(ctx, item.program, reason_code, fields, call, notes)
        if errors:
            raise ResultInvalid(errors)
        customer = item.customer
        region = customer.region

        phone_closed = False
        if reason.closes in ("number_only", "when_no_other_number") and attempt and attempt.phone_id:
            phone = s.get(Phone, attempt.phone_id)
            phone.invalid = True
            phone.invalid_reason = reason.label_id
            phone.invalidated_at = now
            phone_closed = True

        # The item was read under lock (PostgreSQL) or is guarded by each UPDATE (SQLite): its moves
        # below need no fresh ORM copy, and the fields read after them are not ones a move changes.
        hold = ItemHold.of(item)
        if hold.state == WorkItemState.CLAIMED.value:      # a result without a call (no valid number)
            queue.move_from(s, item.id, user.id, hold, WorkItemState.WRAP_UP, now)
            hold = ItemHold(WorkItemState.WRAP_UP.value, user.id, item.claimed_from_state)
        decision = _decide(policy, item, reason, fields, now, region)
        next_state = decision.next_state
        if phone_closed and not _valid_number_left(s, customer.id):
            next_state = WorkItemState.CLOSED_UNREACHABLE
        check_transition(WorkItemState(hold.state), next_state)    # before anything is written

        previous = returned_result(s, item.id) if returned_waits else None
        result = Result(
            work_item_id=item.id, attempt_id=attempt_id, agent_id=user.id, program=item.program,
            reason_code=reason.code, contacted=reason.contacted, notes=notes or None,
            fields=json_safe(fields), next_state=next_state.value,
            promise_date=parse_date(fields["promise_date"]) if fields.get("promise_date") else None,
            promise_amount=parse_amount(fields["promise_amount"]) if fields.get("promise_amount") else None,
            next_attempt_at=decision.next_attempt_at, summary=decision.summary_id[:200],
            wrapup_seconds=wrapup_seconds, qc_status="pending" if reason.to_qc else "n/a",
            created_at=now)
        if previous is not None:
            # The database marks `previous` superseded when this row is inserted (app.store.revisions):
            # a result, once written, is never updated by the desk.
            result.revision = previous.revision + 1
            result.supersedes_id = previous.id
            result.review_status = "reinput"

        moved: dict[str, Any] = {"next_attempt_at": decision.next_attempt_at, "assigned_agent_id": None,
                                 "returned_comment": None}
        if decision.round_no > item.round_no:
            moved.update(round_no=decision.round_no, attempts_in_round=0)
        if next_state in (WorkItemState.DONE, WorkItemState.CLOSED_UNREACHABLE):
            moved["closed_at"] = now
        kept = keep and next_state in (WorkItemState.RETRY_LATER, WorkItemState.PENDING_UNTIL)
        if kept:
            move = queue.guarded_move(item.id, user.id, hold, WorkItemState.CLAIMED, now,
                                      claimed_from_state=next_state.value, **moved)
        else:
            move = queue.guarded_move(item.id, user.id, hold, next_state, now, **moved)
        move.run_with_insert(s, result)            # the result is written with the item's move, or neither

        payloads = {"mycx": result_payload(item, customer, result, attempt, user)}
        if program is Program.TIER2 and item.ticket is not None:
            payloads["callback"] = callback_payload(item, result, attempt, user, reason)
        else:
            payloads["tamara"] = payloads["mycx"]
        for destination in all_reason_destinations(ctx.settings):
            payloads[destination] = payloads["mycx"]
        messages = [new_message(d, body, now, result.id) for d, body in payloads.items()]
        link_filed_faults(s, filed, result)
        if any(fields.get(f) for f in FAULT_FIELDS) and not filed:
            messages.append(new_message("mycx_ticket", {"action": "create", "report": fault_payload(
                customer, fields, user, f"{result.id}-r{result.revision}")}, now, result.id))
        messages.extend(_action_messages(item, customer, decision, user, now, result.id))
        messages.extend(followups(s, item, customer, result, reason, decision, user, now))
        outbox_ids = insert_new_messages(s, messages)
        if draft_kept:
            s.execute(delete(ResultDraft).where(ResultDraft.work_item_id == item.id,
                                                ResultDraft.agent_id == user.id))
        s.flush()
        return SavedResult(result.id, decision, outbox_ids, kept)


_RETURNED = (Result.is_current.is_(True), (Result.review_status == "returned") | (Result.qc_status == "returned"))


def _returned_result_waits():
    return exists().where(Result.work_item_id == WorkItem.id, *_RETURNED)


def _save_read(locked: bool):
    """One round trip: the item with its customer, Tier-2 ticket and attempt, and whether a fault
    was filed during the call, a returned result waits for its re-input (rare: both read after it
    when they do) or a draft is to be removed.  Built once: building it cost as much as running it."""
    draft_kept = exists().where(ResultDraft.work_item_id == WorkItem.id,
                                ResultDraft.agent_id == bindparam("agent_id"))
    read = (select(WorkItem, CallAttempt, unlinked_faults_filed(), _returned_result_waits(), draft_kept)
            .outerjoin(CallAttempt, CallAttempt.id == bindparam("attempt_id"))
            .where(WorkItem.id == bindparam("item_id"))
            .options(joinedload(WorkItem.customer), joinedload(WorkItem.ticket)))
    return read.with_for_update(of=WorkItem) if locked else read


# By dialect; public for the desk's warm-up at login (Desk.warm_up).
SAVE_READ = {"postgresql": _save_read(locked=True), "sqlite": _save_read(locked=False)}


def returned_result(s, item_id: int) -> Result | None:
    """The item's current result that its team leader or QC sent back for re-input, if any."""
    return s.scalar(select(Result).where(Result.work_item_id == item_id, *_RETURNED)
                    .order_by(Result.id.desc()).limit(1))


def _valid_number_left(s, customer_id: int) -> bool:
    return s.scalar(select(Phone.id).where(Phone.customer_id == customer_id, Phone.invalid.is_(False))
                    .limit(1)) is not None


def _decide(policy: AttemptPolicy, item: WorkItem, reason, fields, now: datetime, region):
    callback_at = fields.get("callback_at")
    if isinstance(callback_at, str) and callback_at:
        callback_at = datetime.fromisoformat(callback_at)
    service = item.ticket.service if item.ticket is not None else None
    return policy.decide(Program(item.program), reason, item.attempts_in_round, item.round_no, now,
                              region, service=service, callback_at=callback_at or None)


def result_payload(item: WorkItem, customer: Customer, result: Result, attempt: CallAttempt | None,
                   user) -> dict[str, Any]:
    """The caring result as MyCX and TAMARA receive it (CaringResult in app/resources/contract/openapi.yaml)."""
    from app.domain.phone import normalize
    masked = None
    if attempt is not None:
        try:
            masked = normalize(attempt.dialled).masked()
        except ValueError:
            masked = None
    return {
        "result_id": f"{result.id}-r{result.revision}",
        "account_number": customer.account_number,
        "program": item.program,
        "reason_code": result.reason_code,
        "contacted": result.contacted,
        "agent": user.username,
        "called_at": (attempt.started_at if attempt else result.created_at).isoformat(),
        "phone_masked": masked,
        "notes": result.notes,
        "promise_date": result.promise_date.isoformat() if result.promise_date else None,
        "promise_amount": int(Decimal(result.promise_amount)) if result.promise_amount is not None else None,
        "revision": result.revision,
        "supersedes": f"{result.supersedes_id}-r{result.revision - 1}" if result.supersedes_id else None,
        "fields": dict(result.fields or {}, next_state=result.next_state,
                       attempt_no=attempt.attempt_no if attempt else None,
                       sip_status=attempt.sip_status if attempt else None),
    }


# The Callback app knows four outcomes (CallbackResponse.outcome in the contract).
_CALLBACK_OUTCOME = {"T2-OK": "solved", "T2-MON": "solved", "T2-NOK": "not_solved", "T2-HC": "not_solved"}


def _callback_outcome(result: Result, reason) -> str:
    if result.reason_code in _CALLBACK_OUTCOME:
        return _CALLBACK_OUTCOME[result.reason_code]
    if result.next_state == "pending_until" or "callback_at" in reason.required_fields:
        return "pending"
    return "not_reached"


def callback_payload(item: WorkItem, result: Result, attempt: CallAttempt | None, user,
                     reason) -> dict[str, Any]:
    """The customer's response as the Tier-2 Callback app receives it (CallbackResponse)."""
    return {
        "ticket_number": item.ticket.ticket_number,
        "outcome": _callback_outcome(result, reason),
        "customer_response": result.notes or reason.label_id,
        "attempt_no": attempt.attempt_no if attempt else None,
        "agent": user.username,
        "called_at": (attempt.started_at if attempt else result.created_at).isoformat(),
        "result_id": f"{result.id}-r{result.revision}",
    }


def fault_payload(customer: Customer, fields: dict[str, Any], user, result_id: str | None = None) -> dict[str, Any]:
    """A new fault reported during the call (DOMAIN rule 10; FaultReport in the contract)."""
    return {"product_id": str(fields.get("fault_product_id") or customer.account_number),
            "reporter_name": str(fields.get("fault_reporter_name", "")),
            "reporter_phone": str(fields.get("fault_reporter_phone", "")),
            "email": str(fields.get("fault_email") or "") or None,
            "symptom": str(fields.get("fault_symptom", "")),
            "description": str(fields.get("fault_description", "")),
            "result_id": result_id,
            "agent": user.username}


def _action_messages(item: WorkItem, customer: Customer, decision, user, now, result_id: int):
    """Deliveries that the decision's actions call for (Tier-2 closing rule)."""
    ticket: Ticket | None = item.ticket
    for action in decision.actions:
        if action == "create_monitoring_ticket":
            yield new_message("mycx_ticket", {"action": "create", "report": fault_payload(customer, {
                "fault_product_id": customer.account_number,
                "fault_reporter_name": customer.name,
                "fault_reporter_phone": _first_phone(item),
                "fault_email": customer.email, "fault_symptom": "request/monitoring",
                "fault_description": "Monitoring diminta pelanggan setelah tiket "
                                     f"{ticket.ticket_number if ticket else ''} ditutup."}, user)}, now, result_id)
        elif action == "send_rfo_email" and ticket is not None:
            yield new_message("email", {
                "template": "rfo", "to": customer.email or "",
                "customer_name": customer.name, "ticket_number": ticket.ticket_number,
                "rfo_cause": ticket.rfo_cause or "", "rfo_repair": ticket.rfo_repair or "",
                "agent": user.username}, now, result_id)
        if ticket is not None:
            if action == "back_to_repair":
                ticket.status = "back_to_repair"
            elif action == "send_rfo_email":
                ticket.status = "pending"
    if ticket is not None and decision.next_state in (WorkItemState.DONE, WorkItemState.CLOSED_UNREACHABLE) \
            and ticket.status != "back_to_repair":
        ticket.status = "closed"
