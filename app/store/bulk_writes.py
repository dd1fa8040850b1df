"""Writing tens of thousands of rows in one transaction, on SQLite and PostgreSQL alike.

For the dapros import (app.services.dapros_import), whose files hold 100,000 rows:
`insert_columns(conn, table, keys, columns)` (`insert_many`: rows) inserts plain values with
Core statements on the driver (no ORM object, no SQLAlchemy per-row parameter handling), and `bulk_transaction(conn)`
sets the transaction up for it.  Values still go through the columns' own bind processors,
so they are stored exactly as the ORM stores them.  This module knows tables and dialects,
not dapros; it must not commit (the caller's transaction decides) nor log values.
"""

from __future__ import annotations

from contextlib import contextmanager
from itertools import chain
from typing import Any, Iterator, Mapping, Sequence

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

# Bound values per statement on every SQLite version (3.32 raised the limit to 32766).
SQLITE_MAX_VALUES = 999
# The page cache while a bulk transaction writes on SQLite (a connection's own is 2 MiB).
SQLITE_BULK_CACHE_KIB = 65536


@contextmanager
def bulk_transaction(conn: Connection) -> Iterator[Connection]:
    """The caller's transaction, set up for many inserts and key look-ups, set back after.

    SQLite: a page cache of 64 MiB.  The phones' number index takes its new keys in random
    order; with 2 MiB most of those inserts reread a page the cache had just dropped (at
    100,000 rows the phones' inserts took about 1.7 times as long).

    PostgreSQL: look-ups go through b-tree indexes, key by key, for the rest of the
    transaction (SET LOCAL).  Both seen at 30,000 rows, an import 60 times slower than it
    should be: customers.account_number also has a GIN trigram index (the queue's search),
    which answers `=` too, and the planner chose it for `account_number IN (...)`; every probe
    of a GIN index walks its pending list of recent inserts, which the import's own inserts
    fill (1-4 s per look-up of 200 accounts).  And the tables grow inside the transaction
    while their statistics do not: the planner took work_items for one row and scanned all of
    it against a list of 900 keys (0.6-2 s per look-up).  A GIN index is read only by bitmap
    scans; without them, and with sequential scans only where no index serves, each look-up
    is a few milliseconds.
    """
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        yield conn
    elif dialect == "sqlite":
        before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar())
        conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_BULK_CACHE_KIB}")
        try:
            yield conn
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {before}")
    else:
        yield conn


def insert_many(conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[tuple],
                returning: Sequence[str] = (), same: Mapping[str, Any] | None = None) -> list[Any]:
    """`insert_columns` of rows: tuples in the order of `keys`."""
    return insert_columns(conn, table, keys, list(zip(*rows)), returning, same)


def insert_columns(conn: Connection, table: Table, keys: Sequence[str], columns: Sequence[Sequence[Any]],
                   returning: Sequence[str] = (), same: Mapping[str, Any] | None = None) -> list[Any]:
    """Insert rows given a column at a time (in the order of `keys`) into `table`; hand back the
    `returning` columns of the new rows, in no particular order (an empty list without `returning`).
    `same`: columns with one value for every row, sent once per statement, not once per row.

    Why not `conn.execute(table.insert(), dicts)`: SQLAlchemy's per-row parameter handling
    was over a third of the import's time.  Why `same`: a dapros file's work items differ in
    four of their fourteen columns; binding the other ten per row cost 0.3-0.5 s of the 2.5-3 s
    that writing 100,000 rows took on SQLite.  Why columns: the import holds its rows a field at
    a time (app.services.dapros_rows.ValidRows).
    """
    if not columns or not len(columns[0]):
        return []
    same = dict(same or {})
    columns = [_bound(column, _processor(conn, table, key)) for column, key in zip(columns, keys)]
    constants = tuple(value if value is None or (proc := _processor(conn, table, key)) is None else proc(value)
                      for key, value in same.items())
    quote = conn.dialect.identifier_preparer.quote
    if conn.dialect.name == "sqlite":
        given = _given_ids(conn, table, keys, columns, returning)
        if given:
            keys, columns = (given[0], *keys), [given[1], *columns]
            returning, back = (), [columns[list(keys).index(name)] for name in returning]
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in (*keys, *same))})"
    tail = f" RETURNING {', '.join(quote(c) for c in returning)}" if returning else ""
    if conn.dialect.name == "postgresql":
        return _insert_arrays(conn, table, keys, columns, (tuple(same), constants), head, tail)
    if conn.dialect.name == "sqlite":
        found = _insert_values(conn, len(keys), columns, constants, head, tail)
        return list(zip(*back)) if given else found
    raise NotImplementedError(conn.dialect.name)     # SQLite and PostgreSQL only


def _given_ids(conn: Connection, table: Table, keys: Sequence[str], columns: list[list],
               returning: Sequence[str]) -> tuple[str, range] | None:
    """SQLite: when the new rows' integer key is to be handed back, the key column and the keys
    to give them (the next after the largest), so the rows' keys are known without RETURNING.

    Why: SQLite hands RETURNING rows back one step of the statement each, and the import's
    writing process held and released the interpreter lock at every one of them (100,000 per
    file).  SQLite would pick the same keys (the largest + 1, one by one; no AUTOINCREMENT here),
    and within the caller's transaction no one else can insert: a write after a stale read fails
    (SQLITE_BUSY_SNAPSHOT) and a taken key is refused by the primary key.
    """
    key, = table.primary_key.columns if len(table.primary_key.columns) == 1 else (None,)
    if key is None or key.name in keys or key.name not in returning or not all(
            name == key.name or (name in keys and _processor(conn, table, name) is None) for name in returning):
        return None     # handed back as stored: only the key and columns stored as given
    first = conn.exec_driver_sql(f"SELECT coalesce(max({key.name}), 0) + 1 FROM {table.name}").scalar()
    return key.name, range(first, first + len(columns[0]))


def _processor(conn: Connection, table: Table, key: str):
    return table.c[key].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)


def _bound(column: Sequence[Any], proc) -> list[Any]:
    """The column's values as its bind processor gives them to the driver, in a list (psycopg
    sends a list as an array): each distinct value converted once (an import's amounts and
    timestamps repeat), None left as it is."""
    if proc is None:
        return list(column)
    converted = {value: proc(value) for value in set(column) if value is not None}
    return list(map(converted.get, column))


def _insert_values(conn: Connection, width: int, columns: list[list], constants: tuple, head: str,
                   tail: str) -> list[Any]:
    """SQLite: INSERT ... VALUES (...), (...), ... of as many rows as 999 bound values allow;
    with `constants`, INSERT ... SELECT *, ?, ? FROM (VALUES ...), the constants bound once.

    Why: a statement per row cost about as much again as the rows themselves (100,000 work
    items: 1.5-2.2 s of CPU one by one, 0.7-1.1 s seventy at a time).
    """
    per_statement = max(1, (SQLITE_MAX_VALUES - len(constants)) // width)
    one_row = "(" + ", ".join("?" * width) + ")"
    flat = list(chain.from_iterable(zip(*columns)))
    step = per_statement * width
    chunks = [constants + tuple(flat[i:i + step]) for i in range(0, len(flat), step)]
    last = chunks.pop()

    def statement(rows: int) -> str:
        values = f"VALUES {', '.join([one_row] * rows)}"
        if constants:
            values = f"SELECT *, {', '.join('?' * len(constants))} FROM ({values})"
        return f"{head} {values}{tail}"
    whole = statement(per_statement)
    # The driver's own cursor, in the caller's transaction: SQLAlchemy's result for each of the
    # seven hundred statements of 100,000 customers was a tenth of their insert.
    cursor = conn.connection.dbapi_connection.cursor()
    found: list[Any] = []
    try:
        if chunks and not tail:
            cursor.executemany(whole, chunks)              # no rows to read back
        else:
            for chunk in chunks:
                found += cursor.execute(whole, chunk).fetchall()
        cursor.execute(statement((len(last) - len(constants)) // width), last)
        return found + cursor.fetchall() if tail else found
    except conn.dialect.loaded_dbapi.Error as exc:
        # As SQLAlchemy would raise it (IntegrityError…), without the rows' values in its text.
        raise DBAPIError.instance(head, None, exc, conn.dialect.loaded_dbapi.Error, hide_parameters=True,
                                  dialect=conn.dialect) from exc
    finally:
        cursor.close()


def _insert_arrays(conn: Connection, table: Table, keys: Sequence[str], columns: list[list],
                   same: tuple[tuple[str, ...], tuple], head: str, tail: str) -> list[Any]:
    """PostgreSQL: one INSERT ... SELECT FROM unnest(one array per column), the arrays sent in
    psycopg's binary format (%b).

    Why: 50,000 customers with 70,000 phones and 50,000 work items took 17.5 s by psycopg's
    pipelined executemany, 7.4 s as text arrays and 5.7 s as binary ones (COPY: 4.6 s, but
    COPY FROM is refused under row-level security, which a team leader's import runs under).
    """
    def kind(key: str) -> str:
        return table.c[key].type.compile(dialect=conn.dialect)
    same_keys, constants = same
    arrays = ", ".join(f"%b::{kind(k)}[]" for k in keys)
    scalars = "".join(f", %b::{kind(k)}" for k in same_keys)
    result = conn.exec_driver_sql(f"{head} SELECT *{scalars} FROM unnest({arrays}){tail}",
                                  (*constants, *columns))
    return result.all() if tail else []
