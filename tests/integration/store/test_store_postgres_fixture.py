"""The PostgreSQL fixture fails loudly instead of skipping when the server is missing."""

from __future__ import annotations

import socket

import pytest

from tests.fixtures import postgres


def test_missing_postgresql_binaries_fail_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PG_BIN", str(tmp_path))            # no initdb there
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(pytest.fail.Exception, match="initdb, pg_ctl"):
        postgres.find_pg_bin()


def test_free_port_can_be_bound_on_localhost():
    port = postgres.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        assert s.getsockname()[1] == port


def test_each_test_gets_its_own_empty_database(pg_url, postgres_server):
    import psycopg
    from sqlalchemy.engine import make_url
    name = make_url(pg_url).database
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", dbname=name) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables "
                              "WHERE table_schema = 'public'").fetchone()[0]
    assert tables == 0
