"""Bringing a database to the schema this Sambung expects, through Alembic.

`upgrade()` is what `sambung db upgrade`, the demo start-up and the tests call; on a
team's PostgreSQL it is run by the database owner and also creates or updates the group
roles, grants and row-level security (app.store.team_access);
`current()` says which revision a database is at.  This module must not create
tables any other way (no `create_all` here): the migration is the one truth, so
a team's PostgreSQL and a desktop's SQLite end up with the same schema.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from app.domain.text import Text
from app.store.db import Database, DatabaseUrlError
from app.store.models import Base

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant shared by all desktops: two of them upgrading one PostgreSQL at once
# take turns instead of both running the DDL.
_PG_LOCK_KEY = 0x53414D42


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _database(url_or_database: str | Database) -> tuple[Database, bool]:
    if isinstance(url_or_database, Database):
        return url_or_database, False
    return Database(url_or_database), True


def head() -> str:
    """The newest revision this Sambung knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url_or_database: str | Database, revision: str = "head") -> str | None:
    """Migrate to `revision` (default the newest); return the revision reached.

    Raises DatabaseUrlError when the URL is bad or the server cannot be reached.
    """
    db, owned = _database(url_or_database)
    try:
        db.check()
        cfg = alembic_config()
        try:
            with db.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                cfg.attributes["connection"] = conn
                if _adoptable(conn):
                    command.stamp(cfg, "head")
                else:
                    command.upgrade(cfg, revision)
                if revision == "head":
                    # Grants, policies and functions follow this version even when no revision
                    # was due (a fix to a policy ships without a migration).
                    from app.store import team_access
                    team_access.apply(conn)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0]
            raise DatabaseUrlError(Text(f"Migrasi basis data {db.safe_url} gagal: {reason}",
                                        f"Migrating the database {db.safe_url} failed: {reason}")) from exc
        return current(db)
    finally:
        if owned:
            db.dispose()


def _adoptable(conn) -> bool:
    """A schema made by `create_all` (no migration history) that matches the models
    exactly is recorded as the newest revision instead of being created twice."""
    if MigrationContext.configure(conn).get_current_revision() is not None:
        return False
    tables = set(inspect(conn).get_table_names())
    if not tables & set(Base.metadata.tables):
        return False
    diff = schema_diff(conn)
    if diff:
        raise DatabaseUrlError(Text(
            "Basis data sudah berisi tabel Sambung tanpa riwayat migrasi dan skemanya berbeda "
            f"({len(diff)} perbedaan); cadangkan lalu gunakan basis data kosong.",
            "The database already holds Sambung tables without a migration history and with a different "
            f"schema ({len(diff)} differences); back it up, then use an empty database."))
    return True


def only_this_dialect(dialect: str):
    """Alembic's `include_object` for a database of `dialect`: leave out an index the models make
    on another database only (`Index.ddl_if(dialect=...)`), which Alembic does not read itself."""
    def include(obj, _name, type_, _reflected, _compare_to) -> bool:
        ddl_if = getattr(obj, "_ddl_if", None) if type_ == "index" else None
        return ddl_if is None or ddl_if.dialect in (None, dialect)
    return include


def schema_diff(conn) -> list:
    """What the database's schema lacks or has beyond the models' (empty when they match)."""
    opts = {"compare_type": True, "include_object": only_this_dialect(conn.dialect.name)}
    return compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)


def current(url_or_database: str | Database) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    db, owned = _database(url_or_database)
    try:
        db.check()
        with db.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        if owned:
            db.dispose()


def new_revision(message: str) -> str:
    """Developer tool: write a new revision with the model changes since head.

    Diffs the models against a scratch SQLite database migrated to head, so no
    server is needed: `python -c "from app.store.migrate import new_revision;
    new_revision('add x')"`.  Review the generated file before committing it.
    """
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.db'}"
        upgrade(url)
        db = Database(url)
        try:
            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                script = command.revision(cfg, message=message, autogenerate=True)
        finally:
            db.dispose()
    return script.path if script is not None else ""
