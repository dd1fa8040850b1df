"""What the headless commands share: the database a command names, opened, checked or
migrated, and the context of the user it acts as.

The CLI (app/cli) reaches the store only through here, so it holds no SQLAlchemy:
failures come back as `DatabaseUrlError` (bad URL, server away) or `SchemaError`
(not migrated, a migration or a read that failed), each with an Indonesian message.
A command acts as the user `--as` names, or as the database owner
(app.core.identity.DATABASE_OWNER) when it names nobody.  It must not make tables
other than through the migrations (app.store.migrate), nor print: the CLI reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from app.core.context import AppContext, CurrentUser
from app.core.identity import DATABASE_OWNER, find_active_user
from app.domain.clock import SystemClock
from app.domain.reasons import ReasonCatalogue
from app.platform.config import Settings
from app.store.db import Database, DatabaseUrlError

__all__ = ["DATABASE_OWNER", "DatabaseUrlError", "SchemaError", "SchemaState", "command_context",
           "database_url", "find_active_user", "open_database", "open_migrated", "schema_state",
           "upgrade_database"]


class SchemaError(Exception):
    """The database answered, but its schema is missing, behind, or a migration failed (Indonesian)."""


def first_line(exc: SQLAlchemyError) -> str:
    """The server's own reason, without SQLAlchemy's statement dump."""
    return str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]


def database_url(explicit: str | None = None, settings: Settings | None = None) -> str | None:
    """`--db`, else the settings' database_url, else None (the user's SQLite file)."""
    if explicit:
        return explicit
    return (settings or Settings.load()).get("database_url") or None


def open_database(url: str | None) -> Database:
    """The database `url` names, reachable (DatabaseUrlError otherwise)."""
    database = Database(url)
    try:
        database.check()
    except DatabaseUrlError:
        database.dispose()
        raise
    return database


def open_migrated(url: str | None) -> Database:
    """Like open_database, and refused (SchemaError) when `sambung db upgrade` never ran on it."""
    from app.store.schema_version import stored_revision      # without Alembic's import time
    database = Database(url)
    try:
        database.check()
        if stored_revision(database) is None:
            raise SchemaError(f"Basis data {database.safe_url} belum dimigrasi; jalankan dulu "
                              "`sambung db upgrade`.")
    except BaseException:
        database.dispose()
        raise
    return database


@dataclass(frozen=True)
class SchemaState:
    safe_url: str
    current: str | None
    head: str


def schema_state(url: str | None) -> SchemaState:
    from app.store import migrate
    database = Database(url)
    try:
        return SchemaState(database.safe_url, migrate.current(database), migrate.head())
    finally:
        database.dispose()


def upgrade_database(url: str | None, revision: str = "head") -> tuple[SchemaState, str]:
    """Migrate to `revision`; (the state before, the revision reached)."""
    from app.store import migrate
    database = Database(url)
    try:
        before = SchemaState(database.safe_url, migrate.current(database), migrate.head())
        return before, migrate.upgrade(database, revision)
    except SQLAlchemyError as exc:
        raise SchemaError(f"migrasi gagal: {first_line(exc)}") from exc
    finally:
        database.dispose()


def command_context(database: Database, user: CurrentUser | None = None,
                    settings: Settings | None = None) -> AppContext:
    """The context a command's use cases run in: its database, the settings, the system
    clock, the shipped catalogue, and `user` (None: the database owner)."""
    return AppContext(database=database, settings=settings or Settings.load(), clock=SystemClock(),
                      catalogue=ReasonCatalogue.default(), user=user or DATABASE_OWNER)
