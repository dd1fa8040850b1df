"""Queries of the durable outbox (table `outbox`): claim due messages, record outcomes, report.

A claim is one atomic `UPDATE … WHERE id IN (SELECT …) RETURNING` (on PostgreSQL the rows are
picked once, `FOR UPDATE SKIP LOCKED`, in a materialized CTE of `sambung_outbox_claim`)
that pushes `next_attempt_at` forward by a lease and counts the attempt, so two
delivery processes (two desktops on one PostgreSQL, or a restarted process on SQLite)
never send the same message at once, and a process killed mid-delivery only delays
its messages by the lease.  Outcome updates only touch rows still `pending`.  This
module must not talk HTTP or decide retry policy (the outbox worker does).

On a team's PostgreSQL the claim and the outcomes go through SQL functions
(`sambung_outbox_claim`, `sambung_outbox_settle`, app.store.team_access): whichever desktop
is running delivers a message written on a PC that has gone home, without its user being
allowed to read other agents' results.  A message with an `origin` (a recording, whose file
is on one PC only) is claimed only by the desktop of that origin.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import bindparam, func, insert, inspect, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON, String

from app.store.models import Customer, OutboxMessage, Recording, Result, User, WorkItem

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


def new_message(destination: str, payload: dict[str, Any], now: datetime,
                result_id: int | None = None, origin: str | None = None) -> OutboxMessage:
    """One delivery owed, due now, under a fresh idempotency key; the caller adds it to the
    session of the change it reports, so both commit together.  `origin`: only the desktop of
    that id may deliver it."""
    return OutboxMessage(destination=destination, payload=payload, result_id=result_id,
                         idempotency_key=uuid.uuid4().hex, next_attempt_at=now, created_at=now, origin=origin)


_INSERT_NEW_MESSAGES = insert(OutboxMessage.__table__).returning(OutboxMessage.__table__.c.id,
                                                                 sort_by_parameter_order=True)


def insert_new_messages(s: Session, messages: list[OutboxMessage]) -> tuple[int, ...]:
    """Messages made by `new_message`, written in one statement on the session's connection, in
    its transaction; their ids.  For the save, which writes two or more with every result: the
    session's unit of work cost twice the statement itself."""
    if not messages:
        return ()
    # What new_message set on each (the same attributes for all); the table's defaults do the rest.
    rows = [{key: value for key, value in inspect(m).dict.items() if not key.startswith("_")} for m in messages]
    return tuple(s.connection().execute(_INSERT_NEW_MESSAGES, rows).scalars())


# Every destination some Sambung desktop can be set up to send to.  A message for any
# other name can be sent by nobody: every worker claims it, so it fails and is seen.
KNOWN_DESTINATIONS = ("callback", "callback_progress", "cwc", "email", "escalation", "mycx", "mycx_pick",
                      "mycx_status", "mycx_ticket", "mycx_ticket_status", "nonatero", "nossa_note", "recording",
                      "sephia", "tamara")


@dataclass(frozen=True)
class Claimed:
    """A message leased to this desktop for one delivery."""
    id: int
    destination: str
    idempotency_key: str
    payload: dict[str, Any]
    attempts: int


_PG_CLAIM = text("SELECT id, destination, idempotency_key, payload, attempts FROM sambung_outbox_claim("
                 ":destinations, :known, :origin, :limit, :now, :lease) ORDER BY id").bindparams(
    bindparam("destinations", type_=ARRAY(String)), bindparam("known", type_=ARRAY(String)))
_PG_SETTLE = text("SELECT sambung_outbox_settle(:id, :status, :next, :error, :code, :response, :now)").bindparams(
    bindparam("response", type_=JSON))


ANY_ORIGIN = object()


def _only(stmt, destinations: Iterable[str] | None, origin: Any = ANY_ORIGIN):
    if origin is not ANY_ORIGIN:
        stmt = stmt.where(OutboxMessage.origin.is_(None) if origin is None else
                          or_(OutboxMessage.origin.is_(None), OutboxMessage.origin == origin))
    if destinations is None:
        return stmt
    column = OutboxMessage.destination
    return stmt.where(or_(column.in_(sorted(destinations)), column.notin_(KNOWN_DESTINATIONS)))


def claim_due(session: Session, now: datetime, limit: int, lease: timedelta,
              destinations: Iterable[str] | None = None, origin: str | None = None) -> list[Claimed]:
    """Up to `limit` pending messages due at `now`, leased to the caller until now + lease.

    `destinations`: only those the caller can send.  A desktop without, say, TAMARA's
    address must leave TAMARA's messages to the desktops that have it, not fail them.
    `origin`: this desktop's id; messages of another origin are left to their own desktop.
    """
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(_PG_CLAIM, {
            "destinations": sorted(destinations) if destinations is not None else None,
            "known": list(KNOWN_DESTINATIONS), "origin": origin, "limit": limit, "now": now,
            "lease": lease.total_seconds()}).all()
        return [Claimed(r.id, r.destination, r.idempotency_key, dict(r.payload or {}), r.attempts) for r in rows]
    rows = session.execute(_sqlite_claim(None if destinations is None else tuple(sorted(destinations)),
                                         origin is None),
                           {"now": now, "until": now + lease, "limit": limit, "this_origin": origin}).all()
    return [Claimed(r.id, r.destination, r.idempotency_key, dict(r.payload or {}), r.attempts)
            for r in sorted(rows, key=lambda r: r.id)]


@functools.cache            # per set of destinations a worker sends to, and whether it has an origin
def _sqlite_claim(destinations: tuple[str, ...] | None, no_origin: bool):
    """SQLite's claim, built once: building it and the outcome's per message was about half of a
    delivery's client time, on the desk's own process (the window waits for the lock meanwhile)."""
    table = OutboxMessage.__table__
    candidates = (_only(select(table.c.id), destinations, None if no_origin else bindparam("this_origin"))
                  .where(table.c.status == PENDING, table.c.next_attempt_at <= bindparam("now"))
                  .order_by(table.c.next_attempt_at, table.c.id)
                  .limit(bindparam("limit")))
    return (update(table)
            .where(table.c.id.in_(candidates.scalar_subquery()), table.c.status == PENDING)
            .values(next_attempt_at=bindparam("until"), attempts=table.c.attempts + 1)
            .returning(table.c.id, table.c.destination, table.c.idempotency_key, table.c.payload,
                       table.c.attempts))


def _settle(session: Session, message_id: int, *, status: str | None = None, next_at: datetime | None = None,
            error: str | None = None, code: int | None = None, response: dict[str, Any] | None = None,
            now: datetime | None = None) -> bool:
    if session.get_bind().dialect.name == "postgresql":
        return bool(session.scalar(_PG_SETTLE, {"id": message_id, "status": status, "next": next_at, "error": error,
                                                "code": code, "response": response, "now": now}))
    values: dict[str, Any] = {"last_error": error, "last_status_code": code}
    if status is not None:
        values["status"] = status
    if next_at is not None:
        values["next_attempt_at"] = next_at
    if response is not None:
        values["response"] = response
    if status == DELIVERED:
        values["delivered_at"] = now
    row = session.execute(_sqlite_settle(tuple(values)),
                          {"message_id": message_id, **{f"set_{k}": v for k, v in values.items()}}).first()
    if row is None:
        return False
    if status == DELIVERED and row.destination == "recording":
        session.execute(update(Recording).where(Recording.attempt_id == int(row.payload["attempt_id"]))
                        .values(stored_at=now).execution_options(synchronize_session=False))
    return True


@functools.cache            # one per set of columns an outcome sets: a handful
def _sqlite_settle(columns: tuple[str, ...]):
    table = OutboxMessage.__table__
    return (update(table).where(table.c.id == bindparam("message_id"), table.c.status == PENDING)
            .values({c: bindparam(f"set_{c}") for c in columns}).returning(table.c.destination, table.c.payload))


def mark_delivered(session: Session, message_id: int, now: datetime, status_code: int | None,
                   response: dict[str, Any] | None) -> bool:
    return _settle(session, message_id, status=DELIVERED, code=status_code, response=response, now=now)


def mark_retry(session: Session, message_id: int, next_attempt_at: datetime, error: str,
               status_code: int | None) -> bool:
    return _settle(session, message_id, next_at=next_attempt_at, error=error, code=status_code)


def mark_failed(session: Session, message_id: int, error: str, status_code: int | None) -> bool:
    return _settle(session, message_id, status=FAILED, error=error, code=status_code)


def requeue_failed(session: Session, now: datetime, message_id: int | None = None) -> int:
    """Put failed messages (one, or all) back in the queue, due now.  Returns how many."""
    stmt = update(OutboxMessage).where(OutboxMessage.status == FAILED)
    if message_id is not None:
        stmt = stmt.where(OutboxMessage.id == message_id)
    result = session.execute(stmt.values(status=PENDING, next_attempt_at=now)
                             .execution_options(synchronize_session=False))
    return result.rowcount


@dataclass(frozen=True)
class OutboxCount:
    destination: str
    status: str
    count: int


@dataclass(frozen=True)
class OutboxTotals:
    pending: int
    failed: int
    delivered: int

    @classmethod
    def of(cls, counts: Iterable[OutboxCount]) -> "OutboxTotals":
        by_status: dict[str, int] = {}
        for c in counts:
            by_status[c.status] = by_status.get(c.status, 0) + c.count
        return cls(by_status.get(PENDING, 0), by_status.get(FAILED, 0), by_status.get(DELIVERED, 0))


def _of_team(query, team_id: int | None, agent_id: int | None = None):
    """Deliveries of one team's (or one agent's) results; rows without a result belong to no team."""
    if team_id is None and agent_id is None:
        return query
    query = query.join(Result, Result.id == OutboxMessage.result_id)
    if agent_id is not None:
        query = query.where(Result.agent_id == agent_id)
    if team_id is not None:
        query = query.join(User, User.id == Result.agent_id).where(User.team_id == team_id)
    return query


def counts(session: Session, team_id: int | None = None, agent_id: int | None = None) -> list[OutboxCount]:
    """Messages per destination and status (of one team's, or one agent's, results when given)."""
    query = select(OutboxMessage.destination, OutboxMessage.status, func.count()).select_from(OutboxMessage)
    rows = session.execute(_of_team(query, team_id, agent_id)
                           .group_by(OutboxMessage.destination, OutboxMessage.status)
                           .order_by(OutboxMessage.destination, OutboxMessage.status)).all()
    return [OutboxCount(d, s, n) for d, s, n in rows]


@dataclass(frozen=True)
class OwedDelivery:
    """A delivery not made yet (waiting or failed), with whose result it carries."""

    message_id: int
    destination: str
    status: str
    attempts: int
    last_error: str | None
    last_status_code: int | None
    created_at: datetime
    next_attempt_at: datetime
    result_id: int | None
    agent_id: int | None
    agent_name: str | None
    customer_name: str | None
    account_number: str | None
    reason_code: str | None


def owed(session: Session, *, team_id: int | None = None, agent_id: int | None = None,
         failed_only: bool = False, offset: int = 0, limit: int = 100) -> tuple[list[OwedDelivery], int]:
    """Deliveries not made yet, failed ones first then the oldest, of one team's or agent's results
    when given (else every message, also those that carry no result), and how many there are."""
    statuses = (FAILED,) if failed_only else (FAILED, PENDING)
    query = (select(OutboxMessage.id, OutboxMessage.destination, OutboxMessage.status, OutboxMessage.attempts,
                    OutboxMessage.last_error, OutboxMessage.last_status_code, OutboxMessage.created_at,
                    OutboxMessage.next_attempt_at, Result.id, Result.agent_id, User.full_name, Customer.name,
                    Customer.account_number, Result.reason_code)
             .select_from(OutboxMessage)
             .outerjoin(Result, Result.id == OutboxMessage.result_id)
             .outerjoin(User, User.id == Result.agent_id)
             .outerjoin(WorkItem, WorkItem.id == Result.work_item_id)
             .outerjoin(Customer, Customer.id == WorkItem.customer_id)
             .where(OutboxMessage.status.in_(statuses)))
    if agent_id is not None:
        query = query.where(Result.agent_id == agent_id)
    if team_id is not None:
        query = query.where(User.team_id == team_id)
    total = session.scalar(select(func.count()).select_from(query.with_only_columns(OutboxMessage.id).subquery()))
    rows = session.execute(query.order_by((OutboxMessage.status == FAILED).desc(), OutboxMessage.created_at,
                                          OutboxMessage.id).offset(offset).limit(limit)).all()
    return [OwedDelivery(*row) for row in rows], int(total or 0)


def owner_of(session: Session, message_id: int) -> tuple[OutboxMessage | None, int | None, int | None]:
    """A message, and the agent and team of the result it carries (None, None without one)."""
    message = session.get(OutboxMessage, message_id)
    if message is None or message.result_id is None:
        return message, None, None
    row = session.execute(select(Result.agent_id, User.team_id).join(User, User.id == Result.agent_id)
                          .where(Result.id == message.result_id)).one_or_none()
    return (message, row[0], row[1]) if row else (message, None, None)


def pending_count(session: Session, destinations: Iterable[str] | None = None, origin: Any = ANY_ORIGIN) -> int:
    return session.scalar(_only(select(func.count()).select_from(OutboxMessage), destinations, origin)
                          .where(OutboxMessage.status == PENDING)) or 0


def pending_by_destination(session: Session) -> dict[str, int]:
    return dict(session.execute(select(OutboxMessage.destination, func.count())
                                .where(OutboxMessage.status == PENDING)
                                .group_by(OutboxMessage.destination)).all())


def next_due_at(session: Session, destinations: Iterable[str] | None = None,
                origin: Any = ANY_ORIGIN) -> datetime | None:
    return session.scalar(_only(select(func.min(OutboxMessage.next_attempt_at)), destinations, origin)
                          .where(OutboxMessage.status == PENDING))


def oldest_pending_created_at(session: Session, team_id: int | None = None) -> datetime | None:
    query = select(func.min(OutboxMessage.created_at)).select_from(OutboxMessage)
    return session.scalar(_of_team(query, team_id).where(OutboxMessage.status == PENDING))


def failed(session: Session, limit: int = 100) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.status == FAILED)
                                .order_by(OutboxMessage.id).limit(limit)).all())
