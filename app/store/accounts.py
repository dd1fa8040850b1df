"""Passwords and login checks of Sambung users, on both back-ends.

Single-PC (SQLite): the scrypt hash in `user_passwords` (app.platform.passwords) and the
count of failed logins that slows the next try (app.domain.login_throttle).
Team (PostgreSQL): the server checks the password of each user's own login role; a new
password is sent as a SCRAM-SHA-256 verifier made on this PC (never the password itself)
through `sambung_set_password` (app.store.team_access), which lets a user change their own
and an admin anybody's.  `whoami` says which Sambung user the server authenticated.
This module must not keep a password anywhere but in the hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal_column, select, text
from sqlalchemy.orm import Session

from app.domain.login_throttle import seconds_to_wait
from app.domain.text import Text, TextError
from app.platform.passwords import hash_password, verify_password
from app.store.db import Database
from app.store.models import User, UserPassword


class EmptyPassword(TextError, ValueError):
    """An empty password cannot be set."""


class UnknownUser(TextError, LookupError):
    """No user has this name."""


@dataclass(frozen=True)
class LoginCheck:
    user: User | None
    ok: bool
    reason: str = ""          # "", "wrong", "no_password", "inactive", "wait"
    wait_seconds: int = 0


def whoami(database: Database) -> User | None:
    """The active Sambung user the team's server authenticated this connection as (None: the
    owner, a DBA, or a role without a `users` row)."""
    with database.session() as s:
        user = s.scalar(select(User).where(User.username == literal_column("session_user")))
        return user if user is not None and user.active else None


def _password_row(s: Session, user_id: int) -> UserPassword:
    row = s.get(UserPassword, user_id)
    if row is None:
        row = UserPassword(user_id=user_id, failed_logins=0)
        s.add(row)
    return row


def check_password(database: Database, username: str, password: str, now: datetime) -> LoginCheck:
    """Single-PC login: the user and whether `password` is theirs; a failure is counted and a
    try inside the wait is refused without looking at the password."""
    with database.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            return LoginCheck(None, False, "wrong")
        row = _password_row(s, user.id)
        wait = seconds_to_wait(row.failed_logins or 0, row.last_failed_at, now)
        if wait:
            return LoginCheck(user, False, "wait", wait)
        if not row.hash:
            return LoginCheck(user, False, "no_password")
        if not verify_password(password, row.hash):
            row.failed_logins = (row.failed_logins or 0) + 1
            row.last_failed_at = now
            return LoginCheck(user, False, "wrong", seconds_to_wait(row.failed_logins, now, now))
        row.failed_logins, row.last_failed_at = 0, None
        if not user.active:
            return LoginCheck(user, False, "inactive")
        return LoginCheck(user, True)


def set_password(database: Database, username: str, password: str, now: datetime,
                 session: Session | None = None) -> None:
    """Give `username` a new password (their own, or an admin's reset)."""
    if not password:
        raise EmptyPassword(Text("Kata sandi tidak boleh kosong.", "A password may not be empty."))
    if session is not None:
        return _set_password(session, database.team, username, password, now)
    with database.session() as s:
        _set_password(s, database.team, username, password, now)


def _set_password(s: Session, team: bool, username: str, password: str, now: datetime) -> None:
    if team:
        raw = s.connection().connection.driver_connection
        verifier = raw.pgconn.encrypt_password(password.encode("utf-8"), username.encode("utf-8"),
                                               b"scram-sha-256").decode("ascii")
        s.execute(text("SELECT sambung_set_password(:u, :v)"), {"u": username, "v": verifier})
        return
    user = s.scalar(select(User).where(User.username == username))
    if user is None:
        raise UnknownUser(Text(f"Pengguna {username!r} tidak ditemukan.", f"User {username!r} not found."))
    row = _password_row(s, user.id)
    row.hash = hash_password(password)
    row.failed_logins, row.last_failed_at, row.changed_at = 0, None, now


def has_password(database: Database, user_id: int) -> bool:
    with database.session() as s:
        return bool(s.scalar(select(UserPassword.hash).where(UserPassword.user_id == user_id)))
