"""What the headless commands share: the database a command names, opened, checked or
migrated, and the context of the user it acts as.

The CLI (app/cli) reaches the store only through here, so it holds no SQLAlchemy:
failures come back as `DatabaseUrlError` (bad URL, server away) or `SchemaError`
(not migrated, a migration or a read that failed), each with an Indonesian message.
A command acts as the user it authenticated (`open_as`): on a team's PostgreSQL the
server checks the password of that user's own login role, on a desktop's SQLite file the
stored hash; without a user name it acts as the database owner
(app.core.identity.DATABASE_OWNER) — whoever holds the server's owner credentials, or
can open the SQLite file.  It must not make tables other than through the migrations
(app.store.migrate), nor print: the CLI reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from app.core.context import AppContext, CurrentUser
from app.core.identity import (DATABASE_OWNER, WRONG, LoginRefused, LoginThrottle, connected_user, find_active_user,
                               sign_in_local, sign_in_team)
from app.domain.clock import SystemClock
from app.domain.reasons import ReasonCatalogue
from app.domain.text import Text, TextError
from app.platform.config import Settings
from app.store.db import CredentialsRefused, Database, DatabaseUrlError, is_postgresql

__all__ = ["DATABASE_OWNER", "DatabaseUrlError", "LoginRefused", "SchemaError", "SchemaState", "command_context",
           "database_url", "find_active_user", "open_as", "open_database", "open_migrated", "schema_state",
           "upgrade_database"]


class SchemaError(TextError):
    """The database answered, but its schema is missing, behind, or a migration failed (both languages)."""


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


def open_migrated(url: str | None, username: str | None = None, password: str | None = None) -> Database:
    """Like open_database, and refused (SchemaError) when `sambung db upgrade` never ran on it."""
    from app.store.schema_version import stored_revision      # without Alembic's import time
    database = Database(url, username=username, password=password)
    try:
        database.check()
        if stored_revision(database) is None:
            raise SchemaError(Text(f"Basis data {database.safe_url} belum dimigrasi; jalankan dulu "
                                   "`sambung db upgrade`.",
                                   f"The database {database.safe_url} is not migrated; run "
                                   "`sambung db upgrade` first."))
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


def upgrade_database(url: str | None, revision: str = "head", username: str | None = None,
                     password: str | None = None) -> tuple[SchemaState, str]:
    """Migrate to `revision` (as `username`, the database owner on a team's PostgreSQL, with the
    group roles, grants and policies); (the state before, the revision reached)."""
    from app.store import migrate
    database = Database(url, username=username, password=password)
    try:
        before = SchemaState(database.safe_url, migrate.current(database), migrate.head())
        return before, migrate.upgrade(database, revision)
    except SQLAlchemyError as exc:
        raise SchemaError(Text(f"migrasi gagal: {first_line(exc)}", f"migration failed: {first_line(exc)}")) from exc
    except PermissionError as exc:
        raise SchemaError(Text(f"migrasi ditolak ({exc}); jalankan sebagai pemilik basis data",
                               f"migration refused ({exc}); run it as the database owner")) from exc
    finally:
        database.dispose()


def command_context(database: Database, user: CurrentUser | None = None,
                    settings: Settings | None = None) -> AppContext:
    """The context a command's use cases run in: its database, the settings, the system
    clock, the shipped catalogue, and `user` (None: the database owner)."""
    return AppContext(database=database, settings=settings or Settings.load(), clock=SystemClock(),
                      catalogue=ReasonCatalogue.default(), user=user or DATABASE_OWNER)


def open_as(url: str | None, username: str | None, password: str | None, *,
            migrated: bool = False) -> tuple[Database, CurrentUser]:
    """Open the database and authenticate the command's user: (database, who acts).

    Team (PostgreSQL): with `username`, connect as that login role with `password`; the actor is
    the Sambung user of the role (the owner or a DBA act as DATABASE_OWNER).  Without it, the
    URL's own credentials (or libpq's PGPASSWORD/.pgpass) decide.  SQLite: `username` must pass the
    stored hash; without it the command acts as DATABASE_OWNER.  Raises DatabaseUrlError,
    SchemaError or LoginRefused (Indonesian)."""
    team = is_postgresql(url)
    opener = open_migrated if migrated else None
    try:
        if opener is not None:
            database = opener(url, username if team else None, password if team else None)
        else:
            database = Database(url, username=username if team else None, password=password if team else None)
            database.check()
    except CredentialsRefused as exc:
        raise LoginRefused(WRONG) from exc
    try:
        if team:
            return database, connected_user(database)
        if not username:
            return database, DATABASE_OWNER
        return database, sign_in_local(database, username, password or "", SystemClock().now())
    except BaseException:
        database.dispose()
        raise
