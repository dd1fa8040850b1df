"""Is the database at the newest schema?  Answered without importing Alembic.

Start-up asks this every time; Alembic (a third of a second to import) is only
loaded when an upgrade is really due.  The revision ids are read from the
migration files themselves, so this never disagrees with `sambung db upgrade`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.store.db import Database

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r'^revision(?:: str)?\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision(?:: [^=]+)?\s*=\s*["\']([^"\']+)["\']', re.M)


@lru_cache(maxsize=1)
def head_revision() -> str:
    revisions, parents = set(), set()
    for path in VERSIONS.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if m := _REVISION.search(source):
            revisions.add(m.group(1))
        if m := _DOWN.search(source):
            parents.add(m.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def stored_revision(database: Database) -> str | None:
    try:
        with database.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None         # no alembic_version table yet: a new database


def needs_upgrade(database: Database) -> bool:
    return stored_revision(database) != head_revision()
