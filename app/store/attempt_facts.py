"""What the desk asks the store before dialling: calls already made to a number, and
whether the customer agreed to holiday calls; and the dial's write (the item's move to
"in a call" with its new attempt).

`number_usage` counts calls to one E.164 across every record (the same number can be on
several accounts): since the start of the customer's day, and in the current round of
every open record.  Attempts that did not count (`call_attempts.counts` False: a site
fault) are left out; an attempt still in progress or whose end is unknown (NULL) is
counted.  The verdict is the domain's (app.domain.number_limits).
"""

from __future__ import annotations

from datetime import datetime
from typing import Mapping, NamedTuple

from sqlalchemy import Row, bindparam, case, func, literal, or_, select, text, true
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.domain.number_limits import NumberUsage
from app.domain.time_zones import CustomerZone
from app.store.models import CallAttempt, Customer, Phone, Result, WorkItem
from app.store.queue import GuardedMove
from app.store.types import UTCDateTime

__all__ = ["DialFacts", "dial_facts", "insert_attempt", "number_usage", "holiday_consent_on_record"]


# The dial's statements are built once, their values bound at each run: building a statement
# and its cache key cost more than SQLite's running it, on the path between F5 and the INVITE.
_DIAL_FACTS = (select(WorkItem.state, WorkItem.claimed_by_id, WorkItem.claimed_from_state, WorkItem.program,
                      WorkItem.customer_id, WorkItem.round_no, WorkItem.attempts_in_round, WorkItem.attempts_total,
                      Phone.e164, Phone.invalid, Customer.region)
               .join(Phone, Phone.customer_id == WorkItem.customer_id)
               .join(Customer, Customer.id == WorkItem.customer_id)
               .where(WorkItem.id == bindparam("item_id"), Phone.id == bindparam("phone_id")))


def _day_params(day_starts: Mapping[str, datetime]) -> dict[str, datetime]:
    return {f"day_{zone.value}": day_starts[zone.value] for zone in CustomerZone}


def _dial_facts_and_usage():
    """PostgreSQL: _DIAL_FACTS with sambung_number_usage beside it, the number's forms (_forms)
    and the customer's day start (by the stored zone, as CustomerZone.parse reads it) in SQL."""
    national = literal("0") + func.substr(Phone.e164, 4)
    forms = case((Phone.e164.startswith("+62"), postgresql.array([Phone.e164, national])),
                 else_=postgresql.array([Phone.e164]))
    days = {zone.value: bindparam(f"day_{zone.value}", type_=UTCDateTime()) for zone in CustomerZone}
    day = case({z: days[z] for z in days if z != CustomerZone.UNKNOWN.value},
               value=func.upper(func.trim(Customer.region)), else_=days[CustomerZone.UNKNOWN.value])
    usage = func.sambung_number_usage(forms, day).table_valued("today", "in_round").lateral("usage")
    return (_DIAL_FACTS.add_columns(usage.c.today, usage.c.in_round).join(usage, true())
            .with_for_update(of=WorkItem))


_DIAL_FACTS_AND_USAGE = _dial_facts_and_usage()


class DialFacts(NamedTuple):
    item: Row               # the item's state and counts, the number, the customer's zone
    usage: NumberUsage      # calls to the number so far (number_usage)


def dial_facts(session: Session, item_id: int, phone_id: int,
               day_starts: Mapping[str, datetime]) -> DialFacts | None:
    """The item, the number, the customer's zone and the number's usage since the start of the
    customer's day (`day_starts`: by CustomerZone value); None when the number is not the item's
    customer's.  On PostgreSQL one read, the item's row locked (the attempt's write follows in
    the same transaction): on a busy floor each round trip waits for a CPU."""
    params = {"item_id": item_id, "phone_id": phone_id}
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(_DIAL_FACTS_AND_USAGE, {**params, **_day_params(day_starts)}).first()
        return DialFacts(row, NumberUsage(int(row.today or 0), int(row.in_round or 0))) if row else None
    row = session.execute(_DIAL_FACTS, params).first()
    if row is None:
        return None
    return DialFacts(row, number_usage(session, row.e164, day_starts[CustomerZone.parse(row.region).value]))


def insert_attempt(session: Session, move: GuardedMove, *, work_item_id: int, agent_id: int,
                   phone_id: int | None, dialled: str, round_no: int, attempt_no: int, started_at: datetime,
                   holiday_consent: bool) -> int:
    """The item's `move` and its new call attempt, written together; the attempt's id."""
    return move.run_with_insert(session, CallAttempt(
        work_item_id=work_item_id, agent_id=agent_id, phone_id=phone_id, dialled=dialled, round_no=round_no,
        attempt_no=attempt_no, started_at=started_at, holiday_consent=holiday_consent))


def _counted():
    return or_(CallAttempt.counts.is_(None), CallAttempt.counts.is_(True))


def _forms(e164: str) -> list[str]:
    # The desk stores the E.164; older rows (and the demo's history) hold the national form.
    return [e164, "0" + e164[3:]] if e164.startswith("+62") else [e164]


def _usage_on_sqlite():
    dialled = CallAttempt.dialled.in_(bindparam("forms", expanding=True))
    today = (select(func.count()).select_from(CallAttempt)
             .where(dialled, CallAttempt.started_at >= bindparam("day"), _counted()).scalar_subquery())
    in_round = (select(func.count()).select_from(CallAttempt)
                .join(WorkItem, WorkItem.id == CallAttempt.work_item_id)
                .where(dialled, CallAttempt.round_no == WorkItem.round_no,
                       WorkItem.closed_at.is_(None), _counted()).scalar_subquery())
    return select(today, in_round)                # one round trip before the dial


_USAGE = {"sqlite": _usage_on_sqlite(),
          # Counted by the database: an agent may not read other agents' attempts on other records.
          "postgresql": text("SELECT today, in_round FROM sambung_number_usage(:forms, :day)")}


def number_usage(session: Session, e164: str, day_start: datetime) -> NumberUsage:
    """Calls to `e164` today (since day_start, UTC) and in open records' current rounds."""
    stmt = _USAGE[session.get_bind().dialect.name]
    today, in_round = session.execute(stmt, {"forms": _forms(e164), "day": day_start}).one()
    return NumberUsage(int(today or 0), int(in_round or 0))


def holiday_consent_on_record(session: Session, customer_id: int) -> bool:
    """True when a current result of any of the customer's records says they agreed to holiday calls."""
    if session.get_bind().dialect.name == "postgresql":
        return bool(session.scalar(text("SELECT sambung_holiday_consent(:c)"), {"c": customer_id}))
    return session.scalar(
        select(Result.id).join(WorkItem, WorkItem.id == Result.work_item_id)
        .where(WorkItem.customer_id == customer_id, Result.is_current.is_(True),
               Result.holiday_consent.is_(True)).limit(1)) is not None
