"""The work queue: hands one work item to one agent at a time ("Pick").

A claim is one atomic statement (SQLite: a conditional UPDATE … RETURNING) or one
transaction (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, then UPDATE), so twenty
desktops on one team database never get the same record.  Claims expire, so a
crashed desktop does not hold records forever.  The queue also lists the agent's
view of the work in pages for the table model.  It must not decide calling hours
or attempt policy (the caller passes the open regions and the target states), and
it never loads the whole queue into memory.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Mapping, Union

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from app.domain.workitem import IllegalTransition, WorkItemState, check_transition
from app.store.db import Database
from app.store.models import Customer, Phone, WorkItem

log = logging.getLogger(__name__)

S = WorkItemState
NEW, CLAIMED, RETURNED = S.NEW.value, S.CLAIMED.value, S.RETURNED.value
SCHEDULED = (S.RETRY_LATER.value, S.PENDING_UNTIL.value)
DUE_STATES = (NEW, *SCHEDULED)
# States in which an agent holds the item (the claim columns are set).
HELD = (CLAIMED, S.IN_CALL.value, S.WRAP_UP.value)
FINAL = (S.DONE.value, S.CLOSED_UNREACHABLE.value)
CLAIM_COLUMNS = ("claimed_by_id", "claimed_at", "claim_expires_at", "claimed_from_state")
_SETTABLE = frozenset(c.key for c in WorkItem.__table__.columns) - {"id", "state"}


class QueueError(Exception):
    """An expected refusal of the queue, with a message for the agent."""


class ClaimLost(QueueError):
    """The agent no longer holds the item (expired and taken, released, or never claimed)."""


__all__ = ["WorkQueue", "QueueRow", "QueueError", "ClaimLost", "IllegalTransition", "search_digits", "OpenZones"]

# The customers' zones callable now: one set for every program, or per program
# ({program: zones}, app.domain.calling_windows.CallingWindows.open_zones) since each
# program has its own calling window.  Zones are the stored CustomerZone values ("UNK" too).
OpenZones = Union[set[str], Mapping[str, set[str]]]


def _no_zone_open(open_regions: OpenZones | None) -> bool:
    if open_regions is None:
        return False
    if isinstance(open_regions, Mapping):
        return not any(open_regions.values())
    return not open_regions


@dataclass(frozen=True)
class QueueRow:
    item_id: int
    customer_name: str
    account_number: str
    program: str
    state: str
    priority: int
    next_attempt_at: datetime | None
    attempts_total: int
    region: str
    arrears_months: int
    arrears_amount: Decimal
    returned_comment: str | None
    claimed_by_id: int | None
    phone_e164: str | None


def search_digits(term: str) -> str | None:
    """The digits of a phone-or-account search as they appear in E.164 (08… → 628…).

    None when the term is not a number (then only the name is searched).
    """
    stripped = re.sub(r"[\s\-().]", "", term)
    if not re.fullmatch(r"\+?\d+", stripped):
        return None
    return stripped.lstrip("+")


def _phone_digits(digits: str) -> str:
    return "62" + digits[1:] if digits.startswith("0") else digits


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class WorkQueue:
    def __init__(self, database: Database, claim_ttl: timedelta = timedelta(minutes=30),
                 claim_retries: int = 5) -> None:
        self.db = database
        self.claim_ttl = claim_ttl
        self.claim_retries = claim_retries

    # -- the rules, as SQL expressions over a work_items table (or an alias of it) ----
    @staticmethod
    def _effective_state(w) -> ColumnElement:
        """The state a claimed item came from: an expired claim sorts like its origin."""
        return case((w.state == CLAIMED, func.coalesce(w.claimed_from_state, NEW)), else_=w.state)

    @classmethod
    def _bucket(cls, w) -> ColumnElement:
        eff = cls._effective_state(w)
        return case((eff == RETURNED, 0), (eff.in_(SCHEDULED), 1), else_=2)

    @classmethod
    def _claim_order(cls, w) -> list[ColumnElement]:
        bucket = cls._bucket(w)
        due = case((bucket == 1, w.next_attempt_at), else_=None)
        return [bucket, due.asc().nulls_first(), w.priority, w.id]

    @classmethod
    def _eligible(cls, w, agent_id: int, now: datetime, open_regions: "OpenZones | None",
                  programs: set[str] | None) -> ColumnElement:
        """Every rule of a claim: the state part and the agent's scope."""
        state_ok = or_(
            and_(w.state.in_(DUE_STATES), or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)),
            and_(w.state == RETURNED, w.assigned_agent_id == agent_id),
            and_(w.state == CLAIMED, w.claim_expires_at < now),
        )
        return and_(state_ok, cls._scope(w, agent_id, open_regions, programs))

    @staticmethod
    def _scope(w, agent_id: int, open_regions: OpenZones | None, programs: set[str] | None) -> ColumnElement:
        """Not someone else's, in a zone inside its program's calling hours, of the agent's programs."""
        conditions = [or_(w.assigned_agent_id.is_(None), w.assigned_agent_id == agent_id)]

        def zone_open(zones: set[str]) -> ColumnElement:
            # EXISTS, not IN: SQLite would otherwise drive the query from the customer
            # list instead of walking the pick index in order.
            return select(Customer.id).where(Customer.id == w.customer_id,
                                             Customer.region.in_(sorted(zones))).exists()
        if isinstance(open_regions, Mapping):
            wanted = [p for p in sorted(open_regions) if open_regions[p] and (programs is None or p in programs)]
            conditions.append(or_(*[and_(w.program == p, zone_open(open_regions[p])) for p in wanted])
                              if wanted else w.id.is_(None))
        elif open_regions is not None:
            conditions.append(zone_open(open_regions))
        if programs is not None:
            conditions.append(w.program.in_(sorted(programs)))
        return and_(*conditions)

    def _claim_values(self, agent_id: int, now: datetime) -> dict[str, Any]:
        return {
            "state": CLAIMED,
            "claimed_by_id": agent_id,
            "claimed_at": now,
            "claim_expires_at": now + self.claim_ttl,
            # An expired claim keeps the state it was first claimed from.
            "claimed_from_state": case((WorkItem.state == CLAIMED, WorkItem.claimed_from_state),
                                       else_=WorkItem.state),
            "updated_at": now,
        }

    # -- claiming -------------------------------------------------------------------
    def claim_next(self, agent_id: int, now: datetime, open_regions: OpenZones,
                   programs: set[str] | None = None) -> int | None:
        """Claim the next item for this agent; return its id, or None when nothing is due."""
        if _no_zone_open(open_regions) or (programs is not None and not programs):
            return None
        # Expired claims go back to their origin state first, so they sort with it and
        # each bucket below is a plain, index-friendly query (no sort of the whole queue).
        self.expire_stale(now)
        for _ in range(self.claim_retries):
            for bucket in self._buckets(agent_id, now):
                if self.db.dialect == "postgresql":
                    item_id = self._claim_locking(bucket, agent_id, now, open_regions, programs)
                else:
                    item_id = self._claim_update(bucket, agent_id, now, open_regions, programs)
                if item_id is not None:
                    log.info("agent %s claimed work item %s", agent_id, item_id)
                    return item_id
            if not self._has_candidate(agent_id, now, open_regions, programs):
                return None
        return None

    @staticmethod
    def _buckets(agent_id: int, now: datetime):
        """claim_next's order: (condition, order) per bucket, for a table or alias `w`."""
        due = lambda w: or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)  # noqa: E731
        return (
            (lambda w: and_(w.state == RETURNED, w.assigned_agent_id == agent_id),
             lambda w: [w.priority, w.id]),
            (lambda w: and_(w.state.in_(SCHEDULED), due(w)),
             lambda w: [w.next_attempt_at.asc().nulls_first(), w.priority, w.id]),
            (lambda w: and_(w.state == NEW, due(w)),
             lambda w: [w.priority, w.id]),
        )

    def _claim_locking(self, bucket, agent_id, now, open_regions, programs) -> int | None:
        condition, order = bucket
        w = WorkItem
        with self.db.session() as s:
            item_id = s.scalar(select(w.id)
                               .where(condition(w), self._scope(w, agent_id, open_regions, programs))
                               .order_by(*order(w)).limit(1)
                               .with_for_update(skip_locked=True))
            if item_id is None:
                return None
            s.execute(update(w).where(w.id == item_id).values(self._claim_values(agent_id, now)))
            return item_id

    def _claim_update(self, bucket, agent_id, now, open_regions, programs) -> int | None:
        # One statement: SQLite takes the write lock when it starts, so the choice
        # and the claim cannot be split by another desktop.  The WHERE repeats the
        # rules so the UPDATE itself refuses an item that is no longer eligible.
        condition, order = bucket
        with self.db.session() as s:
            # Reads do not take SQLite's one write lock: skip empty buckets cheaply.
            if not s.scalar(select(exists().where(
                    condition(WorkItem), self._scope(WorkItem, agent_id, open_regions, programs)))):
                return None
        inner = aliased(WorkItem)
        candidate = (select(inner.id)
                     .where(condition(inner), self._scope(inner, agent_id, open_regions, programs))
                     .order_by(*order(inner)).limit(1).scalar_subquery())
        stmt = (update(WorkItem)
                .where(WorkItem.id == candidate,
                       self._eligible(WorkItem, agent_id, now, open_regions, programs))
                .values(self._claim_values(agent_id, now))
                .returning(WorkItem.id))
        with self.db.session() as s:
            return s.scalar(stmt)

    def _has_candidate(self, agent_id, now, open_regions, programs) -> bool:
        with self.db.session() as s:
            return s.scalar(select(exists().where(
                self._eligible(WorkItem, agent_id, now, open_regions, programs)))) or False

    def claim(self, agent_id: int, item_id: int, now: datetime,
              open_regions: OpenZones | None = None) -> bool:
        """Claim one item the agent chose; True when it is now theirs.

        Re-claiming an item the agent already holds (claimed) just renews it.
        """
        if _no_zone_open(open_regions):
            return False
        w = WorkItem
        mine = and_(w.state == CLAIMED, w.claimed_by_id == agent_id, self._scope(w, agent_id, open_regions, None))
        eligible = self._eligible(w, agent_id, now, open_regions, None)
        # One conditional UPDATE on both back-ends: PostgreSQL re-checks the WHERE on
        # the row it locks, SQLite runs it under its single write lock.
        with self.db.session() as s:
            claimed = s.scalar(update(w).where(w.id == item_id, or_(eligible, mine))
                               .values(self._claim_values(agent_id, now)).returning(w.id))
        return claimed is not None

    def renew(self, agent_id: int, item_id: int, now: datetime) -> bool:
        """Heartbeat: push the claim's expiry forward while the agent works on it."""
        w = WorkItem
        with self.db.session() as s:
            done = s.scalar(update(w).where(w.id == item_id, w.claimed_by_id == agent_id, w.state.in_(HELD))
                            .values(claim_expires_at=now + self.claim_ttl).returning(w.id))
        return done is not None

    def release(self, agent_id: int, item_id: int) -> bool:
        """Give a claimed (not yet dialled) item back, in the state it was claimed from."""
        w = WorkItem
        with self.db.session() as s:
            done = s.scalar(update(w).where(w.id == item_id, w.claimed_by_id == agent_id, w.state == CLAIMED)
                            .values(state=func.coalesce(w.claimed_from_state, NEW),
                                    **{c: None for c in CLAIM_COLUMNS})
                            .returning(w.id))
        return done is not None

    def expire_stale(self, now: datetime) -> int:
        """Return expired claims to their original state; the number released."""
        w = WorkItem
        stale = and_(w.state == CLAIMED, w.claim_expires_at < now)
        with self.db.session() as s:
            # A read first: on SQLite a write takes the one database lock, and almost
            # always there is nothing to expire.
            if not s.scalar(select(exists().where(stale))):
                return 0
        with self.db.session() as s:
            ids = s.scalars(update(w).where(stale)
                            .values(state=func.coalesce(w.claimed_from_state, NEW),
                                    **{c: None for c in CLAIM_COLUMNS})
                            .returning(w.id)).all()
        if ids:
            log.info("released %d expired claims", len(ids))
        return len(ids)

    def transition(self, item_id: int, agent_id: int, target_state: str | WorkItemState,
                   now: datetime | None = None, **fields: Any) -> str:
        """Move an item to `target_state` in a transaction of its own (see `move`)."""
        with self.db.session() as s:
            return self.move(s, item_id, agent_id, target_state, now or datetime.now(timezone.utc), **fields)

    def move(self, s: Session, item_id: int, agent_id: int | None, target_state: str | WorkItemState,
             now: datetime, **fields: Any) -> str:
        """The one guarded state change of a work item, inside the caller's transaction.

        Sets `fields` (column names) with the state.  Raises IllegalTransition for a move
        the domain forbids and ClaimLost when the item is held by someone else (agent_id
        None: a supervisor's move, allowed only from a state nobody holds).  Leaving the
        held states clears the claim; entering or staying in one pushes its expiry forward,
        so every held state ends by itself when a desktop dies.  The caller's ORM copy of
        the item is refreshed.
        """
        target = WorkItemState(target_state).value
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise ValueError(f"unknown work item fields: {sorted(unknown)}")
        item = s.get(WorkItem, item_id, with_for_update=self.db.dialect == "postgresql", populate_existing=True)
        if item is None:
            raise QueueError(f"Data #{item_id} tidak ditemukan.")
        if item.state in HELD and item.claimed_by_id != agent_id:
            raise ClaimLost(f"Data #{item_id} tidak lagi Anda pegang; sedang dikerjakan agen lain.")
        check_transition(item.state, target, item.claimed_from_state if item.state == CLAIMED else None)
        values: dict[str, Any] = {"updated_at": now, **fields}
        if target in HELD:
            values.setdefault("claim_expires_at", now + self.claim_ttl)
        else:
            values.update({c: None for c in CLAIM_COLUMNS if c not in fields})
        # The WHERE re-checks state and holder: SQLite has no row lock to rely on.
        guard = [WorkItem.id == item_id, WorkItem.state == item.state]
        if item.state in HELD:
            guard.append(WorkItem.claimed_by_id == agent_id)
        changed = s.scalar(update(WorkItem).where(*guard).values(state=target, **values)
                           .returning(WorkItem.id).execution_options(synchronize_session=False))
        if changed is None:
            raise ClaimLost(f"Data #{item_id} berubah oleh pengguna lain; muat ulang.")
        s.refresh(item)
        return target

    # -- the agent's list -------------------------------------------------------------
    def _visible(self, agent_id: int, now: datetime, search: str,
                 programs: set[str] | None) -> list[ColumnElement]:
        w = WorkItem
        conditions: list[ColumnElement] = [
            w.state.notin_(FINAL),
            or_(w.assigned_agent_id.is_(None), w.assigned_agent_id == agent_id),
            or_(w.state != RETURNED, w.assigned_agent_id == agent_id),
            # Held by someone else: not listed, unless the claim has expired.
            or_(w.claimed_by_id.is_(None), w.claimed_by_id == agent_id,
                and_(w.state == CLAIMED, w.claim_expires_at < now)),
        ]
        if programs is not None:
            conditions.append(w.program.in_(sorted(programs)))
        term = search.strip()
        if term:
            like = f"%{_like_escape(term.lower())}%"
            matches = [func.lower(Customer.name).like(like, escape="\\")]
            digits = search_digits(term)
            if digits:
                matches.append(Customer.account_number.like(f"%{digits}%"))
                matches.append(exists().where(Phone.customer_id == Customer.id,
                                              Phone.e164.like(f"%{_phone_digits(digits)}%")))
            conditions.append(or_(*matches))
        return conditions

    def _list_order(self, agent_id: int, now: datetime) -> list[ColumnElement]:
        w = WorkItem
        held_by_me = and_(w.state.in_(HELD), w.claimed_by_id == agent_id)
        not_due = and_(w.state.in_(DUE_STATES), w.next_attempt_at > now)
        # Mine in hand first, then claim_next's order, then what is not due yet.
        group = case((held_by_me, 0), (not_due, 2), else_=1)
        later = case((not_due, w.next_attempt_at), else_=None)
        return [group, later.asc().nulls_first(), *self._claim_order(w)]

    def list_page(self, agent_id: int, now: datetime, search: str = "", offset: int = 0,
                  limit: int = 100, programs: set[str] | None = None) -> list[QueueRow]:
        """One page of the agent's queue, in the order claim_next would hand it out."""
        w = WorkItem
        first_phone = (select(Phone.e164).where(Phone.customer_id == w.customer_id, Phone.invalid.is_(False))
                       .order_by(Phone.id).limit(1).correlate(w).scalar_subquery())
        stmt = (select(w.id, Customer.name, Customer.account_number, w.program, w.state, w.priority,
                       w.next_attempt_at, w.attempts_total, Customer.region, w.arrears_months,
                       w.arrears_amount, w.returned_comment, w.claimed_by_id, first_phone)
                .join(Customer, Customer.id == w.customer_id)
                .where(*self._visible(agent_id, now, search, programs))
                .order_by(*self._list_order(agent_id, now))
                .offset(offset).limit(limit))
        with self.db.session() as s:
            return [QueueRow(*row) for row in s.execute(stmt)]

    def count(self, agent_id: int, now: datetime, search: str = "",
              programs: set[str] | None = None) -> int:
        stmt = (select(func.count()).select_from(WorkItem)
                .join(Customer, Customer.id == WorkItem.customer_id)
                .where(*self._visible(agent_id, now, search, programs)))
        with self.db.session() as s:
            return int(s.scalar(stmt) or 0)
