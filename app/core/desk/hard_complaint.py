"""The hard-complaint flag on every desk (DOMAIN rule 7, W-24 5.1.1-5.1.2): any agent — collection
or Tier-2 — records the criteria met during the call, and the complaint goes to Sephia for Support HC.

One case per work item: flagging again updates its criteria without a second Sephia
report.  A Tier-2 ticket is marked as well (app.core.tier2.escalation.mark_hard_complaint
keeps its own fields).  A DCS customer's hard complaint is also escalated to the DCS
unit (rule 11).  No Qt and no HTTP: the Sephia report and the escalation are outbox
rows of the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from app.core.context import AppContext, acting
from app.core.supporthc.cases import case_for_item, open_case, reference
from app.core.tier2.escalation import CRITERIA_FIELDS, Tier2Error
from app.domain.roles import Permission
from app.domain.text import Text
from app.domain.tier2 import HardComplaintCriteria, route_for_segment
from app.store import audit
from app.store.models import Customer, WorkItem


@dataclass(frozen=True)
class HardComplaintFlag:
    item_id: int
    hard_complaint: bool
    met: tuple[str, ...]          # the criteria met, Indonesian
    case_reference: str | None    # "HC-12" once reported
    escalated: bool               # DCS: escalated to the DCS unit too
    new_report: bool              # this flag sent a new report to Sephia


def criteria_of(values: Mapping[str, Any]) -> HardComplaintCriteria:
    return HardComplaintCriteria(**{k: values[k] for k in CRITERIA_FIELDS if k in values})


def flag_hard_complaint(ctx: AppContext, item_id: int, values: Mapping[str, Any],
                        note: str = "") -> HardComplaintFlag:
    """Record the criteria ticked for the customer on the desk; any one met makes a hard complaint."""
    user = acting(ctx, Permission.WORK_QUEUE)
    criteria = criteria_of(values)
    met = criteria.reasons()
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        if item is None:
            raise Tier2Error(Text(f"Data #{item_id} tidak ditemukan.", f"Record #{item_id} not found."))
        if item.claimed_by_id != user.id:
            raise Tier2Error(Text("Data ini tidak sedang Anda kerjakan.", "You are not working on this record."))
        customer = s.get(Customer, item.customer_id)
        case = case_for_item(s, item.id)
        if not met:
            if case is not None:
                case.criteria = dict(case.criteria or {}, **criteria.as_dict(), met=[])
            audit.record(s, user, "desk.hard_complaint", f"item:{item.id}", {"met": []}, at=now)
            return HardComplaintFlag(item.id, False, (), reference(case.id) if case else None, False, False)
        new = case is None
        if new:
            case = open_case(s, kind="hard_complaint", source="ticket" if item.ticket else "call",
                             account_number=customer.account_number, customer_name=customer.name,
                             segment=customer.segment, met=met, by=user, now=now, note=note or None,
                             work_item_id=item.id, ticket=item.ticket, details=criteria.as_dict())
        else:
            case.criteria = dict(case.criteria or {}, **criteria.as_dict(), met=list(met))
            if note:
                case.note = note
            case.updated_at = now
        if item.ticket is not None:
            routing = route_for_segment(customer.segment, True)
            item.ticket.hard_complaint = True
            item.ticket.hard_complaint_criteria = dict(criteria.as_dict(), met=list(met), escalated=routing.escalate)
        audit.record(s, user, "desk.hard_complaint", f"item:{item.id}",
                     {"met": list(met), "case": reference(case.id), "new": new}, at=now)
        s.flush()
        return HardComplaintFlag(item.id, True, met, reference(case.id), case.escalated, new)


def flagged_criteria(ctx: AppContext, item_id: int) -> dict[str, Any]:
    """What was flagged for an item ({} when nothing), for the flag when the customer is reopened."""
    with ctx.database.session() as s:
        case = case_for_item(s, item_id)
        if case is None:
            return {}
        return dict(case.criteria or {}, case_reference=reference(case.id), escalated=case.escalated)
