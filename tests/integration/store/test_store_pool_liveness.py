"""A team's pooled connections: pinged only when they may have died, replaced when they have."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.store import liveness
from app.store.db import Database

pytestmark = pytest.mark.postgres


@pytest.fixture
def team_db(pg_url):
    db = Database(pg_url)
    yield db
    db.dispose()


@pytest.fixture
def pings(monkeypatch, team_db):
    count = []
    real = team_db.engine.dialect.do_ping
    monkeypatch.setattr(team_db.engine.dialect, "do_ping", lambda conn: (count.append(1), real(conn))[1])
    return count


def _backend_pid(db: Database) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(postgres_server, pid: int) -> None:
    import psycopg
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", dbname="postgres",
                         autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0] is True
        # A backend sends its goodbye before it exits: once it is gone, an idle socket has it.
        while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0]:
            pass


def test_a_connection_used_a_moment_ago_is_not_pinged(team_db, pings):
    first = _backend_pid(team_db)
    assert _backend_pid(team_db) == first           # the same pooled connection, used as it was
    assert pings == []


def test_a_connection_idle_past_the_trust_window_is_pinged(team_db, pings, monkeypatch):
    _backend_pid(team_db)
    monkeypatch.setattr(liveness, "TRUST_SECONDS", 0.0)
    _backend_pid(team_db)
    assert pings == [1]


def test_a_connection_the_server_ended_is_replaced_without_an_error(team_db, pings, postgres_server):
    killed = _backend_pid(team_db)
    _terminate(postgres_server, killed)
    with team_db.session() as s:
        assert s.execute(text("SELECT 1")).scalar_one() == 1
    assert pings == [1]                              # the terminated one was pinged, found dead, replaced
    assert _backend_pid(team_db) != killed


_PID = text("SELECT pg_backend_pid() AS pid")


def test_a_pipelined_transaction_checks_its_connection_out_as_a_session_does(team_db, pings, postgres_server):
    """The claim and the dial run on the driver's own connection (app.store.pipelined): its checkout
    is the pool's, so a connection the server ended is found and replaced there too."""
    from app.store.driver_sql import DriverSQL
    from app.store.pipelined import pipelined
    killed = _backend_pid(team_db)
    _terminate(postgres_server, killed)
    pid = DriverSQL(_PID, team_db.engine.dialect)
    with pipelined(team_db.engine) as transaction:
        transaction.begin()
        row = transaction.commit_after(pid, {})
    assert pings == [1] and row.pid != killed
    assert _backend_pid(team_db) == row.pid          # back in the pool, in its usual mode


def test_a_connection_lost_between_two_round_trips_is_an_error_and_is_not_lent_again(team_db, postgres_server):
    from sqlalchemy.exc import DBAPIError

    from app.store.driver_sql import DriverSQL
    from app.store.pipelined import pipelined
    pid = DriverSQL(_PID, team_db.engine.dialect)
    with pytest.raises(DBAPIError) as raised, pipelined(team_db.engine) as transaction:
        transaction.begin()
        (first,) = transaction.rows(pid, {})
        _terminate(postgres_server, first.pid)
        transaction.commit_after(pid, {})
    assert raised.value.connection_invalidated
    assert _backend_pid(team_db) != first.pid        # the pool opened another
