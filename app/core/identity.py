"""Who is who: signing in with a user name and a password, and the users the database knows.

Single-PC (SQLite): the password is checked against its scrypt hash (app.store.accounts);
failures are counted in the database and slow the next try.  Team (PostgreSQL): the
desktop connects as the user's own login role, so the server checks the password (SCRAM,
or LDAP/AD through pg_hba.conf) and every statement after runs with that user's rights;
failures are also counted in this process.  Either way the answer is a `CurrentUser`, or
`LoginRefused` with an Indonesian message.  `list_users` is the one query of users (admin
window, CLI).  `DATABASE_OWNER` is who a command acts as when it connects with the
database's own credentials (SQLite: whoever can open the file): allowed what an admin is,
so the first admin can be added to an empty database.  No Qt here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.context import CurrentUser
from app.domain.login_throttle import seconds_to_wait
from app.domain.roles import Role
from app.domain.text import Text, TextError
from app.store import accounts
from app.store.db import CredentialsRefused, Database, DatabaseUrlError
from app.store.models import Team, User

#: Acts for a command run with the database's own credentials; its audit lines name no user.
DATABASE_OWNER = CurrentUser(id=None, username="-", full_name="Pemilik basis data",  # type: ignore[arg-type]
                             role=Role.ADMIN.value, team_id=None)

WRONG = Text("Nama pengguna atau kata sandi salah.", "Wrong user name or password.")
OLD_WRONG = Text("Kata sandi lama salah.", "The current password is wrong.")
FILL_IN = Text("Isi nama pengguna dan kata sandi.", "Enter your user name and password.")
MIN_PASSWORD_LENGTH = 8


def check_new_password(password: str | None) -> str:
    """A password fit to be set (ValueError with the reason otherwise)."""
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRefused(Text(f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
                                   f"A password has at least {MIN_PASSWORD_LENGTH} characters."))
    if password != password.strip():
        raise PasswordRefused(Text("Kata sandi tidak boleh diawali atau diakhiri spasi.",
                                   "A password may not start or end with a space."))
    return password


class PasswordRefused(TextError, ValueError):
    """A new password that may not be set; the message says why (both languages)."""


class LoginRefused(TextError, PermissionError):
    """The login is refused; the message says why (both languages), `wait_seconds` how long to wait."""

    def __init__(self, message: Text | str, wait_seconds: int = 0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


def _wait_message(seconds: int) -> Text:
    return Text(f"Terlalu banyak percobaan gagal; coba lagi dalam {seconds} detik.",
                f"Too many failed attempts; try again in {seconds} seconds.")


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: str
    team_id: int | None
    team_name: str | None
    active: bool

    def as_current_user(self) -> CurrentUser:
        return CurrentUser(self.id, self.username, self.full_name, self.role, self.team_id)


def _current(user: User) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.full_name, user.role, user.team_id)


class LoginThrottle:
    """Failed logins per user name in this process (team mode: the server keeps no count we can read)."""

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, datetime]] = {}
        self._lock = threading.Lock()

    def wait(self, username: str, now: datetime) -> int:
        with self._lock:
            count, last = self._failures.get(username, (0, None))
        return seconds_to_wait(count, last, now)

    def failed(self, username: str, now: datetime) -> int:
        with self._lock:
            count = self._failures.get(username, (0, now))[0] + 1
            self._failures[username] = (count, now)
        return seconds_to_wait(count, now, now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)


def normalise_username(text: str | None) -> str:
    return (text or "").strip().lower()


def sign_in_local(database: Database, username: str, password: str, now: datetime) -> CurrentUser:
    """Single-PC login against the stored hash."""
    username = normalise_username(username)
    if not username or not password:
        raise LoginRefused(FILL_IN)
    check = accounts.check_password(database, username, password, now)
    if check.ok:
        return _current(check.user)
    if check.reason == "wait":
        raise LoginRefused(_wait_message(check.wait_seconds), check.wait_seconds)
    if check.reason == "no_password":
        raise LoginRefused(Text("Akun ini belum punya kata sandi; minta admin mengaturnya "
                                "(`sambung users passwd NAMA --password-stdin`).",
                                "This account has no password yet; ask an administrator to set one "
                                "(`sambung users passwd NAME --password-stdin`)."))
    if check.reason == "inactive":
        raise LoginRefused(Text("Akun ini dinonaktifkan; hubungi admin.",
                                "This account is deactivated; contact an administrator."))
    raise LoginRefused(WRONG, check.wait_seconds)


def sign_in_team(url: str, username: str, password: str, now: datetime,
                 throttle: LoginThrottle) -> tuple[Database, CurrentUser]:
    """Team login: connect to the team's PostgreSQL as the user's own role.  The caller owns
    the returned Database (its connections carry this user's rights) and disposes it at logout."""
    from app.store.schema_version import head_revision, stored_revision

    username = normalise_username(username)
    if not username or not password:
        raise LoginRefused(FILL_IN)
    wait = throttle.wait(username, now)
    if wait:
        raise LoginRefused(_wait_message(wait), wait)
    database = Database(url, username=username, password=password)
    try:
        database.check()
    except CredentialsRefused as exc:
        database.dispose()
        raise LoginRefused(WRONG, throttle.failed(username, now)) from exc
    except DatabaseUrlError:
        database.dispose()
        raise
    try:
        if stored_revision(database) != head_revision():
            raise LoginRefused(Text("Basis data tim belum diperbarui ke versi Sambung ini; minta admin "
                                    "menjalankan `sambung db upgrade`.",
                                    "The team database is not upgraded to this version of Sambung yet; ask an "
                                    "administrator to run `sambung db upgrade`."))
        user = accounts.whoami(database)
        if user is None:
            raise LoginRefused(Text("Akun basis data ini tidak terdaftar sebagai pengguna Sambung yang aktif.",
                                    "This database account is not an active Sambung user."))
    except BaseException:
        database.dispose()
        raise
    throttle.succeeded(username)
    return database, _current(user)


def list_users(database: Database, *, include_inactive: bool = True, by_role: bool = False) -> list[UserView]:
    """Every user (or the active ones), by username; `by_role` groups them by role first."""
    query = select(User, Team.name).outerjoin(Team, Team.id == User.team_id)
    if not include_inactive:
        query = query.where(User.active.is_(True))
    query = query.order_by(User.role, User.username) if by_role else query.order_by(User.username)
    with database.session() as s:
        return [UserView(u.id, u.username, u.full_name, u.role, u.team_id, team, bool(u.active))
                for u, team in s.execute(query)]


def find_active_user(database: Database, username: str) -> CurrentUser | None:
    """The active user `username` names, or None (unknown or deactivated)."""
    with database.session() as s:
        user = s.scalar(select(User).where(User.username == normalise_username(username)))
        if user is None or not user.active:
            return None
        return _current(user)


def connected_user(database: Database) -> CurrentUser:
    """Who a team connection acts as: the Sambung user of its login role, else the database owner."""
    if not database.team:
        return DATABASE_OWNER
    user = accounts.whoami(database)
    return _current(user) if user is not None else DATABASE_OWNER


def change_own_password(ctx, old: str, new: str) -> None:
    """The logged-in user replaces their own password, proving the old one first."""
    user = ctx.user
    if user is None or user.id is None:
        raise LoginRefused(Text("Belum login sebagai pengguna Sambung.", "Not logged in as a Sambung user."))
    check_new_password(new)
    now = ctx.clock.now()
    database: Database = ctx.database
    if database.team:
        probe = Database(database.url, username=user.username, password=old)
        try:
            probe.check()
        except CredentialsRefused as exc:
            raise LoginRefused(OLD_WRONG) from exc
        finally:
            probe.dispose()
        accounts.set_password(database, user.username, new, now)
        database.use_password(new)
    else:
        check = accounts.check_password(database, user.username, old, now)
        if not check.ok:
            raise LoginRefused(OLD_WRONG if check.reason != "wait"
                               else _wait_message(check.wait_seconds), check.wait_seconds)
        accounts.set_password(database, user.username, new, now)
    from app.store import audit
    with database.session() as s:
        audit.record(s, user, "user.password", f"user:{user.id}", {"username": user.username, "self": True},
                     at=now)
