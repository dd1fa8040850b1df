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

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, or_, select, text
from sqlalchemy.orm import Session

from app.domain.number_limits import NumberUsage
from app.store.models import CallAttempt, Customer, Phone, Result, WorkItem
from app.store.queue import GuardedMove

__all__ = ["dial_facts", "insert_attempt", "number_usage", "holiday_consent_on_record"]


# The dial's statements are built once, their values bound at each run: building a statement
# and its cache key cost more than SQLite's running it, on the path between F5 and the INVITE.
_DIAL_FACTS = (select(WorkItem.state, WorkItem.claimed_by_id, WorkItem.claimed_from_state, WorkItem.program,
                      WorkItem.customer_id, WorkItem.round_no, WorkItem.attempts_in_round, WorkItem.attempts_total,
                      Phone.e164, Phone.invalid, Customer.region)
               .join(Phone, Phone.customer_id == WorkItem.customer_id)
               .join(Customer, Customer.id == WorkItem.customer_id)
               .where(WorkItem.id == bindparam("item_id"), Phone.id == bindparam("phone_id")))
_DIAL_FACTS_LOCKED = _DIAL_FACTS.with_for_update(of=WorkItem)
_INSERT_ATTEMPT = insert(CallAttempt).returning(CallAttempt.id)


def dial_facts(session: Session, item_id: int, phone_id: int) -> Row | None:
    """The item, the number and the customer's zone in one read, the item's row locked on
    PostgreSQL (the attempt's write follows in the same transaction); None when the number
    is not the item's customer's."""
    stmt = _DIAL_FACTS_LOCKED if session.get_bind().dialect.name == "postgresql" else _DIAL_FACTS
    return session.execute(stmt, {"item_id": item_id, "phone_id": phone_id}).first()


def insert_attempt(session: Session, move: GuardedMove, *, work_item_id: int, agent_id: int,
                   phone_id: int | None, dialled: str, round_no: int, attempt_no: int, started_at: datetime,
                   holiday_consent: bool) -> int:
    """The item's `move` and its new call attempt; the attempt's id.  Core, on the session's
    connection: no ORM object to track on the dial's path.  On PostgreSQL one statement (the move
    as a data-modifying WITH): on a busy floor each round trip waits for a CPU."""
    values = dict(work_item_id=work_item_id, agent_id=agent_id, phone_id=phone_id, dialled=dialled,
                  round_no=round_no, attempt_no=attempt_no, started_at=started_at,
                  holiday_consent=holiday_consent)
    if session.get_bind().dialect.name != "postgresql":
        move.run(session)
        return session.connection().execute(_INSERT_ATTEMPT, values).scalar_one()
    attempt_id = session.connection().execute(
        _move_and_insert(move.statement), {**move.params, **{f"attempt_{k}": v for k, v in values.items()}}).scalar()
    if attempt_id is None:                  # the move's guard held nothing: no attempt was written
        raise move.lost()
    return attempt_id


_ATTEMPT_COLUMNS = ("work_item_id", "agent_id", "phone_id", "dialled", "round_no", "attempt_no", "started_at",
                    "holiday_consent")


@functools.cache            # by the move's statement: one per set of moved columns
def _move_and_insert(move_statement) -> Any:
    columns = CallAttempt.__table__.c
    row = select(*(bindparam(f"attempt_{k}", type_=columns[k].type) for k in _ATTEMPT_COLUMNS))
    return (insert(CallAttempt)
            .from_select(_ATTEMPT_COLUMNS, row.select_from(move_statement.cte("moved")), include_defaults=False)
            .returning(CallAttempt.id))


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
