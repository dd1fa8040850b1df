"""What the desk asks the store before dialling: calls already made to a number, and
whether the customer agreed to holiday calls.

`number_usage` counts calls to one E.164 across every record (the same number can be on
several accounts): since the start of the customer's day, and in the current round of
every open record.  Attempts that did not count (`call_attempts.counts` False: a site
fault) are left out; an attempt still in progress or whose end is unknown (NULL) is
counted.  The verdict is the domain's (app.domain.number_limits).  Reads only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, func, insert, or_, select, text
from sqlalchemy.orm import Session

from app.domain.number_limits import NumberUsage
from app.store.models import CallAttempt, Customer, Phone, Result, WorkItem

__all__ = ["dial_facts", "insert_attempt", "number_usage", "holiday_consent_on_record"]


def dial_facts(session: Session, item_id: int, phone_id: int) -> Row | None:
    """The item, the number and the customer's zone in one read, the item's row locked on
    PostgreSQL (the attempt's write follows in the same transaction); None when the number
    is not the item's customer's."""
    stmt = (select(WorkItem.state, WorkItem.claimed_by_id, WorkItem.claimed_from_state, WorkItem.program,
                   WorkItem.customer_id, WorkItem.round_no, WorkItem.attempts_in_round, WorkItem.attempts_total,
                   Phone.e164, Phone.invalid, Customer.region)
            .join(Phone, Phone.customer_id == WorkItem.customer_id)
            .join(Customer, Customer.id == WorkItem.customer_id)
            .where(WorkItem.id == item_id, Phone.id == phone_id))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=WorkItem)
    return session.execute(stmt).first()


def insert_attempt(session: Session, **values) -> int:
    """A new call attempt row (Core: no ORM object to track on the dial's path); its id."""
    return session.scalar(insert(CallAttempt).values(**values).returning(CallAttempt.id))


def _counted():
    return or_(CallAttempt.counts.is_(None), CallAttempt.counts.is_(True))


def _forms(e164: str) -> list[str]:
    # The desk stores the E.164; older rows (and the demo's history) hold the national form.
    return [e164, "0" + e164[3:]] if e164.startswith("+62") else [e164]


def number_usage(session: Session, e164: str, day_start: datetime) -> NumberUsage:
    """Calls to `e164` today (since day_start, UTC) and in open records' current rounds."""
    if session.get_bind().dialect.name == "postgresql":
        # Counted by the database: an agent may not read other agents' attempts on other records.
        today, in_round = session.execute(text("SELECT today, in_round FROM sambung_number_usage(:forms, :day)"),
                                          {"forms": _forms(e164), "day": day_start}).one()
        return NumberUsage(int(today or 0), int(in_round or 0))
    dialled = CallAttempt.dialled.in_(_forms(e164))
    today = (select(func.count()).select_from(CallAttempt)
             .where(dialled, CallAttempt.started_at >= day_start, _counted()).scalar_subquery())
    in_round = (select(func.count()).select_from(CallAttempt)
                .join(WorkItem, WorkItem.id == CallAttempt.work_item_id)
                .where(dialled, CallAttempt.round_no == WorkItem.round_no,
                       WorkItem.closed_at.is_(None), _counted()).scalar_subquery())
    today, in_round = session.execute(select(today, in_round)).one()     # one round trip before the dial
    return NumberUsage(int(today or 0), int(in_round or 0))


def holiday_consent_on_record(session: Session, customer_id: int) -> bool:
    """True when a current result of any of the customer's records says they agreed to holiday calls."""
    if session.get_bind().dialect.name == "postgresql":
        return bool(session.scalar(text("SELECT sambung_holiday_consent(:c)"), {"c": customer_id}))
    return session.scalar(
        select(Result.id).join(WorkItem, WorkItem.id == Result.work_item_id)
        .where(WorkItem.customer_id == customer_id, Result.is_current.is_(True),
               Result.holiday_consent.is_(True)).limit(1)) is not None
