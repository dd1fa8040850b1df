"""Users and teams, managed by an admin: list, add, change role or team, deactivate.

A user is never deleted (results, reviews and the audit trail point at them);
deactivating keeps the history, stops the login and frees every item they hold.  Every change writes an
audit line in the same transaction.  No Qt here.
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
from app.domain.text import Text
from app.store import audit
from app.store.models import Team, User
from app.store.queue import WorkQueue

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


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


def add_user(ctx: AppContext, username: str, full_name: str, role: str, team_id: int | None = None) -> int:
    actor = acting(ctx, Permission.MANAGE_USERS)
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
        audit.record(s, actor, "user.add", f"user:{new.id}",
                     {"username": username, "role": role, "team_id": team_id}, at=ctx.clock.now())
        return new.id


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
