"""PostgreSQL: a short transaction whose statements wait for the server only where the desktop
needs an answer to go on.

psycopg's pipeline mode sends statements without waiting for each one's result.  A claim is
BEGIN, two settings, the probe ("where is the next item?"), the UPDATE taking it, and COMMIT:
six statements, of which only the probe's rows and the UPDATE's row are needed, so two round
trips instead of four; the dial's read and write likewise.  On a busy floor each round trip
waits for a CPU on both sides.

The transaction is opened by hand on a connection in autocommit (psycopg's own BEGIN would be
a round trip of its own), so an error, or the desktop failing between two round trips, ends
with an explicit ROLLBACK before the connection goes back to the pool, in its usual mode.
Errors reach the caller as SQLAlchemy's (`DBAPIError.instance`), as every other statement's do.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Any, Iterator, Mapping, Sequence

from psycopg.pq import TransactionStatus
from psycopg.rows import namedtuple_row
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.store.driver_sql import DriverSQL


class Pipelined:
    """One transaction on a connection in pipeline mode: `begin`, then statements that either
    wait for their rows (`rows`) or not (`queue`), and a last one sent with the COMMIT."""

    def __init__(self, driver_connection, settings: Sequence[str], dialect) -> None:
        self._pg = driver_connection
        self.dialect = dialect              # SQLAlchemy's, to compile statements for this connection
        self._settings = settings
        self._queued = ExitStack()           # pipeline mode, while statements are queued

    def begin(self) -> None:
        """Queue BEGIN and the transaction's settings (`SET LOCAL …`); nothing waits yet."""
        self._queued.enter_context(self._pg.pipeline())
        cursor = self._pg.cursor()
        for statement in ("BEGIN", *self._settings):
            cursor.execute(statement)

    def rows(self, statement: DriverSQL, values: Mapping[str, Any]) -> list:
        """Run `statement` after what is queued, and wait for its rows (one round trip)."""
        cursor = self._pg.cursor(row_factory=namedtuple_row)
        cursor.execute(*statement.driver_args(values), prepare=True)
        return cursor.fetchall()

    def queue(self, statement: DriverSQL, values: Mapping[str, Any]) -> None:
        """Run `statement` after what is queued, without waiting for it."""
        self._pg.cursor().execute(*statement.driver_args(values), prepare=True)

    def commit_after(self, statement: DriverSQL, values: Mapping[str, Any]):
        """Run `statement` and COMMIT in one round trip; its first row (a named tuple) or None."""
        cursor = self._pg.cursor(row_factory=namedtuple_row)
        cursor.execute(*statement.driver_args(values), prepare=True)
        self._pg.cursor().execute("COMMIT")
        self._queued.close()                       # leaving pipeline mode sends a Sync and waits
        return cursor.fetchone()

    def _end(self, how: str) -> bool:
        """Leave no pipeline and no transaction open: COMMIT one that only read (a ROLLBACK has
        psycopg forget every prepared statement of the connection, the probe's plan with them),
        ROLLBACK after an error or the desktop giving up midway.  False when the connection is no
        longer fit for the pool."""
        try:
            self._queued.close()
        except Exception:               # noqa: BLE001 - the caller's error, if any, is the one to raise
            pass
        try:
            if not self._pg.closed and self._pg.info.transaction_status != TransactionStatus.IDLE:
                self._pg.execute(how)
        except Exception:               # noqa: BLE001 - as above
            return False
        return not self._pg.closed


@contextmanager
def pipelined(engine: Engine, settings: Sequence[str] = ()) -> Iterator[Pipelined]:
    """A pooled connection for one pipelined transaction (see the module's docstring)."""
    fairy = engine.raw_connection()     # the pool's checkout: its liveness check runs
    pg = fairy.driver_connection
    dbapi_error = engine.dialect.loaded_dbapi.Error
    pg.autocommit = True
    transaction = Pipelined(pg, settings, engine.dialect)
    fit = False
    try:
        yield transaction
    except dbapi_error as exc:
        fit = transaction._end("ROLLBACK") and not engine.dialect.is_disconnect(exc, fairy, None)
        raise DBAPIError.instance(None, None, exc, dbapi_error, hide_parameters=True, dialect=engine.dialect,
                                  connection_invalidated=not fit) from exc
    except BaseException:
        fit = transaction._end("ROLLBACK")
        raise
    else:
        fit = transaction._end("COMMIT")
    finally:
        if fit:
            pg.autocommit = False
        else:
            fairy.invalidate()
        fairy.close()
