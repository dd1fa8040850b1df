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

import functools
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping, Union

from sqlalchemy import (ColumnElement, Integer, String, and_, bindparam, case, exists, func, insert, inspect,
                        literal_column, null, or_, select, union_all, update)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from app.domain.text import Text, TextError
from app.domain.workitem import IllegalTransition, WorkItemState, check_transition
from app.store.db import Database
from app.store.driver_sql import DriverSQL, driver_sql
from app.store.pipelined import Pipelined, pipelined
from app.store.models import Customer, User, WorkItem
from app.store.queue_pages import (EXACT_COUNT_LIMIT, QueueCursor, QueuePages, QueueRow, QueueSize, _programs,
                                   search_digits)
from app.store.queue_states import (CLAIM_COLUMNS, CLAIMED, DUE_STATES, FINAL, HELD, NEW, RETURNED, SCHEDULED,
                                    sql_number, sql_text, state_is)

log = logging.getLogger(__name__)

_SETTABLE = frozenset(c.key for c in WorkItem.__table__.columns) - {"id", "state"}
DEFAULT_CLAIM_TTL = timedelta(minutes=30)


class QueueError(TextError):
    """An expected refusal of the queue, with a message for the agent."""


class ClaimLost(QueueError):
    """The agent no longer holds the item (expired and taken, released, or never claimed)."""


__all__ = ["WorkQueue", "Claimed", "GuardedMove", "QueueRow", "QueueCursor", "QueueSize", "HeldItem", "ItemHold",
           "QueueError", "ClaimLost", "IllegalTransition", "search_digits", "EXACT_COUNT_LIMIT", "FINAL", "OpenZones"]

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
class ItemHold:
    """Where an item stands, as just read by the caller of `WorkQueue.move_from`."""
    state: str
    claimed_by_id: int | None
    claimed_from_state: str | None

    @classmethod
    def of(cls, item) -> "ItemHold":
        """From a work item, or a row with its columns of the same names."""
        return cls(item.state, item.claimed_by_id, item.claimed_from_state)


@dataclass(frozen=True)
class GuardedMove:
    """One item's move, bound: `statement` (an UPDATE … RETURNING id, the same object for every move
    of the same columns) with its `params`."""
    item_id: int
    target: str
    statement: Any
    params: dict[str, Any]

    def run(self, s: Session) -> None:
        if s.connection().execute(self.statement, self.params).scalar() is None:
            raise self.lost()

    def run_with_insert(self, s: Session, row: Any) -> int:
        """The move and `row`, a new ORM object kept out of the session, written together; the
        row's id, set on it too, as are the model's defaults for what its maker left unset.
        Core, on the session's connection: no ORM unit of work on the desk's hot paths (the dial,
        the save).  On PostgreSQL one statement (the move as a data-modifying WITH, the row
        inserted only when the move held): on a busy floor each round trip waits for a CPU."""
        table = type(row).__table__
        values = _row_values(row)
        connection = s.connection()
        if connection.dialect.name != "postgresql":
            self.run(s)
            row.id = connection.execute(_insert_row(table), values).scalar_one()
            return row.id
        return self._written(row, connection.execute(_move_and_insert(self.statement, table),
                                                     self._with_row(values)).first())

    def commit_with_insert(self, transaction: Pipelined, row: Any) -> int:
        """PostgreSQL, at the end of a pipelined transaction (app.store.pipelined): `run_with_insert`'s
        one statement and the COMMIT, in one round trip."""
        statement = driver_sql(_move_and_insert(self.statement, type(row).__table__), transaction.dialect)
        return self._written(row, transaction.commit_after(statement, self._with_row(_row_values(row))))

    def _with_row(self, values: dict[str, Any]) -> dict[str, Any]:
        return {**self.params, **{f"new_{key}": value for key, value in values.items()}}

    def _written(self, row: Any, inserted) -> int:
        if inserted is None:                # the move's guard held nothing: the row was not written
            raise self.lost()
        row.id = inserted.id
        return row.id

    def lost(self) -> ClaimLost:
        return ClaimLost(Text(f"Data #{self.item_id} berubah oleh pengguna lain; muat ulang.",
                              f"Record #{self.item_id} was changed by another user; reload it."))


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


@dataclass(frozen=True)
class Claimed:
    """An item just claimed: its id, and its source (a file's name, "mycx:…", "mycx" for a ticket)."""
    id: int
    source: str | None


class _Lost:
    """A bucket's candidate went to another desk between the look and the claim."""


_LOST = _Lost()


@dataclass(frozen=True)
class _ClaimStatements:
    probe: DriverSQL
    lock: dict          # per (bucket, program): the first unlocked row (the plan checks read it)
    take: dict          # per (bucket, program): an UPDATE claiming that row (`lock` as its InitPlan), DriverSQL
    release_stale: DriverSQL


@dataclass(frozen=True)
class _SqliteClaimStatements:
    buckets: tuple      # per bucket, in claim order: (is any row of it eligible?, the UPDATE claiming its best)
    has_candidate: Any


@functools.cache
def _stale_statements() -> tuple[Any, Any]:
    """Is any hold stale, and the UPDATE giving every stale hold back to its origin state (its ids)."""
    timestamp = WorkItem.next_attempt_at.type
    w = WorkItem.__table__.c
    now, stale_before = bindparam("now", type_=timestamp), bindparam("stale_before", type_=timestamp)
    release = (update(WorkItem.__table__).where(WorkQueue._stale(w, now, stale_before))
               .values(**WorkQueue._back_to_origin(), updated_at=now)
               .returning(w.id))
    return select(WorkQueue._any_stale(w, now, stale_before)), release


def in_claim_order(probed: list) -> list:
    """The probe's rows for the buckets (not "a hold is stale"), best first: by bucket, then by
    the bucket's own order (due time when it has one, priority, id).  Its times are the driver's
    own, naive UTC."""
    return sorted((r for r in probed if r.bucket >= 0),
                  key=lambda r: (r.bucket, r.due or datetime.min, r.priority, r.id))


def _zones_key(open_regions: OpenZones) -> tuple:
    return (tuple((p, tuple(sorted(z))) for p, z in sorted(open_regions.items()))
            if isinstance(open_regions, Mapping) else tuple(sorted(open_regions)))


# The claim's transaction (`WorkQueue._claim_in_one_transaction`):
# - its statements run on their generic plans.  The probe is a union of a dozen index reads:
#   planning it took 5.5 ms, its run 0.5 ms, and PostgreSQL kept planning it at every claim because
#   each custom plan looks cheaper than the generic one.  Its generic plan is on the same partial
#   indexes (the benchmark EXPLAINs it), and psycopg keeps it prepared;
# - its commit does not wait for the disk (3.3 ms a flush here, most of a claim's time): a claim is
#   a lease.  Lost in a server crash, the item is simply free again, and the desk that thought it
#   held it is refused at its next write, the dial's, whose move is guarded by the holder and
#   which, with every other write of the desk, commits durably.
CLAIM_SETTINGS = ("SET LOCAL plan_cache_mode = force_generic_plan", "SET LOCAL synchronous_commit = off")


def _row_values(row: Any) -> dict[str, Any]:
    """A new ORM object's column values for a Core INSERT, the model's defaults applied to (and
    set on it for) what its maker left unset."""
    given = inspect(row).dict
    values = {}
    for column in type(row).__table__.columns:
        if column.primary_key:
            continue
        if column.key in given:
            values[column.key] = given[column.key]
        elif column.default is not None:
            values[column.key] = column.default.arg(None) if column.default.is_callable else column.default.arg
            setattr(row, column.key, values[column.key])
        else:
            values[column.key] = None
    return values


@functools.cache
def _insert_row(table) -> Any:
    return insert(table).returning(table.c.id)


@functools.cache            # by the move's statement (one per set of moved columns) and table
def _move_and_insert(move_statement, table) -> Any:
    columns = [c for c in table.columns if not c.primary_key]
    row = select(*(bindparam(f"new_{c.key}", type_=c.type) for c in columns))
    return (insert(table).from_select([c.key for c in columns], row.select_from(move_statement.cte("moved")),
                                      include_defaults=False)
            .returning(table.c.id))


@functools.cache            # one per (held, columns): a few dozen in all
def _guarded_move(held: bool, columns: tuple[str, ...]):
    """`move_from`'s UPDATE for one set of columns, built once: building it per call cost
    more than SQLite's running it.  The WHERE re-checks state and holder: SQLite has no row lock
    to rely on."""
    table = WorkItem.__table__
    guard = [table.c.id == bindparam("item_id"), table.c.state == bindparam("was")]
    if held:
        guard.append(table.c.claimed_by_id == bindparam("holder"))
    return (update(table).where(*guard).values({key: bindparam(f"set_{key}") for key in columns})
            .returning(table.c.id))


class WorkQueue:
    def __init__(self, database: Database, claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
                 claim_retries: int = 5) -> None:
        self.db = database
        self.claim_ttl = claim_ttl
        self.claim_retries = claim_retries
        self.pages = QueuePages(database)
        self._plans: dict[tuple, Any] = {}      # the claim's statements per zones and programs (_plan)

    @classmethod
    def from_settings(cls, database: Database, settings) -> "WorkQueue":
        """The queue with the site's claim time to live (`claim_ttl_minutes`)."""
        minutes = float(settings.get("claim_ttl_minutes", DEFAULT_CLAIM_TTL.total_seconds() / 60) or 0)
        return cls(database, claim_ttl=timedelta(minutes=minutes) if minutes > 0 else DEFAULT_CLAIM_TTL)

    # -- the rules, as SQL expressions over a work_items table (or an alias of it) ----
    @classmethod
    def _eligible(cls, w, agent_id: int, now: datetime, open_regions: "OpenZones | None",
                  programs: set[str] | None) -> ColumnElement:
        """Every rule of a claim: the state part and the agent's scope."""
        state_ok = or_(
            and_(state_is(w.state, *DUE_STATES), or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)),
            and_(state_is(w.state, RETURNED), w.assigned_agent_id == agent_id),
            and_(state_is(w.state, CLAIMED), w.claim_expires_at < now),
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
                                             Customer.region.in_([sql_text(z) for z in sorted(zones)])).exists()
        if isinstance(open_regions, Mapping):
            wanted = [p for p in sorted(open_regions) if open_regions[p] and (programs is None or p in programs)]
            conditions.append(or_(*[and_(w.program == sql_text(p), zone_open(open_regions[p])) for p in wanted])
                              if wanted else w.id.is_(None))
        elif open_regions is not None:
            conditions.append(zone_open(open_regions))
        if programs is not None:
            conditions.append(w.program.in_([sql_text(p) for p in sorted(programs)]))
        return and_(*conditions)

    @staticmethod
    def _claim_values(agent_id, now, expires) -> dict[str, Any]:
        return {
            "state": CLAIMED,
            "claimed_by_id": agent_id,
            "claimed_at": now,
            "claim_expires_at": expires,
            # An expired claim keeps the state it was first claimed from.
            "claimed_from_state": case((WorkItem.state == CLAIMED, WorkItem.claimed_from_state),
                                       else_=WorkItem.state),
            "updated_at": now,
        }

    # -- claiming -------------------------------------------------------------------
    def claim_next(self, agent_id: int, now: datetime, open_regions: OpenZones,
                   programs: set[str] | None = None) -> int | None:
        """Claim the next item for this agent; return its id, or None when nothing is due."""
        claimed = self.claim_next_item(agent_id, now, open_regions, programs)
        return claimed.id if claimed is not None else None

    def claim_next_item(self, agent_id: int, now: datetime, open_regions: OpenZones,
                        programs: set[str] | None = None) -> Claimed | None:
        """`claim_next`, with what the claim's own statement tells of the item (its source)."""
        if _no_zone_open(open_regions) or (programs is not None and not programs):
            return None
        if self.db.dialect == "postgresql":
            for _ in range(self.claim_retries):
                claimed, candidates = self._claim_in_one_transaction(agent_id, now, open_regions, programs)
                if claimed is not None:
                    log.info("agent %s claimed work item %s", agent_id, claimed.id)
                    return claimed
                if not candidates:
                    return None
            return None
        # Expired holds go back to their origin state first, so they sort with it and
        # each bucket below is a plain, index-friendly query (no sort of the whole queue).
        self.expire_stale(now)
        plan = self._plan(open_regions, programs)
        params = self._claim_params(agent_id, now)
        for attempt in range(self.claim_retries):
            lost = False
            try:
                for nonempty, claim in plan.buckets:
                    claimed = self._claim_update(nonempty, claim, params)
                    if claimed is _LOST:
                        lost = True
                    elif claimed is not None:
                        log.info("agent %s claimed work item %s", agent_id, claimed.id)
                        return claimed
            except OperationalError as exc:
                # SQLite's one write lock is not handed out in turn: under many writers one can
                # wait past the busy timeout.  The claim changed nothing; try again.
                if "locked" not in str(exc) or attempt == self.claim_retries - 1:
                    raise
                log.warning("database busy on a claim; trying again")
                continue
            # Every bucket empty: nothing is due (together the buckets are what is eligible, and
            # the expired holds were just given back).  Only after a candidate went to another
            # desk is it worth asking whether any is left: no index answers that question (asked
            # at every empty Next, it read 17 ms of items at 300,000 on SQLite).
            if not lost:
                return None
            with self.db.engine.connect() as c:
                if not c.scalar(plan.has_candidate, params):
                    return None
        return None

    def _claim_in_one_transaction(self, agent_id, now, open_regions, programs) -> tuple[Claimed | None, bool]:
        """PostgreSQL: one transaction, two round trips.  A probe (one UNION ALL of each
        bucket's first row per program, each on its partial index, plus "is any hold
        stale?") says where the next item is; then only that bucket and program is read
        with FOR UPDATE SKIP LOCKED, inside the UPDATE that claims the row, so fifty desks
        each take the next unlocked row.  BEGIN and the settings go with the probe, COMMIT with
        the UPDATE (`app.store.pipelined`).
        Returns (the claimed item or None, whether there were candidates at all)."""
        plan = self._plan(open_regions, programs)
        params = self._claim_params(agent_id, now)
        # The driver's own connection, not an ORM session or even a Core one: no object is loaded,
        # and SQLAlchemy's own work per statement was about a third of a claim's client CPU.
        with pipelined(self.db.engine, CLAIM_SETTINGS) as claim:
            claim.begin()
            rows = claim.rows(plan.probe, params)
            if any(r.bucket < 0 for r in rows):
                claim.queue(plan.release_stale, params)
                log.warning("released expired holds before a claim")
                rows = claim.rows(plan.probe, params)
            tried = set()
            for r in in_claim_order(rows):
                if (r.bucket, r.program) in tried:
                    continue
                if tried:                   # the previous UPDATE found its rows all taken, and committed
                    claim.begin()
                tried.add((r.bucket, r.program))
                taken = claim.commit_after(plan.take[(r.bucket, r.program)], params)
                if taken is not None:
                    return Claimed(taken.id, taken.source), True
            return None, bool(tried)

    def prepare_claims(self, agent_id: int, now: datetime, open_regions: OpenZones,
                       programs: set[str] | None = None) -> None:
        """Before the agent's first Next, so it is as quick as the rest; nothing is changed.
        The claim's statements are built (on SQLite 60 ms of the io thread at a first claim, the
        window waiting for the interpreter lock meanwhile) and its reads run once, so SQLAlchemy
        has compiled them.  PostgreSQL also plans and prepares the probe on a connection (8 ms)."""
        if _no_zone_open(open_regions) or (programs is not None and not programs):
            return
        plan = self._plan(open_regions, programs)
        params = self._claim_params(agent_id, now)
        if self.db.dialect != "postgresql":
            with self.db.engine.connect() as c:
                c.scalar(_stale_statements()[0], self._stale_params(now))
                for nonempty, _claim in plan.buckets:
                    c.scalar(nonempty, params)
            return
        with pipelined(self.db.engine, CLAIM_SETTINGS) as claim:
            claim.begin()
            # Prepared at its first run, as the claim's statements are; ended by a commit: psycopg
            # forgets every prepared statement at a rollback.
            claim.commit_after(plan.probe, params)

    def _claim_params(self, agent_id: int, now: datetime) -> dict[str, Any]:
        return {"agent_id": agent_id, **self._stale_params(now), "expires": now + self.claim_ttl}

    def _stale_params(self, now: datetime) -> dict[str, Any]:
        # Exactly these names wherever the stale-hold check runs: SQLAlchemy keeps a compiled form
        # per set of parameter names, and the warm-up at login compiles the one `expire_stale` uses.
        return {"now": now, "stale_before": now - self.claim_ttl}

    def _plan(self, open_regions, programs) -> "_ClaimStatements | _SqliteClaimStatements":
        """The claim's statements for one set of zones and programs, built once: building them per
        claim cost more than running them (on SQLite 30 ms of the desk's io thread, ORM aliases and
        IN lists, the window waiting for the interpreter lock meanwhile, where running them takes 2)."""
        key = (_zones_key(open_regions), None if programs is None else tuple(sorted(programs)))
        plan = self._plans.get(key)
        if plan is None:
            build = self._build_pg_plan if self.db.dialect == "postgresql" else self._build_sqlite_plan
            plan = self._plans[key] = build(open_regions, programs)
        return plan

    def _build_sqlite_plan(self, open_regions, programs) -> "_SqliteClaimStatements":
        timestamp = WorkItem.next_attempt_at.type
        agent, now = bindparam("agent_id", type_=Integer), bindparam("now", type_=timestamp)
        values = self._claim_values(agent, now, bindparam("expires", type_=timestamp))
        buckets = []
        for condition, order in self._buckets(agent, now):
            # Reads do not take SQLite's one write lock: an empty bucket is skipped cheaply.
            nonempty = select(exists().where(condition(WorkItem), self._scope(WorkItem, agent, open_regions, programs)))
            parts = []
            for program in _programs(programs):
                inner = aliased(WorkItem)
                keys = [c.label(f"k{i}") for i, c in enumerate(order(inner))]
                best_of_program = (select(inner.id.label("id"), *keys)
                                   .where(condition(inner), inner.program == program,
                                          self._scope(inner, agent, open_regions, None))
                                   .order_by(*order(inner)).limit(1).subquery())
                parts.append(select(best_of_program))
            candidates = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
            candidate = (select(candidates.c.id)
                         .order_by(*[c for c in candidates.c if c.name != "id"]).limit(1).scalar_subquery())
            # One statement: SQLite takes the write lock when it starts, so the choice and the claim
            # cannot be split by another desktop.  The WHERE repeats the rules so the UPDATE itself
            # refuses an item that is no longer eligible.
            claim = (update(WorkItem)
                     .where(WorkItem.id == candidate, self._eligible(WorkItem, agent, now, open_regions, programs))
                     .values(values)
                     .returning(WorkItem.id, WorkItem.source))
            buckets.append((nonempty, claim))
        return _SqliteClaimStatements(
            buckets=tuple(buckets),
            has_candidate=select(exists().where(self._eligible(WorkItem, agent, now, open_regions, programs))))

    def _build_pg_plan(self, open_regions, programs) -> "_ClaimStatements":
        table = WorkItem.__table__
        w = table.c
        timestamp = WorkItem.next_attempt_at.type
        agent, now = bindparam("agent_id", type_=Integer), bindparam("now", type_=timestamp)
        buckets = self._buckets(agent, now)
        parts = [select(sql_number(-1).label("bucket"), literal_column("''", String).label("program"),
                        null().cast(timestamp).label("due"), sql_number(0).label("priority"),
                        sql_number(0).label("id"))
                 .where(self._any_stale(w, now, bindparam("stale_before", type_=timestamp)))]
        lock = {}
        for index, (condition, order) in enumerate(buckets):
            for program in _programs(programs):
                keys = order(w)
                where = and_(condition(w), w.program == sql_text(program), self._scope(w, agent, open_regions, None))
                due = keys[0] if len(keys) == 3 else null().cast(timestamp)
                first = (select(sql_number(index).label("bucket"), sql_text(program).label("program"),
                                due.label("due"), w.priority.label("priority"), w.id.label("id"))
                         .where(where).order_by(*keys).limit(1).subquery())
                parts.append(select(first))
                lock[(index, program)] = (select(w.id).where(where).order_by(*keys).limit(1)
                                          .with_for_update(skip_locked=True))
        values = self._claim_values(agent, now, bindparam("expires", type_=timestamp))
        # The bucket's first unlocked row, locked and claimed in one statement (one round trip).
        take = {bucket: update(table).where(w.id == first_unlocked.scalar_subquery()).values(values)
                .returning(w.id, w.source) for bucket, first_unlocked in lock.items()}
        dialect = self.db.engine.dialect
        return _ClaimStatements(probe=DriverSQL(union_all(*parts), dialect), lock=lock,
                                take={bucket: DriverSQL(stmt, dialect) for bucket, stmt in take.items()},
                                release_stale=DriverSQL(_stale_statements()[1], dialect))

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

    def hot_statements(self, agent_id: int, now: datetime, open_regions: set[str], program: str) -> dict:
        """The statements every claim and every list page run, by name, with their parameters,
        for plan checks (tests and the benchmark EXPLAIN them after six executions)."""
        plan = self._plan(open_regions, {program})
        params = self._claim_params(agent_id, now)
        out = {"expire_stale.exists": (_stale_statements()[0], params),
               "claim.probe": (plan.probe.statement, params),
               "claim.returned": (plan.lock[(0, program)], params),
               "claim.undated": (plan.lock[(1, program)], params),
               "claim.scheduled_due": (plan.lock[(2, program)], params),
               "claim.new": (plan.lock[(3, program)], params)}
        out.update(self.pages.hot_statements(agent_id, now, program))
        return out

    def _claim_update(self, nonempty, claim, params) -> "Claimed | None | _Lost":
        """The bucket's best item claimed; None when the bucket is empty, _LOST when its
        candidate went to another desk between the look and the UPDATE."""
        with self.db.engine.connect() as c:
            if not c.scalar(nonempty, params):
                return None
        with self.db.engine.begin() as c:
            row = c.execute(claim, params).first()
        return Claimed(row.id, row.source) if row is not None else _LOST

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
                               .values(self._claim_values(agent_id, now, now + self.claim_ttl)).returning(w.id))
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

    @staticmethod
    def _stale(w, now, stale_before) -> ColumnElement:
        """A hold past its time to live, in any held state.  A hold written without an expiry
        (older desks cleared it when the call started) lives `claim_ttl` from its claim: it is
        stale when claimed (or last changed) before `stale_before`."""
        return and_(state_is(w.state, *HELD), or_(*WorkQueue._stale_kinds(w, now, stale_before)))

    @staticmethod
    def _stale_kinds(w, now, stale_before) -> tuple[ColumnElement, ColumnElement]:
        return (w.claim_expires_at < now,
                and_(w.claim_expires_at.is_(None), func.coalesce(w.claimed_at, w.updated_at) < stale_before))

    @staticmethod
    def _any_stale(w, now, stale_before) -> ColumnElement:
        """Whether any hold is stale (every claim asks), as one probe of the held items' expiry
        index per kind: one test of the OR read every held item (2 ms at 1,800 held)."""
        return or_(*(exists().where(state_is(w.state, *HELD), kind)
                     for kind in WorkQueue._stale_kinds(w, now, stale_before)))

    def expire_stale(self, now: datetime) -> int:
        """Return expired holds (claimed, in a call, in wrap-up) to their original state;
        the number released.  A desktop that died mid-call leaves its item here."""
        any_stale, release = _stale_statements()
        params = self._stale_params(now)
        with self.db.engine.connect() as c:
            # A read first: on SQLite a write takes the one database lock, and almost
            # always there is nothing to expire.
            if not c.scalar(any_stale, params):
                return 0
        with self.db.engine.begin() as c:
            rows = c.execute(release, params).all()
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
        item = s.get(WorkItem, item_id, with_for_update=self.db.dialect == "postgresql", populate_existing=True)
        if item is None:
            raise QueueError(Text(f"Data #{item_id} tidak ditemukan.", f"Record #{item_id} not found."))
        target = self.move_from(s, item_id, agent_id, ItemHold.of(item), target_state, now, **fields)
        s.refresh(item)
        return target

    def move_from(self, s: Session, item_id: int, agent_id: int | None, hold: ItemHold,
                  target_state: str | WorkItemState, now: datetime, **fields: Any) -> str:
        """`move` for a caller that has just read the item's state and holder (on PostgreSQL
        under FOR UPDATE) and keeps no ORM copy of it: one UPDATE, guarded as `move`'s."""
        move = self.guarded_move(item_id, agent_id, hold, target_state, now, **fields)
        move.run(s)
        return move.target

    def guarded_move(self, item_id: int, agent_id: int | None, hold: ItemHold,
                     target_state: str | WorkItemState, now: datetime, **fields: Any) -> "GuardedMove":
        """`move_from`'s UPDATE, checked and bound but not run: for a caller that writes it in
        one statement with its own (app.store.attempt_facts)."""
        target = WorkItemState(target_state).value
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise ValueError(f"unknown work item fields: {sorted(unknown)}")
        if hold.state in HELD and hold.claimed_by_id != agent_id:
            raise ClaimLost(Text(f"Data #{item_id} tidak lagi Anda pegang; sedang dikerjakan agen lain.",
                                 f"Record #{item_id} is no longer yours; another agent is working on it."))
        check_transition(hold.state, target, hold.claimed_from_state if hold.state == CLAIMED else None)
        values: dict[str, Any] = {"updated_at": now, **fields}
        if target in HELD:
            values.setdefault("claim_expires_at", now + self.claim_ttl)
        else:
            values.update({c: None for c in CLAIM_COLUMNS if c not in fields})
        values["state"] = target
        stmt = _guarded_move(hold.state in HELD, tuple(values))
        params = {f"set_{key}": value for key, value in values.items()}
        return GuardedMove(item_id, target, stmt, {**params, "item_id": item_id, "was": hold.state,
                                                   "holder": agent_id})

    # -- the agent's list (app.store.queue_pages) -------------------------------------
    def list_page(self, agent_id: int, now: datetime, search: str = "", offset: int = 0,
                  limit: int = 100, programs: set[str] | None = None,
                  after: QueueCursor | None = None) -> list[QueueRow]:
        """One page of the agent's queue, in the order claim_next would hand it out.

        Pass the last row's `cursor` as `after` for the next page (read on the index,
        however deep); `offset` still works but reads every row it skips.  Holds past
        their time to live are released by the next claim, not here: a page only reads.
        """
        return self.pages.page(agent_id, now, search, offset, limit, programs, after)

    def size(self, agent_id: int, search: str = "", programs: set[str] | None = None) -> QueueSize:
        """How many rows the list has: exact up to EXACT_COUNT_LIMIT, estimated beyond."""
        return self.pages.size(agent_id, search, programs)

    def count(self, agent_id: int, now: datetime, search: str = "",
              programs: set[str] | None = None) -> int:
        return self.size(agent_id, search, programs).value
