"""The agent's view of the queue, a page at a time: rows, search and the size of the queue.

At a million prospects nothing here may sort or count the whole queue.  The list
is the concatenation of a few *segments* (mine in hand, returned to me, due
retries, new, not yet due), each read in the order of its own partial index
(migration 0004), one program at a time, all in one UNION ALL (one round
trip), and continued from the last row seen (keyset pagination: `QueueRow.cursor`)
instead of an OFFSET.  A
search first finds the matching customers through the trigram indexes
(PostgreSQL) and then sorts only those.  The queue's size is counted exactly up to
`EXACT_COUNT_LIMIT` rows and estimated by the planner beyond it (on PostgreSQL a
whole queue far above the limit is only estimated).  This module only
reads: it must not claim, release or change any row (app.store.queue does).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Callable

from sqlalchemy import (ColumnElement, Integer, and_, bindparam, case, func, literal, null, or_, select, text,
                        tuple_, union, union_all)
from sqlalchemy.dialects import postgresql

from app.domain.programs import Program
from app.store.models import Customer, Phone, WorkItem
from app.store.queue_states import (CLAIMED, DUE_STATES, FINAL, HELD, NEW, RETURNED, SCHEDULED, state_is,
                                    state_is_not)

_NO_DATE = datetime.min.replace(tzinfo=timezone.utc)
# Up to this many rows the queue's size is counted; beyond it the planner's estimate
# is shown (an agent does not need to know 812,344 from 812,000).
EXACT_COUNT_LIMIT = 5_000


@dataclass(frozen=True)
class QueueCursor:
    """Where a page ended: the segment and its sort values, or (segment -1) a search offset."""
    segment: int
    values: tuple


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
    cursor: QueueCursor | None = None      # pass as `after=` to get the page that follows


@dataclass(frozen=True)
class QueueSize:
    value: int
    estimated: bool        # True: the planner's estimate, above EXACT_COUNT_LIMIT


@dataclass(frozen=True)
class _Segment:
    where: Callable[[], ColumnElement]
    order: Callable[[], list]              # plain columns, ascending, never NULL


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


def _like_escape(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row_columns():
    w = WorkItem
    first_phone = (select(Phone.e164).where(Phone.customer_id == w.customer_id, Phone.invalid.is_(False))
                   .order_by(Phone.id).limit(1).correlate(w).scalar_subquery())
    return [w.id, Customer.name, Customer.account_number, w.program, w.state, w.priority,
            w.next_attempt_at, w.attempts_total, Customer.region, w.arrears_months,
            w.arrears_amount, w.returned_comment, w.claimed_by_id, first_phone]


_ROW_WIDTH = 14


def _segments(agent_id: int, now: datetime) -> list[_Segment]:
    """The list's order, as consecutive segments; each matches one partial index."""
    w = WorkItem
    return [
        # In my hands (claimed, in a call, in wrap-up): first, whatever else is due.
        _Segment(lambda: and_(state_is(w.state, *HELD), w.claimed_by_id == agent_id),
                 lambda: [w.id]),
        _Segment(lambda: and_(state_is(w.state, RETURNED), w.assigned_agent_id == agent_id),
                 lambda: [w.priority, w.id]),
        _Segment(lambda: and_(state_is(w.state, *SCHEDULED), w.next_attempt_at.is_(None)),
                 lambda: [w.priority, w.id]),
        _Segment(lambda: and_(state_is(w.state, *DUE_STATES), w.next_attempt_at <= now,
                              state_is_not(w.state, NEW)),
                 lambda: [w.next_attempt_at, w.priority, w.id]),
        _Segment(lambda: and_(state_is(w.state, NEW), or_(w.next_attempt_at.is_(None), w.next_attempt_at <= now)),
                 lambda: [w.priority, w.id]),
        # Not due yet: last, soonest first.
        _Segment(lambda: and_(state_is(w.state, *DUE_STATES), w.next_attempt_at > now),
                 lambda: [w.next_attempt_at, w.priority, w.id]),
    ]


def _not_others(agent_id: int) -> ColumnElement:
    """Not reserved for another agent (a returned or reassigned item)."""
    w = WorkItem
    return or_(w.assigned_agent_id.is_(None), w.assigned_agent_id == agent_id)


def _programs(programs: set[str] | None) -> list[str]:
    # One query per program: each reads its index in order, and the pages are merged.
    return sorted(programs) if programs is not None else sorted(p.value for p in Program)


def _visible(agent_id: int, programs: set[str] | None) -> list[ColumnElement]:
    """The union of the segments: what the agent's list shows."""
    w = WorkItem
    return [
        state_is_not(w.state, *FINAL),
        _not_others(agent_id),
        or_(w.state != RETURNED, w.assigned_agent_id == agent_id),
        # Held by someone else: not listed (expired holds are released before listing).
        or_(w.claimed_by_id.is_(None), w.claimed_by_id == agent_id),
        w.program.in_(_programs(programs)),
    ]


def _matching_customers(term: str):
    """Ids of customers whose name, account or phone contains the term: each branch on
    its own trigram index, so a phone-digit search never walks the queue."""
    like = f"%{_like_escape(term.lower())}%"
    parts = [select(Customer.id).where(func.lower(Customer.name).like(like, escape="\\"))]
    digits = search_digits(term)
    if digits:
        parts.append(select(Customer.id).where(Customer.account_number.like(f"%{digits}%")))
        parts.append(select(Phone.customer_id).where(Phone.e164.like(f"%{_phone_digits(digits)}%")))
    return union(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def _search_order(agent_id: int, now: datetime) -> list[ColumnElement]:
    """The segments' order as one expression, for the few rows a search finds."""
    w = WorkItem
    eff = case((w.state == CLAIMED, func.coalesce(w.claimed_from_state, NEW)), else_=w.state)
    held_by_me = and_(w.state.in_(HELD), w.claimed_by_id == agent_id)
    not_due = and_(w.state.in_(DUE_STATES), w.next_attempt_at > now)
    group = case((held_by_me, 0), (not_due, 2), else_=1)
    later = case((not_due, w.next_attempt_at), else_=None)
    bucket = case((eff == RETURNED, 0), (eff.in_(SCHEDULED), 1), else_=2)
    due = case((bucket == 1, w.next_attempt_at), else_=None)
    return [group, later.asc().nulls_first(), bucket, due.asc().nulls_first(), w.priority, w.id]


def _segment_part(index: int, segment: _Segment, agent_id, program: str, after, n: int):
    """The keys of one segment of one program, in its index's order, at most n rows:
    (segment, due, priority, id)."""
    w = WorkItem
    order = segment.order()
    where = [segment.where(), _not_others(agent_id), w.program == program]
    if after is not None:
        where.append(tuple_(*order) > tuple_(*after))
    timestamp = WorkItem.next_attempt_at.type
    due = order[0] if len(order) == 3 else null().cast(timestamp)
    priority = order[-2] if len(order) >= 2 else literal(0)
    return (select(literal(index).label("seg"), due.label("k_due"), priority.label("k_pri"), w.id.label("k_id"))
            .where(*where).order_by(*order).limit(n).subquery())


class QueuePages:
    """Reads pages and sizes of one agent's queue from a Database."""

    def __init__(self, database) -> None:
        self.db = database
        self._statements: dict[tuple, object] = {}

    def page(self, agent_id: int, now: datetime, search: str = "", offset: int = 0, limit: int = 100,
             programs: set[str] | None = None, after: QueueCursor | None = None) -> list[QueueRow]:
        term = search.strip()
        if term:
            start = after.values[0] if after is not None and after.segment == -1 else offset
            return self._search_page(agent_id, now, term, start, limit, programs)
        skip = offset if after is None else 0
        stmt, params = self._page_statement(agent_id, now, programs, after, skip + limit)
        with self.db.session() as s:
            rows = s.execute(stmt, params).all()[skip:skip + limit]
        out = []
        for r in rows:
            width = len(_segments(0, now)[r.seg].order())
            values = (r.k_due, r.k_pri, r.k_id)[3 - width:]
            out.append(QueueRow(*tuple(r)[:_ROW_WIDTH], cursor=QueueCursor(r.seg, values)))
        return out

    def _page_statement(self, agent_id, now, programs, after: QueueCursor | None, n: int):
        """One UNION ALL for the whole page: every segment from the cursor's on, per program,
        each reading at most n rows on its own index; one round trip.  Built once per shape."""
        start = after.segment if after is not None else 0
        key = (tuple(_programs(programs)), start, after is not None, n)
        stmt = self._statements.get(key)
        timestamp = WorkItem.next_attempt_at.type
        segments = _segments(bindparam("agent_id", type_=Integer), bindparam("now", type_=timestamp))
        if stmt is None:
            parts = []
            for index, segment in enumerate(segments):
                if index < start:
                    continue
                cursor = None
                if after is not None and index == start:
                    cursor = [bindparam(f"c{i}", type_=c.type) for i, c in enumerate(segment.order())]
                for program in key[0]:
                    parts.append(select(_segment_part(index, segment, bindparam("agent_id", type_=Integer),
                                                      program, cursor, n)))
            # Keys first (on the indexes), the page's n best, and only then their details.
            keys = union_all(*parts).subquery()
            order = [keys.c.seg, keys.c.k_due.asc().nulls_first(), keys.c.k_pri, keys.c.k_id]
            top = select(keys).order_by(*order).limit(n).subquery()
            stmt = self._statements[key] = (
                select(*_row_columns(), top.c.seg, top.c.k_due, top.c.k_pri, top.c.k_id)
                .select_from(top).join(WorkItem, WorkItem.id == top.c.k_id)
                .join(Customer, Customer.id == WorkItem.customer_id)
                .order_by(top.c.seg, top.c.k_due.asc().nulls_first(), top.c.k_pri, top.c.k_id))
        params = {"agent_id": agent_id, "now": now}
        if after is not None:
            params.update({f"c{i}": v for i, v in enumerate(after.values)})
        return stmt, params

    def hot_statements(self, agent_id: int, now: datetime, program: str) -> dict:
        """A first page, pages after a cursor in the big segments, and a phone search, with
        their parameters (plan checks)."""
        first = self._page_statement(agent_id, now, {program}, None, 100)
        new_next = self._page_statement(agent_id, now, {program}, QueueCursor(4, (100, 1000)), 100)
        due_next = self._page_statement(agent_id, now, {program}, QueueCursor(3, (now, 100, 1000)), 100)
        return {"page.first": first, "page.new.next": new_next, "page.due.next": due_next,
                "search.phone": (self._search_statement(agent_id, now, "0812987", 0, 100, {program}), {})}

    # -- a search: find the customers, sort only them ------------------------------------
    def _search_page(self, agent_id, now, term, offset, limit, programs) -> list[QueueRow]:
        stmt = self._search_statement(agent_id, now, term, offset, limit, programs)
        with self.db.session() as s:
            return [QueueRow(*row, cursor=QueueCursor(-1, (offset + n + 1,)))
                    for n, row in enumerate(s.execute(stmt))]

    @staticmethod
    def _search_statement(agent_id, now, term, offset, limit, programs):
        w = WorkItem
        return (select(*_row_columns())
                .join(Customer, Customer.id == w.customer_id)
                .where(*_visible(agent_id, programs), w.customer_id.in_(select(_matching_customers(term))))
                .order_by(*_search_order(agent_id, now))
                .offset(offset).limit(limit))

    # -- the size ---------------------------------------------------------------------
    def size(self, agent_id: int, search: str = "", programs: set[str] | None = None) -> QueueSize:
        w = WorkItem
        where = _visible(agent_id, programs)
        term = search.strip()
        if term:
            where.append(w.customer_id.in_(select(_matching_customers(term))))
        postgres = self.db.dialect == "postgresql"
        with self.db.session() as s:
            if postgres and not term:
                # The whole queue: the planner's estimate is enough, and no row is read.
                estimate = self._estimate(s, where)
                if estimate > 4 * EXACT_COUNT_LIMIT:
                    return QueueSize(estimate, True)
            capped = select(literal(1)).select_from(w).where(*where).limit(EXACT_COUNT_LIMIT + 1).subquery()
            n = int(s.scalar(select(func.count()).select_from(capped)) or 0)
            if n <= EXACT_COUNT_LIMIT:
                return QueueSize(n, False)
            if not postgres:
                # One desktop's SQLite: counting is affordable and there is no estimate.
                return QueueSize(int(s.scalar(select(func.count()).select_from(w).where(*where)) or 0), False)
            return QueueSize(max(self._estimate(s, where), EXACT_COUNT_LIMIT + 1), True)

    @staticmethod
    def _estimate(s, where) -> int:
        sql = select(literal(1)).select_from(WorkItem).where(*where).compile(
            dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
        plan = s.execute(text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar()
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])
