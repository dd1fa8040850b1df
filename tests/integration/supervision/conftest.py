"""Fixtures for the supervision tests: the hand-countable team day on the `database` fixture."""

from __future__ import annotations

import pytest

from tests.integration.supervision.seed import seed


@pytest.fixture
def seeded(database):
    return seed(database)


@pytest.fixture
def sqlite_database(tmp_path):
    """SQLite only: the permission table runs 80 cases, the SQL itself is covered on both engines."""
    from app.store.db import Database
    from app.store.models import Base
    db = Database(f"sqlite:///{tmp_path / 'perm.db'}")
    Base.metadata.create_all(db.engine)
    yield db, seed(db)
    db.dispose()
