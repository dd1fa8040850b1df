"""The work-item states (and program and zone codes) the queue's SQL filters on, written as SQL constants.

The queue's hot statements filter on state, and the partial indexes of the queue
(migration 0004) are defined by state.  PostgreSQL uses a partial index
only when it can prove the index's WHERE from the query's, and a prepared
statement's generic plan (psycopg prepares a statement at its second run, app.store.db) sees bound
parameters, not values: `state = $1` proves nothing and the plan falls back to a
sequential scan of every row.  So the states are rendered into the SQL text as
literals here, never bound.  The claim's program and zone codes are inlined too: bound, they
were 120 parameters that psycopg converted again at every claim (it caches no statement with
more than 50).  Only fixed codes of our own pass here (never user input: they are inlined
without quoting rules beyond the check below).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Integer, String, literal_column

from app.domain.workitem import WorkItemState

S = WorkItemState
NEW, CLAIMED, RETURNED = S.NEW.value, S.CLAIMED.value, S.RETURNED.value
SCHEDULED = (S.RETRY_LATER.value, S.PENDING_UNTIL.value)
DUE_STATES = (NEW, *SCHEDULED)
# States in which an agent holds the item (the claim columns are set).
HELD = (CLAIMED, S.IN_CALL.value, S.WRAP_UP.value)
FINAL = (S.DONE.value, S.CLOSED_UNREACHABLE.value)
CLAIM_COLUMNS = ("claimed_by_id", "claimed_at", "claim_expires_at", "claimed_from_state")
DATED, UNDATED = "next_attempt_at IS NOT NULL", "next_attempt_at IS NULL"

_SAFE = re.compile(r"[A-Za-z0-9_]+")


def sql_text(value: str) -> ColumnElement:
    """A state, program or zone code as an SQL string literal (see the module docstring for why)."""
    if not _SAFE.fullmatch(value):
        raise ValueError(f"not a code constant: {value!r}")
    return literal_column(f"'{value}'", String)


def sql_number(value: int) -> ColumnElement:
    return literal_column(str(int(value)), Integer)


def state_is(column, *states: str) -> ColumnElement:
    """`state = 'x'` or `state IN ('x', 'y')`, with the states inlined."""
    if len(states) == 1:
        return column == sql_text(states[0])
    return column.in_([sql_text(s) for s in states])


def state_is_not(column, *states: str) -> ColumnElement:
    return column.notin_([sql_text(s) for s in states])


def index_where(*states: str, extra: str = "") -> str:
    """The WHERE of a partial index over these states (the same text on both back-ends)."""
    for s in states:
        sql_text(s)
    if len(states) == 1:
        where = f"state = '{states[0]}'"
    else:
        where = "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"
    return f"{where} AND {extra}" if extra else where
