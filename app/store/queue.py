"""The work queue: hands one work item to one agent at a time ("Pick").

A claim is one atomic statement (SQLite: a conditional UPDATE … RETURNING) or one
transaction (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, then UPDATE), so fifty
desktops on one team database never get the same record.  Every held state
(claimed, in a call, in wrap-up) has a time to live, so a crashed desktop does not
hold records forever, and a team leader can release or reassign what is held.
The hot statements carry their states as SQL literals (app.store.queue_states) so
each stays on its partial index whether PostgreSQL plans it once or prepares it.
The agent's list is read by app.store.queue_pages.  It must not decide calling
hours or attempt policy (the caller passes the open regions and the target states),
and it never loads the whole queue into memory.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, union_all, update
from sqlalchemy.orm import aliased

from app.domain.workitem import IllegalTransition, WorkItemState, check_transition
from app.store.db import Database
from app.store.models import Customer, User, WorkItem
from app.store.queue_pages import (EXACT_COUNT_LIMIT, QueueCursor, QueuePages, QueueRow, QueueSize, _programs,
                                   search_digits)
from app.store.queue_states import (CLAIM_COLUMNS, CLAIMED, DUE_STATES, FINAL, HELD, NEW, RETURNED, SCHEDULED,
                                    state_is)

log = logging.getLogger(__name__)

_SETTABLE = frozenset(c.key for c in WorkItem.__table__.columns) - {"id", "state"}
DEFAULT_CLAIM_TTL = timedelta(minutes=30)


class QueueError(Exception):
    """An expected refusal of the queue, with a message for the agent."""


class ClaimLost(QueueError):
    """The agent no longer holds the item (expired and taken, released, or never claimed)."""


__all__ = ["WorkQueue", "QueueRow", "QueueCursor", "QueueSize", "HeldItem", "QueueError", "ClaimLost",
           "IllegalTransition", "search_digits", "EXACT_COUNT_LIMIT", "FINAL"]


@dataclass(frozen=True)
class HeldItem:
    """An item someone holds, as a team leader sees it."""
    item_id: int
    state: str
    holder_id: int
    holder_username: str
    holder_name: str
    holder_active: bool
    customer_name: str
    program: str
    claimed_at: datetime | None
    claim_expires_at: datetime | None


class WorkQueue:
    def __init__(self, database: Database, claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
                 claim_retries: int = 5) -> None:
        self.db = database
        self.claim_ttl = claim_ttl
        self.claim_retries = claim_retries
        self.pages = QueuePages(database)

    @classmethod
    def from_settings(cls, database: Database, settings) -> "WorkQueue":
        """The queue with the site's claim time to live (`claim_ttl_minutes`)."""
        minutes = float(settings.get("claim_ttl_minutes", DEFAULT_CLAIM_TTL.total_seconds() / 60) or 0)
        return cls(database, claim_ttl=timedelta(minutes=minutes) if minutes > 0 else DEFAULT_CLAIM_TTL)

    # -- the rules, as SQL expressions over a work_items table (or an alias of it) ----
    @classmethod
    def _eligible(cls, w, agent_id: int, now: datetime, open_regions: set[str] | None,
                  programs: set[str] | None) -> ColumnElement:
        """Every rule of a claim: the state part and the agent's scope."""
        state_ok = or_(
            and_(state_is(w.state, *DUE_STATES), or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)),
            and_(state_is(w.state, RETURNED), w.assigned_agent_id == agent_id),
            and_(state_is(w.state, CLAIMED), w.claim_expires_at < now),
        )
        return and_(state_ok, cls._scope(w, agent_id, open_regions, programs))

    @staticmethod
    def _scope(w, agent_id: int, open_regions: set[str] | None, programs: set[str] | None) -> ColumnElement:
        """Not someone else's, in a region inside calling hours, of the agent's programs."""
        conditions = [or_(w.assigned_agent_id.is_(None), w.assigned_agent_id == agent_id)]
        if open_regions is not None:
            # EXISTS, not IN: SQLite would otherwise drive the query from the customer
            # list instead of walking the pick index in order.
            conditions.append(select(Customer.id).where(
                Customer.id == w.customer_id, Customer.region.in_(sorted(open_regions))).exists())
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
    def claim_next(self, agent_id: int, now: datetime, open_regions: set[str],
                   programs: set[str] | None = None) -> int | None:
        """Claim the next item for this agent; return its id, or None when nothing is due."""
        if not open_regions or (programs is not None and not programs):
            return None
        # Expired holds go back to their origin state first, so they sort with it and
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
        """claim_next's order: (condition, order) per bucket, for a table or alias `w`.

        Each bucket is read one program at a time on its partial index, in an order of
        plain non-NULL columns, so the best candidates of several programs compare in Python.
        """
        return (
            (lambda w: and_(state_is(w.state, RETURNED), w.assigned_agent_id == agent_id),
             lambda w: [w.priority, w.id]),
            (lambda w: and_(state_is(w.state, *SCHEDULED), w.next_attempt_at.is_(None)),
             lambda w: [w.priority, w.id]),
            (lambda w: and_(state_is(w.state, *DUE_STATES), w.next_attempt_at <= now,
                            w.state != NEW),
             lambda w: [w.next_attempt_at, w.priority, w.id]),
            (lambda w: and_(state_is(w.state, NEW), or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)),
             lambda w: [w.priority, w.id]),
        )

    def _claim_locking(self, bucket, agent_id, now, open_regions, programs) -> int | None:
        condition, order = bucket
        w = WorkItem
        with self.db.session() as s:
            best = None
            for program in _programs(programs):
                found = s.execute(self._candidate(bucket, agent_id, open_regions, program)).first()
                if found is not None and (best is None or tuple(found[1:]) < tuple(best[1:])):
                    best = found
            if best is None:
                return None
            # The other programs' candidates stay locked only until this commit.
            s.execute(update(w).where(w.id == best[0]).values(self._claim_values(agent_id, now)))
            return best[0]

    def _candidate(self, bucket, agent_id, open_regions, program):
        """PostgreSQL: the first unlocked row of one bucket and program, locked; (id, *order)."""
        condition, order = bucket
        w = WorkItem
        return (select(w.id, *order(w))
                .where(condition(w), w.program == program, self._scope(w, agent_id, open_regions, None))
                .order_by(*order(w)).limit(1)
                .with_for_update(skip_locked=True))

    def hot_statements(self, agent_id: int, now: datetime, open_regions: set[str], program: str) -> dict:
        """The statements every claim and every list page run, by name, for plan checks
        (tests and the benchmark EXPLAIN them after six executions)."""
        buckets = self._buckets(agent_id, now)
        out = {"expire_stale.exists": select(exists().where(self.stale_condition(now))),
               "claim.returned": self._candidate(buckets[0], agent_id, open_regions, program),
               "claim.scheduled_due": self._candidate(buckets[2], agent_id, open_regions, program),
               "claim.new": self._candidate(buckets[3], agent_id, open_regions, program)}
        out.update(self.pages.hot_statements(agent_id, now, program))
        return out

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
        parts = []
        for program in _programs(programs):
            inner = aliased(WorkItem)
            keys = [c.label(f"k{i}") for i, c in enumerate(order(inner))]
            best_of_program = (select(inner.id.label("id"), *keys)
                               .where(condition(inner), inner.program == program,
                                      self._scope(inner, agent_id, open_regions, None))
                               .order_by(*order(inner)).limit(1).subquery())
            parts.append(select(best_of_program))
        candidates = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
        candidate = (select(candidates.c.id)
                     .order_by(*[c for c in candidates.c if c.name != "id"]).limit(1).scalar_subquery())
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
              open_regions: set[str] | None = None) -> bool:
        """Claim one item the agent chose; True when it is now theirs.

        Re-claiming an item the agent already holds (claimed) just renews it.
        """
        if open_regions is not None and not open_regions:
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
        """Heartbeat: push the claim's expiry forward while the agent works on it (any held state)."""
        w = WorkItem
        with self.db.session() as s:
            done = s.scalar(update(w).where(w.id == item_id, w.claimed_by_id == agent_id, state_is(w.state, *HELD))
                            .values(claim_expires_at=now + self.claim_ttl).returning(w.id))
        return done is not None

    def release(self, agent_id: int, item_id: int) -> bool:
        """Give a claimed (not yet dialled) item back, in the state it was claimed from."""
        w = WorkItem
        with self.db.session() as s:
            done = s.scalar(update(w).where(w.id == item_id, w.claimed_by_id == agent_id, w.state == CLAIMED)
                            .values(**self._back_to_origin())
                            .returning(w.id))
        return done is not None

    @staticmethod
    def _back_to_origin(assign_to: int | None = None) -> dict[str, Any]:
        values: dict[str, Any] = {"state": func.coalesce(WorkItem.claimed_from_state, NEW),
                                  **{c: None for c in CLAIM_COLUMNS}}
        if assign_to is not None:
            values["assigned_agent_id"] = assign_to
        return values

    def stale_condition(self, now: datetime) -> ColumnElement:
        """A hold past its time to live, in any held state.  A hold written without an
        expiry (older desks cleared it when the call started) lives `claim_ttl` from its claim."""
        w = WorkItem
        return and_(state_is(w.state, *HELD),
                    or_(w.claim_expires_at < now,
                        and_(w.claim_expires_at.is_(None),
                             func.coalesce(w.claimed_at, w.updated_at) < now - self.claim_ttl)))

    def expire_stale(self, now: datetime) -> int:
        """Return expired holds (claimed, in a call, in wrap-up) to their original state;
        the number released.  A desktop that died mid-call leaves its item here."""
        w = WorkItem
        stale = self.stale_condition(now)
        with self.db.session() as s:
            # A read first: on SQLite a write takes the one database lock, and almost
            # always there is nothing to expire.
            if not s.scalar(select(exists().where(stale))):
                return 0
        with self.db.session() as s:
            rows = s.execute(update(w).where(stale).values(**self._back_to_origin())
                             .returning(w.id)).all()
        if rows:
            log.warning("released %d expired holds: %s", len(rows), sorted(r[0] for r in rows))
        return len(rows)

    # -- what is held, for a team leader -------------------------------------------------
    def held(self, team_id: int | None = None, limit: int = 500) -> list[HeldItem]:
        """Every held item (of one team's agents, or all), oldest claim first."""
        w = WorkItem
        stmt = (select(w.id, w.state, User.id, User.username, User.full_name, User.active, Customer.name,
                       w.program, w.claimed_at, w.claim_expires_at)
                .join(User, User.id == w.claimed_by_id)
                .join(Customer, Customer.id == w.customer_id)
                .where(state_is(w.state, *HELD)))
        if team_id is not None:
            stmt = stmt.where(User.team_id == team_id)
        stmt = stmt.order_by(w.claimed_at.asc().nulls_first(), w.id).limit(limit)
        with self.db.session() as s:
            return [HeldItem(*row) for row in s.execute(stmt)]

    def force_release(self, item_id: int, holder_id: int, assign_to: int | None = None) -> bool:
        """A team leader takes an item from its holder: back to its origin state, for anyone
        (or reserved for `assign_to`).  False when `holder_id` no longer holds it."""
        w = WorkItem
        with self.db.session() as s:
            done = s.scalar(update(w).where(w.id == item_id, w.claimed_by_id == holder_id,
                                            state_is(w.state, *HELD))
                            .values(**self._back_to_origin(assign_to)).returning(w.id))
        return done is not None

    def release_all_held_by(self, agent_id: int, session=None) -> list[int]:
        """Free everything an agent holds (the agent is deactivated); the ids released.
        Given a session, the release commits with the caller's change."""
        w = WorkItem
        stmt = (update(w).where(w.claimed_by_id == agent_id, state_is(w.state, *HELD))
                .values(**self._back_to_origin()).returning(w.id)
                .execution_options(synchronize_session=False))
        if session is not None:
            return sorted(session.scalars(stmt).all())
        with self.db.session() as s:
            return sorted(s.scalars(stmt).all())

    def transition(self, item_id: int, agent_id: int, target_state: str | WorkItemState,
                   **fields: Any) -> str:
        """Move an item to `target_state`, setting `fields` (column names) with it.

        Raises IllegalTransition for a move the domain forbids and ClaimLost when the
        item is held by someone else.  Leaving the held states clears the claim.
        """
        target = WorkItemState(target_state).value
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise ValueError(f"unknown work item fields: {sorted(unknown)}")
        with self.db.session() as s:
            item = s.get(WorkItem, item_id, with_for_update=self.db.dialect == "postgresql",
                         populate_existing=True)
            if item is None:
                raise QueueError(f"Data #{item_id} tidak ditemukan.")
            if item.state in HELD and item.claimed_by_id != agent_id:
                raise ClaimLost(f"Data #{item_id} tidak lagi Anda pegang; sedang dikerjakan agen lain.")
            check_transition(item.state, target,
                             item.claimed_from_state if item.state == CLAIMED else None)
            values: dict[str, Any] = dict(fields)
            if target not in HELD:
                values.update({c: None for c in CLAIM_COLUMNS if c not in fields})
            # The WHERE re-checks state and holder: SQLite has no row lock to rely on.
            guard = [WorkItem.id == item_id, WorkItem.state == item.state]
            if item.state in HELD:
                guard.append(WorkItem.claimed_by_id == agent_id)
            changed = s.scalar(update(WorkItem).where(*guard).values(state=target, **values)
                               .returning(WorkItem.id))
            if changed is None:
                raise ClaimLost(f"Data #{item_id} berubah oleh pengguna lain; muat ulang.")
        return target

    # -- the agent's list (app.store.queue_pages) -------------------------------------
    def list_page(self, agent_id: int, now: datetime, search: str = "", offset: int = 0,
                  limit: int = 100, programs: set[str] | None = None,
                  after: QueueCursor | None = None) -> list[QueueRow]:
        """One page of the agent's queue, in the order claim_next would hand it out.

        Pass the last row's `cursor` as `after` for the next page (read on the index,
        however deep); `offset` still works but reads every row it skips.
        """
        self.expire_stale(now)
        return self.pages.page(agent_id, now, search, offset, limit, programs, after)

    def size(self, agent_id: int, search: str = "", programs: set[str] | None = None) -> QueueSize:
        """How many rows the list has: exact up to EXACT_COUNT_LIMIT, estimated beyond."""
        return self.pages.size(agent_id, search, programs)

    def count(self, agent_id: int, now: datetime, search: str = "",
              programs: set[str] | None = None) -> int:
        return self.size(agent_id, search, programs).value
