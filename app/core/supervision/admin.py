"""Users and teams, managed by an admin: list, add (with a password), change role or team,
reset a password, deactivate.

A user is never deleted (results, reviews and the audit trail point at them);
deactivating keeps the history, stops the login and frees every item they hold.  On a
team's PostgreSQL the `users` row is the login role's source: the database's trigger
makes the role, puts it in its role's group and locks it when deactivated
(app.store.team_access).  Every change writes an audit line in the same transaction;
no password ever appears in one.  No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core import identity
from app.core.context import AppContext, acting
from app.core.identity import UserView
from app.core.supervision.common import SupervisionError
from app.domain.roles import Permission, Role
from app.domain.text import Text, words_of
from app.store import accounts, audit
from app.store.models import Team, User
from app.store.queue import WorkQueue

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


def check_new_password(password: str | None) -> str:
    """A password fit to be set (SupervisionError otherwise)."""
    try:
        return identity.check_new_password(password)
    except ValueError as exc:
        raise SupervisionError(words_of(exc)) from exc


@dataclass(frozen=True)
class TeamView:
    id: int
    name: str
    members: int


def _role(value: str) -> str:
    try:
        return Role(value).value
    except ValueError as exc:
        raise SupervisionError(Text(f"Peran tidak dikenal: {value!r}.", f"Unknown role: {value!r}.")) from exc


def list_users(ctx: AppContext, include_inactive: bool = True) -> list[UserView]:
    acting(ctx, Permission.MANAGE_USERS)
    return identity.list_users(ctx.database, include_inactive=include_inactive)


def list_teams(ctx: AppContext) -> list[TeamView]:
    acting(ctx, Permission.MANAGE_USERS)
    with ctx.database.session() as s:
        counts = dict(s.execute(select(User.team_id, func.count()).where(User.active.is_(True))
                                .group_by(User.team_id)).all())
        return [TeamView(t.id, t.name, int(counts.get(t.id, 0)))
                for t in s.scalars(select(Team).order_by(Team.name))]


def add_team(ctx: AppContext, name: str) -> int:
    user = acting(ctx, Permission.MANAGE_USERS)
    name = (name or "").strip()
    if not name:
        raise SupervisionError(Text("Nama tim wajib diisi.", "A team name is required."))
    with ctx.database.session() as s:
        if s.scalar(select(Team.id).where(Team.name == name)) is not None:
            raise SupervisionError(Text(f"Tim {name!r} sudah ada.", f"Team {name!r} already exists."))
        team = Team(name=name)
        s.add(team)
        s.flush()
        audit.record(s, user, "team.add", f"team:{team.id}", {"name": name}, at=ctx.clock.now())
        return team.id


def username_of(text: str | None) -> str:
    """A username as it is stored: trimmed, lower case."""
    return (text or "").strip().lower()


def add_user(ctx: AppContext, username: str, full_name: str, role: str, team_id: int | None = None,
             password: str | None = None) -> int:
    """A new user; with `password` they can log in at once (team mode: their login role's password)."""
    actor = acting(ctx, Permission.MANAGE_USERS)
    if password is not None:
        check_new_password(password)
    username = username_of(username)
    if not USERNAME.match(username):
        raise SupervisionError(Text("Nama pengguna 2–60 karakter: huruf kecil, angka, titik, garis bawah atau strip.",
                                    "A username has 2–60 characters: lower-case letters, digits, dot, underscore "
                                    "or hyphen."))
    if not (full_name or "").strip():
        raise SupervisionError(Text("Nama lengkap wajib diisi.", "A full name is required."))
    role = _role(role)
    with ctx.database.session() as s:
        if s.scalar(select(User.id).where(User.username == username)) is not None:
            raise SupervisionError(Text(f"Nama pengguna {username!r} sudah dipakai.",
                                         f"The username {username!r} is already taken."))
        _check_team(s, team_id)
        new = User(username=username, full_name=full_name.strip(), role=role, team_id=team_id, active=True)
        s.add(new)
        s.flush()
        if password is not None:
            accounts.set_password(ctx.database, username, password, ctx.clock.now(), session=s)
        audit.record(s, actor, "user.add", f"user:{new.id}",
                     {"username": username, "role": role, "team_id": team_id,
                      "password_set": password is not None}, at=ctx.clock.now())
        return new.id


def find_user_id(ctx: AppContext, username: str) -> int:
    """The id of the user `username` names (SupervisionError when unknown)."""
    acting(ctx, Permission.MANAGE_USERS)
    with ctx.database.session() as s:
        user_id = s.scalar(select(User.id).where(User.username == username_of(username)))
    if user_id is None:
        raise SupervisionError(Text(f"Pengguna {username_of(username)!r} tidak ditemukan.",
                                    f"User {username_of(username)!r} not found."))
    return user_id


def reset_password(ctx: AppContext, user_id: int, password: str) -> None:
    """An admin gives a user a new password (a forgotten one, a first login)."""
    actor = acting(ctx, Permission.MANAGE_USERS)
    check_new_password(password)
    with ctx.database.session() as s:
        target = _user(s, user_id)
        accounts.set_password(ctx.database, target.username, password, ctx.clock.now(), session=s)
        audit.record(s, actor, "user.password", f"user:{target.id}", {"username": target.username},
                     at=ctx.clock.now())


def set_role(ctx: AppContext, user_id: int, role: str) -> None:
    actor = acting(ctx, Permission.MANAGE_USERS)
    role = _role(role)
    with ctx.database.session() as s:
        target = _user(s, user_id)
        if target.id == actor.id and role != target.role:
            raise SupervisionError(Text("Anda tidak dapat mengubah peran akun Anda sendiri.",
                                         "You cannot change the role of your own account."))
        old, target.role = target.role, role
        audit.record(s, actor, "user.set_role", f"user:{target.id}", {"from": old, "to": role},
                     at=ctx.clock.now())


def set_team(ctx: AppContext, user_id: int, team_id: int | None) -> None:
    actor = acting(ctx, Permission.MANAGE_USERS)
    with ctx.database.session() as s:
        target = _user(s, user_id)
        _check_team(s, team_id)
        old, target.team_id = target.team_id, team_id
        audit.record(s, actor, "user.set_team", f"user:{target.id}", {"from": old, "to": team_id},
                     at=ctx.clock.now())


def deactivate_user(ctx: AppContext, user_id: int) -> None:
    actor = acting(ctx, Permission.MANAGE_USERS)
    with ctx.database.session() as s:
        target = _user(s, user_id)
        if target.id == actor.id:
            raise SupervisionError(Text("Anda tidak dapat menonaktifkan akun Anda sendiri.",
                                         "You cannot deactivate your own account."))
        if not target.active:
            return
        target.active = False
        # What they hold goes back to the queue now, not after its time to live.
        freed = WorkQueue(ctx.database).release_all_held_by(target.id, session=s)
        audit.record(s, actor, "user.deactivate", f"user:{target.id}",
                     {"username": target.username, "released_items": freed}, at=ctx.clock.now())


def _user(s, user_id: int) -> User:
    target = s.get(User, user_id)
    if target is None:
        raise SupervisionError(Text(f"Pengguna #{user_id} tidak ditemukan.", f"User #{user_id} not found."))
    return target


def _check_team(s, team_id: int | None) -> None:
    if team_id is not None and s.get(Team, team_id) is None:
        raise SupervisionError(Text(f"Tim #{team_id} tidak ditemukan.", f"Team #{team_id} not found."))
