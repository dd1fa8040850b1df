"""Tier-2 caring callbacks as use cases: mark hard complaints, escort promises.

Tickets come in through app.core.tier2.intake and become TIER2 work items that the
agent desk (app.core.desk.desk) works with its ordinary queue, card, call and wrap-up — the
3-call closing rule itself lives in app.domain.tier2 and is applied by the desk's
save path.  Here: hard-complaint
marking and routing by segment (DOMAIN rules 7, 11), the team leader's super
emergency and the 3-promise-ticket escort limit (rules 8, 9).  The "email" (RFO)
and "mycx_status" deliveries are rows of app.services.destinations; a hard complaint
opens a Support HC case reported to Sephia, a super emergency one Support HC escorts
(app.core.supporthc.cases).  No Qt and no
HTTP here; every write is one transaction with its audit entry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.context import AppContext, acting
from app.domain.roles import Permission, Role, has_permission
from app.domain.text import Text, TextError
from app.domain.tier2 import (PROMISE_TICKET_TYPES, HardComplaintCriteria, Routing, TicketType, check_escort_limit,
                              is_promise_ticket, route_for_segment)
from app.store import audit
from app.store.models import Customer, Ticket, User, WorkItem
from app.store.outbox_repo import new_message

log = logging.getLogger(__name__)

# Promise tickets first, then hard complaints, then ordinary repaired faults (lower = earlier).
# The advisory-lock space of "escorting for TL n" (pg_advisory_xact_lock(ESCORT_LOCK, n)).
ESCORT_LOCK = 1708
PRIORITY_BY_TYPE = {TicketType.SUPER_EMERGENCY: 1, TicketType.BUZZER_VISIT: 2, TicketType.BUZZER: 3,
                    TicketType.HARD_COMPLAINT: 5, TicketType.REPAIRED_FAULT: 10}
OPEN_STATUSES = ("open", "pending", "back_to_repair")   # a ticket still escorted until it is closed
CRITERIA_FIELDS = ("repeat_reports", "threat_cancel_or_media", "abusive_language", "asks_supervisor",
                   "will_not_end_call")


class Tier2Error(TextError):
    """An expected refusal with a message for the user in both languages (app.domain.text)."""


@dataclass(frozen=True)
class HardComplaintOutcome:
    ticket_number: str
    hard_complaint: bool
    reasons: tuple[str, ...]          # the criteria met, Indonesian
    routing: Routing
    routed_to: str | None


@dataclass(frozen=True)
class EscortedTicket:
    ticket_id: int
    ticket_number: str
    ticket_type: str
    service: str
    customer_name: str
    segment: str
    status: str
    escort_tl_id: int | None
    escort_tl: str | None
    work_item_id: int | None = None       # the TL's caring call opens the desk on it (W-24 5.2.8)


# -- hard complaint (rules 7, 11) ---------------------------------------------------------------------

def routed_to(routing: Routing | None) -> str | None:
    if routing is None:
        return None
    where = f"unit {routing.unit}" if routing.unit else "Tier-2"
    return f"{where}; eskalasi" if routing.escalate else where


def _criteria(value: HardComplaintCriteria | Mapping[str, Any]) -> HardComplaintCriteria:
    if isinstance(value, HardComplaintCriteria):
        return value
    return HardComplaintCriteria(**{k: value[k] for k in CRITERIA_FIELDS if k in value})


def mark_hard_complaint(ctx: AppContext, item_id: int,
                        criteria: HardComplaintCriteria | Mapping[str, Any]) -> HardComplaintOutcome:
    """Record the criteria ticked during the call; any one makes the ticket a hard complaint,
    routed by the customer's segment (DCS: to the DCS unit and escalated)."""
    user = acting(ctx, Permission.WORK_QUEUE)
    crit = _criteria(criteria)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        if item is None or item.ticket is None:
            raise Tier2Error(Text(f"Tiket untuk data #{item_id} tidak ditemukan.", f"No ticket for record #{item_id}."))
        if item.claimed_by_id != user.id and not has_permission(user.role, Permission.SET_SUPER_EMERGENCY):
            raise Tier2Error(Text("Tiket ini tidak sedang Anda kerjakan.", "You are not working on this ticket."))
        ticket, customer = item.ticket, s.get(Customer, item.customer_id)
        hard = crit.is_hard_complaint()
        routing = route_for_segment(customer.segment, hard)
        ticket.hard_complaint = hard
        ticket.hard_complaint_criteria = dict(crit.as_dict(), met=list(crit.reasons()),
                                              escalated=routing.escalate) if hard else None
        ticket.routed_to = routed_to(routing) if hard else None
        if hard:
            item.priority = min(item.priority, PRIORITY_BY_TYPE[TicketType.HARD_COMPLAINT])
            _report_to_sephia(s, item, ticket, customer, crit, user, now)
        audit.record(s, user, "tier2.hard_complaint", f"ticket:{ticket.ticket_number}",
                     {"hard_complaint": hard, "criteria": crit.as_dict(), "met": list(crit.reasons()),
                      "routed_to": ticket.routed_to, "escalate": routing.escalate}, at=now)
        return HardComplaintOutcome(ticket.ticket_number, hard, crit.reasons(), routing, ticket.routed_to)


def _report_to_sephia(s: Session, item: WorkItem, ticket: Ticket, customer: Customer,
                      crit: HardComplaintCriteria, user, now) -> None:
    """Rule 7 / W-24 5.1.2: a hard complaint is ticketed in Sephia for Support HC, once per ticket."""
    from app.core.supporthc.cases import case_for_item, open_case
    case = case_for_item(s, item.id)
    if case is not None:
        case.criteria = dict(case.criteria or {}, **crit.as_dict(), met=list(crit.reasons()))
        return
    open_case(s, kind="hard_complaint", source="ticket", account_number=customer.account_number,
              customer_name=customer.name, segment=customer.segment, met=crit.reasons(), by=user, now=now,
              work_item_id=item.id, ticket=ticket, details=crit.as_dict())


# -- promise escort and super emergency (rules 8, 9) ----------------------------------------------------

def promise_load(s: Session, tl_id: int, exclude_ticket: int | None = None) -> int:
    stmt = select(Ticket.id).where(Ticket.escort_tl_id == tl_id,
                                   Ticket.ticket_type.in_(sorted(t.value for t in PROMISE_TICKET_TYPES)),
                                   Ticket.status.in_(OPEN_STATUSES))
    if exclude_ticket is not None:
        stmt = stmt.where(Ticket.id != exclude_ticket)
    return len(s.scalars(stmt).all())


def _lock_ticket(ctx: AppContext, s: Session, ticket_id: int) -> Ticket:
    ticket = s.get(Ticket, ticket_id, with_for_update=ctx.database.dialect == "postgresql")
    if ticket is None:
        raise Tier2Error(Text(f"Tiket #{ticket_id} tidak ditemukan.", f"Ticket #{ticket_id} not found."))
    if ticket.status == "closed":
        raise Tier2Error(Text(f"Tiket {ticket.ticket_number} sudah ditutup.",
                              f"Ticket {ticket.ticket_number} is already closed."))
    return ticket


def _lock_tl(ctx: AppContext, s: Session, tl_id: int) -> User:
    # Two desks escorting for the same TL are serialised (PostgreSQL) by a lock on the TL's id, not on
    # the users row: a row lock needs UPDATE on users, which only an administrator has on a team database.
    if ctx.database.dialect == "postgresql":
        s.execute(select(func.pg_advisory_xact_lock(ESCORT_LOCK, tl_id)))
    tl = s.get(User, tl_id)
    if tl is None or tl.role != Role.TEAM_LEADER:
        raise Tier2Error(Text("Pengawal tiket janji harus seorang team leader.",
                              "The escort of a promise ticket must be a team leader."))
    return tl


def set_super_emergency(ctx: AppContext, ticket_id: int, note: str | None = None) -> EscortedTicket:
    """A TL sets the ticket to super emergency and escorts it (at most 3 promise tickets each);
    MyCX hears it through the outbox ("mycx_status")."""
    user = acting(ctx, Permission.SET_SUPER_EMERGENCY)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        ticket = _lock_ticket(ctx, s, ticket_id)
        escort_id = ticket.escort_tl_id or user.id
        tl = _lock_tl(ctx, s, escort_id)
        if not (is_promise_ticket(ticket.ticket_type) and ticket.escort_tl_id == escort_id):
            check_escort_limit(promise_load(s, escort_id, exclude_ticket=ticket.id))
        previous = ticket.ticket_type
        ticket.ticket_type = TicketType.SUPER_EMERGENCY.value
        ticket.escort_tl_id = escort_id
        item = s.get(WorkItem, ticket.work_item_id)
        item.priority = min(item.priority, PRIORITY_BY_TYPE[TicketType.SUPER_EMERGENCY])
        s.add(new_message("mycx_status", {"ticket_id": ticket.ticket_number, "status": "super_emergency",
                                          "note": note or f"Super emergency, dikawal {tl.full_name}",
                                          "by": user.username}, now))
        from app.core.supporthc.cases import promise_case
        promise_case(s, ticket, user, now, note)       # W-24 5.2.3: the TL sends it to Support HC
        audit.record(s, user, "tier2.super_emergency", f"ticket:{ticket.ticket_number}",
                     {"from": previous, "escort_tl_id": escort_id, "note": note}, at=now)
        s.flush()
        return _escorted(s, ticket)


def assign_escort(ctx: AppContext, ticket_id: int, tl_id: int) -> EscortedTicket:
    """Hand a ticket to a TL to escort; a promise ticket counts against that TL's limit of 3."""
    user = acting(ctx, Permission.SET_SUPER_EMERGENCY)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        ticket = _lock_ticket(ctx, s, ticket_id)
        _lock_tl(ctx, s, tl_id)
        if is_promise_ticket(ticket.ticket_type) and ticket.escort_tl_id != tl_id:
            check_escort_limit(promise_load(s, tl_id, exclude_ticket=ticket.id))
        previous, ticket.escort_tl_id = ticket.escort_tl_id, tl_id
        if is_promise_ticket(ticket.ticket_type):      # W-24 5.3.3: Support HC escorts it with the TL
            from app.core.supporthc.cases import promise_case
            promise_case(s, ticket, user, now, None)
        audit.record(s, user, "tier2.assign_escort", f"ticket:{ticket.ticket_number}",
                     {"from": previous, "to": tl_id}, at=now)
        s.flush()
        return _escorted(s, ticket)


def _escorted(s: Session, ticket: Ticket) -> EscortedTicket:
    item = s.get(WorkItem, ticket.work_item_id)
    customer = s.get(Customer, item.customer_id)
    tl = s.get(User, ticket.escort_tl_id) if ticket.escort_tl_id else None
    return EscortedTicket(ticket.id, ticket.ticket_number, ticket.ticket_type, ticket.service, customer.name,
                          customer.segment, ticket.status, ticket.escort_tl_id, tl.full_name if tl else None,
                          item.id)


def escort_load(ctx: AppContext, tl_id: int) -> tuple[EscortedTicket, ...]:
    """The promise tickets (super emergency, buzzer, buzzer visit) a TL escorts and that are not closed."""
    with ctx.database.session() as s:
        ids = s.scalars(select(Ticket.id).where(
            Ticket.escort_tl_id == tl_id, Ticket.status.in_(OPEN_STATUSES),
            Ticket.ticket_type.in_(sorted(t.value for t in PROMISE_TICKET_TYPES))).order_by(Ticket.id)).all()
        return tuple(_escorted(s, s.get(Ticket, i)) for i in ids)


def open_tickets(ctx: AppContext, search: str = "", offset: int = 0,
                 limit: int = 100) -> tuple[list[EscortedTicket], int]:
    """One page of tickets not closed, promise tickets first, for the TL to choose from
    (search by ticket number or customer name); (rows, total)."""
    from sqlalchemy import func
    with ctx.database.session() as s:
        stmt = (select(Ticket.id).join(WorkItem, WorkItem.id == Ticket.work_item_id)
                .join(Customer, Customer.id == WorkItem.customer_id).where(Ticket.status.in_(OPEN_STATUSES)))
        if search.strip():
            like = f"%{search.strip().lower()}%"
            stmt = stmt.where(func.lower(Ticket.ticket_number).like(like) | func.lower(Customer.name).like(like))
        total = s.scalar(select(func.count()).select_from(stmt.subquery()))
        ids = s.scalars(stmt.order_by(WorkItem.priority, Ticket.id).offset(offset).limit(limit)).all()
        return [_escorted(s, s.get(Ticket, i)) for i in ids], int(total or 0)


def ticket_criteria(ctx: AppContext, item_id: int) -> dict[str, Any]:
    """The hard-complaint criteria recorded on an item's ticket ({} when none), for the ticket panel."""
    with ctx.database.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.work_item_id == item_id))
        if ticket is None:
            return {}
        return dict(ticket.hard_complaint_criteria or {}, hard_complaint=ticket.hard_complaint,
                    routed_to=ticket.routed_to)
