"""Opening the database: SQLite (WAL) on one desktop, PostgreSQL for a team.

A bad URL is reported with a message a person can act on (`DatabaseUrlError`),
never a stack trace.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.platform import paths
from app.store.models import Base


class DatabaseUrlError(ValueError):
    """The database URL is malformed, of an unsupported kind, or unreachable."""


def default_url() -> str:
    return f"sqlite:///{paths.data_dir() / 'sambung.db'}"


def _normalise(url: str) -> str:
    # "postgresql://" means psycopg 3 here, the driver we ship.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(_normalise(url))
    except ArgumentError as exc:
        raise DatabaseUrlError(f"URL basis data tidak sah: {url!r} ({exc})") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"Jenis basis data {backend!r} tidak didukung; gunakan sqlite:///BERKAS atau postgresql://...")
    try:
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"timeout": 10, "check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise DatabaseUrlError(f"URL basis data tidak sah: {url!r} ({exc})") from exc
    return engine


class Database:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def check(self) -> None:
        """Connect once; raise DatabaseUrlError with the server's reason if it fails."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            raise DatabaseUrlError(f"Tidak dapat terhubung ke basis data {self.safe_url}: "
                                   f"{str(exc.orig).strip().splitlines()[0]}") from exc

    def server_version(self) -> str:
        """The server's own version string (PostgreSQL's `SHOW server_version`, SQLite's library)."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                return str(conn.execute(text("SHOW server_version")).scalar())
            return str(conn.execute(text("SELECT sqlite_version()")).scalar())

    @property
    def safe_url(self) -> str:
        return make_url(_normalise(self.url)).render_as_string(hide_password=True)

    def create_all(self) -> None:
        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
