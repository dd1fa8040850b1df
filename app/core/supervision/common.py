"""What every supervision use case shares: who is acting, what they may see, the site day.

`acting(ctx, permission)` is the first line of every use case: it refuses an
anonymous context and asks app.domain.roles.require for the permission, so the
rules hold for the windows, the CLI and the tests alike.  `team_scope` answers
which agents the actor may see (a team leader: their own team only).  Nothing
here touches Qt or files.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.context import AppContext, CurrentUser
from app.domain.roles import AGENT_ROLES, Role
from app.domain.text import Text, TextError
from app.store.models import User

# The call center's own day (results "today", hours of the trend chart).
SITE_ZONE = ZoneInfo("Asia/Jakarta")


class OutsideYourScope(TextError, PermissionError):
    """The actor holds the permission but the record belongs to another team or agent."""


class SupervisionError(TextError):
    """An expected refusal (bad input, wrong state) with a bilingual message (app.domain.text)."""


def team_scope(user: CurrentUser) -> int | None:
    """The team an actor is limited to; None means every team (admin, QC)."""
    if user.role == Role.TEAM_LEADER:
        if user.team_id is None:
            raise OutsideYourScope(Text("Akun team leader ini belum punya tim.",
                                        "This team leader account has no team yet."))
        return user.team_id
    return None


def agent_role_values() -> list[str]:
    """AGENT_ROLES as the role column stores them (for an IN in SQL)."""
    return [role.value for role in AGENT_ROLES]


def agents_in_scope(user: CurrentUser) -> Select:
    """SELECT of the user ids whose results the actor may see."""
    team = team_scope(user)
    query = select(User.id)
    if team is not None:
        query = query.where(User.team_id == team)
    return query


def check_agent_in_scope(session: Session, user: CurrentUser, agent_id: int) -> None:
    team = team_scope(user)
    if team is None:
        return
    agent_team = session.scalar(select(User.team_id).where(User.id == agent_id))
    if agent_team != team:
        raise OutsideYourScope(Text("Data ini milik agen di luar tim Anda.",
                                    "This belongs to an agent outside your team."))


def day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """UTC [start, end) covering the site-local days date_from..date_to inclusive."""
    start = datetime.combine(date_from, time.min, SITE_ZONE).astimezone(timezone.utc)
    end = datetime.combine(date_to + timedelta(days=1), time.min, SITE_ZONE).astimezone(timezone.utc)
    return start, end


def site_today(ctx: AppContext) -> date:
    return ctx.clock.now().astimezone(SITE_ZONE).date()


def agree_codes(ctx: AppContext) -> tuple[str, ...]:
    """Reason codes that go to QC (CT-AGR in the shipped catalogue)."""
    reasons = list(ctx.catalogue)
    codes = tuple(sorted(r.code for r in reasons if getattr(r, "to_qc", False)))
    return codes or ("CT-AGR",)


def reason_label(ctx: AppContext, code: str) -> str:
    try:
        return ctx.catalogue.get(code).label_id
    except Exception:  # noqa: BLE001 - an unknown or retired code still shows as itself
        return code
