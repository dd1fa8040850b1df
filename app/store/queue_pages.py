"""The agent's view of the queue, a page at a time: rows, search and the size of the queue.

At a million prospects nothing here may sort or count the whole queue.  The list
is the concatenation of a few *segments* (mine in hand, returned to me, due
retries, new, not yet due), each read in the order of its own partial index
(migration 0005_scale), one program at a time and merged, and continued from the
last row seen (keyset pagination: `QueueRow.cursor`) instead of an OFFSET.  A
search first finds the matching customers through the trigram indexes
(PostgreSQL) and then sorts only those.  The queue's size is counted exactly up to
`EXACT_COUNT_LIMIT` rows and estimated by the planner beyond it.  This module only
reads: it must not claim, release or change any row (app.store.queue does).
"""

from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Callable

from sqlalchemy import (ColumnElement, and_, bindparam, case, func, literal, or_, select, text, tuple_,
                        union)
from sqlalchemy.dialects import postgresql

from app.domain.programs import Program
from app.store.models import Customer, Phone, WorkItem
from app.store.queue_states import (CLAIMED, DUE_STATES, FINAL, HELD, NEW, RETURNED, SCHEDULED, state_is,
                                    state_is_not)

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


def _segment_statement(segment: _Segment, agent_id: int, program: str, after_values: tuple | None, n: int):
    w = WorkItem
    order = segment.order()
    stmt = (select(*_row_columns(), *order)
            .join(Customer, Customer.id == w.customer_id)
            .where(segment.where(), _not_others(agent_id), w.program == program))
    if after_values is not None:
        bound = [bindparam(None, v, type_=c.type) for c, v in zip(order, after_values)]
        stmt = stmt.where(tuple_(*order) > tuple_(*bound))
    return stmt.order_by(*order).limit(n)


class QueuePages:
    """Reads pages and sizes of one agent's queue from a Database."""

    def __init__(self, database) -> None:
        self.db = database

    def page(self, agent_id: int, now: datetime, search: str = "", offset: int = 0, limit: int = 100,
             programs: set[str] | None = None, after: QueueCursor | None = None) -> list[QueueRow]:
        term = search.strip()
        if term:
            start = after.values[0] if after is not None and after.segment == -1 else offset
            return self._search_page(agent_id, now, term, start, limit, programs)
        return self._segment_page(agent_id, now, offset if after is None else 0, limit, programs, after)

    # -- the list without a search: segments, keyset ------------------------------------
    def _segment_page(self, agent_id, now, skip, limit, programs, after) -> list[QueueRow]:
        rows: list[QueueRow] = []
        first = after.segment if after is not None else 0
        with self.db.session() as s:
            for index, segment in enumerate(_segments(agent_id, now)):
                if index < first:
                    continue
                after_values = after.values if after is not None and index == after.segment else None
                take = limit - len(rows)
                found = self._read_segment(s, index, segment, agent_id, programs, after_values, skip + take)
                if skip:
                    used = min(skip, len(found))
                    found, skip = found[used:], skip - used
                rows.extend(found[:take])
                if len(rows) >= limit:
                    break
        return rows

    def _read_segment(self, s, index, segment, agent_id, programs, after_values, n) -> list[QueueRow]:
        w = WorkItem
        per_program = []
        for program in _programs(programs):
            stmt = _segment_statement(segment, agent_id, program, after_values, n)
            per_program.append([(tuple(r[_ROW_WIDTH:]), tuple(r[:_ROW_WIDTH])) for r in s.execute(stmt)])
        merged = heapq.merge(*per_program, key=lambda pair: pair[0])
        out = []
        for key, values in merged:
            out.append(QueueRow(*values, cursor=QueueCursor(index, key)))
            if len(out) >= n:
                break
        return out

    def hot_statements(self, agent_id: int, now: datetime, program: str) -> dict:
        """A first page and a following page of the big segments, and a phone search (plan checks)."""
        segs = _segments(agent_id, now)
        return {"page.mine": _segment_statement(segs[0], agent_id, program, None, 100),
                "page.new.first": _segment_statement(segs[4], agent_id, program, None, 100),
                "page.new.next": _segment_statement(segs[4], agent_id, program, (100, 1000), 100),
                "page.due.next": _segment_statement(segs[3], agent_id, program, (now, 100, 1000), 100),
                "search.phone": self._search_statement(agent_id, now, "0812987", 0, 100, {program})}

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
        capped = select(literal(1)).select_from(w).where(*where).limit(EXACT_COUNT_LIMIT + 1).subquery()
        with self.db.session() as s:
            n = int(s.scalar(select(func.count()).select_from(capped)) or 0)
            if n <= EXACT_COUNT_LIMIT:
                return QueueSize(n, False)
            if self.db.dialect != "postgresql":
                # One desktop's SQLite: counting is affordable and there is no estimate.
                return QueueSize(int(s.scalar(select(func.count()).select_from(w).where(*where)) or 0), False)
            sql = select(literal(1)).select_from(w).where(*where).compile(
                dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
            plan = s.execute(text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return QueueSize(max(int(plan[0]["Plan"]["Plan Rows"]), EXACT_COUNT_LIMIT + 1), True)
