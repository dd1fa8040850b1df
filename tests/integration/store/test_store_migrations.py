"""The Alembic migration is the schema: `sambung db upgrade` on both back-ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from app.store.migrate import current, head, schema_diff

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
        diff = schema_diff(conn)
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


def _btree_keys(database) -> dict[str, list[tuple[str, tuple]]]:
    """Each table's b-tree indexes (unique ones included) as (name, columns), partial ones left out."""
    insp = inspect(database.engine)
    keys: dict[str, list[tuple[str, tuple]]] = {}
    for table in insp.get_table_names():
        found = keys.setdefault(table, [])
        for ix in insp.get_indexes(table):
            options = ix.get("dialect_options", {})
            if options.get("postgresql_using", "btree") != "btree" or any(k.endswith("_where") for k in options) \
                    or None in ix["column_names"]:
                continue
            found.append((ix["name"], tuple(ix["column_names"])))
        for uc in insp.get_unique_constraints(table):
            found.append((uc["name"], tuple(uc["column_names"])))
        pk = insp.get_pk_constraint(table)["constrained_columns"]
        if pk:
            found.append(("primary key", tuple(pk)))
    return keys


def test_no_index_repeats_the_leading_columns_of_another(database):
    # Every row an import or a save writes pays for each index: one whose columns start another's
    # answers no query the longer one does not (migration 0009 dropped phones.customer_id,
    # results.created_at and, on SQLite, a twin of the unique account number index).
    twins = []
    for table, indexes in _btree_keys(database).items():
        for name, columns in indexes:
            for other, longer in indexes:
                if other != name and longer[:len(columns)] == columns and (len(longer) > len(columns) or
                                                                           name > other):
                    twins.append(f"{table}.{name} {columns} inside {other} {longer}")
    assert twins == []


def test_the_holder_index_keeps_no_key_for_an_unclaimed_item_and_still_serves_a_holder(database):
    # Migration 0010: every imported item wrote a NULL key into ix_work_items_claimed_by, which no
    # query reads; `claimed_by_id = ?` (an agent's items, the foreign key's check) implies NOT NULL.
    holder, = [ix for ix in inspect(database.engine).get_indexes("work_items")
               if ix["name"] == "ix_work_items_claimed_by"]
    where = holder["dialect_options"][f"{database.engine.dialect.name}_where"]
    assert " ".join(str(where).split()).strip("()").lower() == "claimed_by_id is not null"
    if database.engine.dialect.name == "sqlite":
        with database.engine.connect() as conn:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT id FROM work_items WHERE claimed_by_id = 7").all()
        assert "USING COVERING INDEX ix_work_items_claimed_by (claimed_by_id=?)" in " ".join(str(r[-1]) for r in plan)
