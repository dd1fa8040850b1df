"""The start-up schema check agrees with Alembic, without importing it."""

from __future__ import annotations

from app.store import migrate
from app.store.db import Database
from app.store.schema_version import head_revision, needs_upgrade


def test_head_read_from_the_files_is_alembics_head():
    assert head_revision() == migrate.head()


def test_new_database_needs_upgrade_and_a_migrated_one_does_not(tmp_path, database):
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert needs_upgrade(fresh)
    assert not needs_upgrade(database)          # the fixture's database is migrated
