"""The Alembic migration is the schema: `sambung db upgrade` on both back-ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.store.migrate import current, head
from app.store.models import Base

ROOT = Path(__file__).resolve().parents[3]


def sambung(*args: str) -> subprocess.CompletedProcess:
    """The real command, in its own process (what an admin runs)."""
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def sambung_here(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same command line in this process: the parsing and exit codes, without a
    second of interpreter start-up per call."""
    from app.cli import main
    code = main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'baru.db'}"
    return request.getfixturevalue("pg_url")


def test_db_upgrade_creates_the_schema_and_prints_the_revision(empty_url):
    done = sambung("db", "upgrade", "--db", empty_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == head()
    assert current(empty_url) == head()
    again = sambung("--db", empty_url, "db", "upgrade")          # global --db, and idempotent
    assert again.returncode == 0, again.stderr
    assert "sudah pada revisi" in again.stdout


def test_db_current_check_fails_until_the_database_is_upgraded(empty_url, capsys):
    assert sambung_here(capsys, "db", "current", "--check", "--db", empty_url).returncode == 1
    assert sambung_here(capsys, "db", "upgrade", "--db", empty_url).returncode == 0
    done = sambung_here(capsys, "--db", empty_url, "db", "current", "--check")
    assert done.returncode == 0 and done.stdout.strip().splitlines()[-1] == head()


@pytest.mark.parametrize("url, message", [
    ("mysql://root@127.0.0.1/sambung", "tidak didukung"),
    ("bukan url", "tidak sah"),
])
def test_db_upgrade_with_a_bad_url_says_why_in_indonesian_and_exits_2(url, message, capsys):
    done = sambung("db", "upgrade", "--db", url) if url.startswith("mysql") else \
        sambung_here(capsys, "db", "upgrade", "--db", url)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_db_upgrade_of_an_unreachable_server_exits_2(capsys):
    from tests.fixtures.postgres import free_port
    done = sambung_here(capsys, "db", "upgrade", "--db", f"postgresql://sambung@127.0.0.1:{free_port()}/sambung")
    assert done.returncode == 2
    assert "Tidak dapat terhubung" in done.stderr and "Traceback" not in done.stderr


def test_migrated_schema_matches_the_models(database):
    # The `database` fixture is built by the migration: any model change without a
    # new revision shows up here as a difference.
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
    assert "alembic_version" in inspect(database.engine).get_table_names()


def test_upgrade_adopts_a_schema_made_by_create_all_without_recreating_it(tmp_path):
    from app.store.db import Database
    from app.store.migrate import upgrade
    from app.store.models import Team
    db = Database(f"sqlite:///{tmp_path / 'lama.db'}")
    db.create_all()
    with db.session() as s:
        s.add(Team(name="Tim Lama"))
    assert upgrade(db) == head()
    with db.session() as s:
        assert s.query(Team).one().name == "Tim Lama"
    db.dispose()
