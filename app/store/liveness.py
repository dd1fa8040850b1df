"""Pinging a pooled PostgreSQL connection only when it may have died.

SQLAlchemy's pre-ping sends `SELECT 1` at every checkout: one round trip more in every
transaction, and on a busy floor each round trip waits for a CPU on both sides (the
save and the dial are 6-8 round trips each).  A server that ends a session (restart,
`pg_terminate_backend`, `idle_session_timeout`) first sends the client a message, so an
idle connection with something to read is suspect and is pinged; so is one that sat idle
longer than `TRUST_SECONDS`, which a firewall may have dropped without a word.  A
connection used a moment ago with nothing to say is used as it is.
"""

from __future__ import annotations

import select
import time

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

TRUST_SECONDS = 5.0


def ping_when_in_doubt(engine: Engine) -> None:
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _fresh(_dbapi_conn, record) -> None:
        record.info.pop("idle_since", None)

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_conn, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_conn, record, _proxy) -> None:
        if not in_doubt(dbapi_conn, record.info.get("idle_since")):
            return
        try:
            dialect.do_ping(dbapi_conn)
        except dialect.loaded_dbapi.Error as err:
            if dialect.is_disconnect(err, dbapi_conn, None):
                # The pool drops this connection and checks out (or opens) another.
                raise exc.DisconnectionError(str(err)) from err
            raise


def in_doubt(dbapi_conn, idle_since: float | None) -> bool:
    if idle_since is None:
        return False                    # opened for this checkout
    if time.monotonic() - idle_since > TRUST_SECONDS:
        return True
    return has_unread(dbapi_conn)


def has_unread(dbapi_conn) -> bool:
    """Whether the server sent something to a connection nobody is using (or its socket is gone)."""
    try:
        fd = dbapi_conn.fileno()
        if hasattr(select, "poll"):     # no FD_SETSIZE limit; Windows has select only
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([fd], [], [], 0)[0])
    except Exception:                   # closed: no socket to look at
        return True
