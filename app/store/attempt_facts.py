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

from contextlib import contextmanager
from datetime import datetime
from typing import Any, Iterator, Mapping, NamedTuple

from sqlalchemy import bindparam, case, func, literal, or_, select, text, true
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.domain.number_limits import NumberUsage
from app.domain.time_zones import CustomerZone
from app.store.db import Database
from app.store.driver_sql import driver_sql
from app.store.models import CallAttempt, Customer, Phone, Result, WorkItem
from app.store.pipelined import Pipelined, pipelined
from app.store.queue import GuardedMove
from app.store.types import UTCDateTime

__all__ = ["DialFacts", "dial_reads", "dial_transaction", "number_usage"]


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
    item: Any               # a row: the item's state and counts, the number, the customer's zone
    usage: NumberUsage      # calls to the number so far (number_usage)


class _DialInSession:
    """SQLite: the dial's transaction is an ORM session's."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def facts(self, item_id: int, phone_id: int, day_starts: Mapping[str, datetime]) -> DialFacts | None:
        row = self._session.execute(_DIAL_FACTS, {"item_id": item_id, "phone_id": phone_id}).first()
        if row is None:
            return None
        day = day_starts[CustomerZone.parse(row.region).value]
        return DialFacts(row, number_usage(self._session, row.e164, day))

    def holiday_consent(self, customer_id: int) -> bool:
        return self._session.scalar(_HOLIDAY_CONSENT["sqlite"], {"customer_id": customer_id}) is not None

    def write(self, move: GuardedMove, attempt: CallAttempt) -> int:
        return move.run_with_insert(self._session, attempt)


class _DialPipelined:
    """PostgreSQL: one read, the item's row locked, with the number's usage counted by the
    database (an agent may not read other agents' attempts on other records); BEGIN goes with it
    and COMMIT with the write (app.store.pipelined), so the dial waits for two round trips
    between F5 and the INVITE where an ORM session took four."""

    def __init__(self, transaction: Pipelined) -> None:
        self._transaction = transaction

    def facts(self, item_id: int, phone_id: int, day_starts: Mapping[str, datetime]) -> DialFacts | None:
        rows = self._transaction.rows(driver_sql(_DIAL_FACTS_AND_USAGE, self._transaction.dialect),
                                      {"item_id": item_id, "phone_id": phone_id, **_day_params(day_starts)})
        if not rows:
            return None
        return DialFacts(rows[0], NumberUsage(int(rows[0].today or 0), int(rows[0].in_round or 0)))

    def holiday_consent(self, customer_id: int) -> bool:
        (consent,) = self._transaction.rows(driver_sql(_HOLIDAY_CONSENT["postgresql"], self._transaction.dialect),
                                            {"customer_id": customer_id})
        return bool(consent[0])

    def write(self, move: GuardedMove, attempt: CallAttempt) -> int:
        return move.commit_with_insert(self._transaction, attempt)


@contextmanager
def dial_transaction(database: Database) -> Iterator[_DialInSession | _DialPipelined]:
    """What the desk reads before dialling and the dial's write, in one transaction:
    - `facts(item_id, phone_id, day_starts)`: the item, the number, the customer's zone and the
      number's usage since the start of the customer's day (`day_starts`: by CustomerZone value);
      None when the number is not the item's customer's;
    - `holiday_consent(customer_id)`: whether a current result of any of the customer's records
      says they agreed to holiday calls;
    - `write(move, attempt)`: the item's `move` and its new call attempt, written together (or
      neither: ClaimLost); the attempt's id.
    Committed by the write (on SQLite, when the block ends); rolled back when the block raises."""
    if database.dialect == "postgresql":
        with pipelined(database.engine) as transaction:
            transaction.begin()
            yield _DialPipelined(transaction)
    else:
        with database.session() as session:
            yield _DialInSession(session)


# Whether a current result of any of the customer's records says they agreed to holiday calls.
_HOLIDAY_CONSENT = {
    "sqlite": (select(Result.id).join(WorkItem, WorkItem.id == Result.work_item_id)
               .where(WorkItem.customer_id == bindparam("customer_id"), Result.is_current.is_(True),
                      Result.holiday_consent.is_(True)).limit(1)),
    # Asked of the database: an agent may not read other agents' results on other records.
    "postgresql": text("SELECT sambung_holiday_consent(:customer_id)")}


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


def dial_reads(database: Database) -> tuple:
    """The dial's reads, for a warm-up at login to run once on ids that match nothing (their
    parameters: item_id, phone_id, forms, day).  On PostgreSQL its one read is driver SQL,
    compiled here."""
    if database.dialect == "postgresql":
        driver_sql(_DIAL_FACTS_AND_USAGE, database.engine.dialect)
        return ()
    return _DIAL_FACTS, _USAGE["sqlite"]
