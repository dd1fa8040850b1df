"""Who is who: the users the database knows, as the login, the admin window and the CLI see them.

`list_users` is the one query of users (with their team's name) for all three;
it checks no permission, because the login must list users before anyone is
logged in — the admin's listing (app.core.supervision.admin.list_users) checks
MANAGE_USERS first and then asks here.  `find_active_user` resolves the CLI's
`--as USERNAME`; `DATABASE_OWNER` is who a command acts as when it names nobody:
whoever holds the database's own credentials, allowed what an admin is (so the
first admin can be added to an empty database).  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.context import CurrentUser
from app.domain.roles import Role
from app.store.db import Database
from app.store.models import Team, User

#: Acts for a command run with the database's own credentials; its audit lines name no user.
DATABASE_OWNER = CurrentUser(id=None, username="-", full_name="Pemilik basis data",  # type: ignore[arg-type]
                             role=Role.ADMIN.value, team_id=None)


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


def list_users(database: Database, *, include_inactive: bool = True, by_role: bool = False) -> list[UserView]:
    """Every user (or the active ones), by username; `by_role` groups them by role first (the login)."""
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
        user = s.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            return None
        return CurrentUser(user.id, user.username, user.full_name, user.role, user.team_id)
