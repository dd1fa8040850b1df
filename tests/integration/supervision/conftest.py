"""Fixtures for the supervision tests: the hand-countable team day on the `database` fixture."""

from __future__ import annotations

import pytest

from tests.integration.supervision.seed import seed


@pytest.fixture
def seeded(database):
    return seed(database)


@pytest.fixture(scope="session")
def _seeded_sqlite_template(tmp_path_factory):
    """The seeded team day built once; each test gets its own copy of the file."""
    from app.store.db import Database
    from app.store.models import Base
    path = tmp_path_factory.mktemp("supervision") / "template.db"
    db = Database(f"sqlite:///{path}")
    Base.metadata.create_all(db.engine)
    seeded = seed(db)
    with db.engine.connect() as conn:            # fold the WAL into the file before copying it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path, seeded


@pytest.fixture
def sqlite_database(tmp_path, _seeded_sqlite_template):
    """SQLite only, from a seeded copy: the permission table runs ~90 cases; the SQL itself is
    covered on both engines by the `database` tests."""
    import shutil
    from app.store.db import Database
    template, seeded = _seeded_sqlite_template
    shutil.copyfile(template, tmp_path / "perm.db")
    db = Database(f"sqlite:///{tmp_path / 'perm.db'}")
    yield db, seeded
    db.dispose()
