"""Opening the database: SQLite (WAL) on one desktop, PostgreSQL for a team.

A bad URL is reported with a message a person can act on (`DatabaseUrlError`),
never a stack trace; a refused user name or password is `CredentialsRefused`.  On a
team's PostgreSQL each person connects as their own login role (`Database(url,
username=..., password=...)`): the password goes to the driver only, never into the
URL that is shown or logged.  Refusals of the database itself (grants, row-level
security) reach the caller as `DatabaseRefused` with an Indonesian message
(app.store.refusals).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.text import Text, TextError
from app.platform import paths
from app.store.liveness import ping_when_in_doubt
from app.store.models import Base


class DatabaseUrlError(TextError, ValueError):
    """The database URL is malformed, of an unsupported kind, or unreachable."""


class CredentialsRefused(DatabaseUrlError):
    """The server refused the user name or password (or the user may not log in)."""


# SQLSTATEs of a refused login: invalid_password, invalid_authorization_specification.
_LOGIN_REFUSED = ("28P01", "28000")


def is_postgresql(url: str | None) -> bool:
    return bool(url) and (url.startswith("postgresql") or url.startswith("postgres://"))


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


def _prepare_early(dbapi_conn, _record) -> None:
    # A desk runs the same few dozen statements all day: prepare each at its second run, not its
    # sixth (psycopg's default).  The claim's probe costs 8 ms to plan and 0.5 ms to run once
    # prepared, and a desk that claims every few minutes took half an hour to get there.
    dbapi_conn.prepare_threshold = 1


def make_engine(url: str, username: str | None = None, secret: dict | None = None) -> Engine:
    """An engine for `url`; `username` replaces the URL's, and `secret["password"]` is read at each new
    connection (so a changed password takes effect without a new engine)."""
    try:
        parsed = make_url(_normalise(url))
    except ArgumentError as exc:
        raise DatabaseUrlError(Text(f"URL basis data tidak sah: {url!r} ({exc})",
                                    f"Not a valid database URL: {url!r} ({exc})")) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(Text(
            f"Jenis basis data {backend!r} tidak didukung; gunakan sqlite:///BERKAS atau postgresql://...",
            f"Database type {backend!r} is not supported; use sqlite:///FILE or postgresql://..."))
    # hide_parameters: a failed statement's error (which may be logged) names the statement, not the
    # customers' data it carried (an import's arrays hold every name of a batch).
    try:
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, hide_parameters=True,
                                   connect_args={"timeout": 10, "check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if username:
                parsed = parsed.set(username=username)
            # No JIT: the row-level security of a team database makes big plans of small queries, and
            # compiling them cost seconds where running them costs milliseconds.
            # LIFO: the connection used last is warm (its statements prepared, see _prepare_early).
            # No pre-ping: app.store.liveness pings only a connection that may have died.
            engine = create_engine(parsed, pool_size=5, max_overflow=5, pool_use_lifo=True,
                                   hide_parameters=True, connect_args={"options": "-c jit=off"})
            event.listen(engine, "connect", _prepare_early)
            ping_when_in_doubt(engine)
            if secret is not None:
                @event.listens_for(engine, "do_connect")
                def _password(_dialect, _record, _cargs, cparams) -> None:
                    if secret.get("password") is not None:
                        cparams["password"] = secret["password"]
    except (NoSuchModuleError, ArgumentError) as exc:
        raise DatabaseUrlError(Text(f"URL basis data tidak sah: {url!r} ({exc})",
                                    f"Not a valid database URL: {url!r} ({exc})")) from exc
    from app.store.refusals import install
    install(engine)
    return engine


class Database:
    def __init__(self, url: str | None = None, *, username: str | None = None,
                 password: str | None = None) -> None:
        self.url = url or default_url()
        self._secret = {"password": password}
        self.engine = make_engine(self.url, username, self._secret)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def use_password(self, password: str) -> None:
        """New connections log in with `password` (the user just changed theirs)."""
        self._secret["password"] = password

    @property
    def username(self) -> str | None:
        return self.engine.url.username

    @property
    def team(self) -> bool:
        """A team's PostgreSQL (each person connects as their own role), not a desktop's SQLite file."""
        return self.dialect == "postgresql"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def check(self) -> None:
        """Connect once; raise DatabaseUrlError with the server's reason if it fails."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else str(exc.orig)
            if getattr(exc.orig, "sqlstate", None) in _LOGIN_REFUSED or "authentication failed" in reason \
                    or "not permitted to log in" in reason:
                raise CredentialsRefused(Text("Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.",
                                              "Wrong user name or password, or the account is deactivated.")) \
                    from exc
            raise DatabaseUrlError(Text(f"Tidak dapat terhubung ke basis data {self.safe_url}: {reason}",
                                        f"Cannot connect to the database {self.safe_url}: {reason}")) from exc

    def server_version(self) -> str:
        """The server's own version string (PostgreSQL's `SHOW server_version`, SQLite's library)."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                return str(conn.execute(text("SHOW server_version")).scalar())
            return str(conn.execute(text("SELECT sqlite_version()")).scalar())

    @property
    def safe_url(self) -> str:
        url = make_url(_normalise(self.url))
        if self.engine.url.username and self.engine.url.username != url.username:
            url = url.set(username=self.engine.url.username)
        return url.render_as_string(hide_password=True)

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
