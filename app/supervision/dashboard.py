"""The team leader's live figures: per agent and for the team, computed by SQL.

Every number comes from a handful of GROUP BY queries over the indexed
created_at / started_at columns, so a day of a million results costs a few
index range scans, not a million Python objects.  The queries use only
portable SQL (CASE, COUNT, AVG, EXTRACT) so SQLite and PostgreSQL agree.
Rates are fractions 0..1; None when there is nothing to divide by.

Definitions (documented once, used everywhere):
- calls: call attempts started in the range; attempts per item = calls / distinct items called;
- results: current result revisions recorded in the range; contacted = results with a contacted reason;
- contacted rate = contacted / results; agree rate = agree / contacted (promise-to-pay per contact);
- average talk time over answered attempts; average wrap-up over results;
- closed unreachable: results whose next state closed the item as unreachable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, case, distinct, extract, func, or_, select

from app.context import AppContext
from app.domain.roles import Permission
from app.store.models import AgentStateSpan, CallAttempt, OutboxMessage, Result, User
from app.supervision.common import (AGENT_ROLES, SITE_ZONE, acting, agree_codes, day_bounds,
                                    team_scope)


@dataclass(frozen=True)
class AgentState:
    state: str                 # ready / not_ready / in_call / wrap_up / logged_out / unknown
    pause_reason: str | None
    since: datetime | None


@dataclass(frozen=True)
class Figures:
    calls: int = 0
    items_called: int = 0
    results: int = 0
    contacted: int = 0
    agree: int = 0
    closed_unreachable: int = 0
    avg_talk_seconds: float | None = None
    avg_wrapup_seconds: float | None = None

    @property
    def contacted_rate(self) -> float | None:
        return self.contacted / self.results if self.results else None

    @property
    def agree_rate(self) -> float | None:
        return self.agree / self.contacted if self.contacted else None

    @property
    def attempts_per_item(self) -> float | None:
        return self.calls / self.items_called if self.items_called else None


@dataclass(frozen=True)
class AgentRow:
    agent_id: int
    username: str
    full_name: str
    figures: Figures
    state: AgentState


@dataclass(frozen=True)
class OutboxHealth:
    pending: int
    failed: int
    oldest_pending_seconds: float | None


@dataclass(frozen=True)
class Dashboard:
    date_from: date
    date_to: date
    computed_at: datetime
    agents: tuple[AgentRow, ...]
    team: Figures
    outbox: OutboxHealth
    by_hour: tuple[int, ...]                  # results per site-local hour 0..23
    reason_mix: tuple[tuple[str, int], ...]   # (reason code, count), most frequent first
    team_id: int | None = None
    extras: dict = field(default_factory=dict)


def team_dashboard(ctx: AppContext, date_from: date, date_to: date, team_id: int | None = None) -> Dashboard:
    """Figures for the actor's team (a team leader) or for `team_id` / everyone (admin)."""
    user = acting(ctx, Permission.VIEW_DASHBOARD)
    scope = team_scope(user)
    team = scope if scope is not None else team_id
    start, end = day_bounds(date_from, date_to)
    now = ctx.clock.now()
    codes = agree_codes(ctx)
    with ctx.database.session() as s:
        agent_q = select(User.id, User.username, User.full_name).where(
            User.role.in_(AGENT_ROLES), User.active.is_(True))
        if team is not None:
            agent_q = agent_q.where(User.team_id == team)
        agents = s.execute(agent_q.order_by(User.full_name)).all()
        ids = select(User.id).where(User.team_id == team) if team is not None else None

        def in_team(column):
            return column.in_(ids) if ids is not None else True

        result_cols = (
            func.count(Result.id),
            func.sum(case((Result.contacted.is_(True), 1), else_=0)),
            func.sum(case((Result.reason_code.in_(codes), 1), else_=0)),
            func.sum(case((Result.next_state == "closed_unreachable", 1), else_=0)),
            func.avg(Result.wrapup_seconds),
        )
        result_where = and_(Result.created_at >= start, Result.created_at < end, Result.is_current.is_(True),
                            in_team(Result.agent_id))
        call_cols = (
            func.count(CallAttempt.id),
            func.count(distinct(CallAttempt.work_item_id)),
            func.avg(case((CallAttempt.talk_seconds > 0, CallAttempt.talk_seconds), else_=None)),
        )
        call_where = and_(CallAttempt.started_at >= start, CallAttempt.started_at < end,
                          in_team(CallAttempt.agent_id))

        per_result = {row[0]: row[1:] for row in s.execute(
            select(Result.agent_id, *result_cols).where(result_where).group_by(Result.agent_id))}
        per_call = {row[0]: row[1:] for row in s.execute(
            select(CallAttempt.agent_id, *call_cols).where(call_where).group_by(CallAttempt.agent_id))}
        team_result = s.execute(select(*result_cols).where(result_where)).one()
        team_call = s.execute(select(*call_cols).where(call_where)).one()

        states = _current_states(s, [a.id for a in agents])
        rows = tuple(AgentRow(a.id, a.username, a.full_name,
                              _figures(per_result.get(a.id), per_call.get(a.id)),
                              states.get(a.id, AgentState("logged_out", None, None)))
                     for a in agents)

        offset_hours = int(now.astimezone(SITE_ZONE).utcoffset().total_seconds() // 3600)
        hours = [0] * 24
        for hour, count in s.execute(select(extract("hour", Result.created_at).label("h"), func.count())
                                     .where(result_where).group_by("h")):
            hours[(int(hour) + offset_hours) % 24] += int(count)
        mix = tuple((code, int(n)) for code, n in s.execute(
            select(Result.reason_code, func.count()).where(result_where)
            .group_by(Result.reason_code).order_by(func.count().desc(), Result.reason_code)))
        outbox = _outbox_health(s, ids, now)
    return Dashboard(date_from, date_to, now, rows, _figures(team_result, team_call), outbox,
                     tuple(hours), mix, team)


def _figures(result_row, call_row) -> Figures:
    results, contacted, agree, closed, wrap = result_row or (0, 0, 0, 0, None)
    calls, items, talk = call_row or (0, 0, None)
    return Figures(calls=int(calls or 0), items_called=int(items or 0), results=int(results or 0),
                   contacted=int(contacted or 0), agree=int(agree or 0), closed_unreachable=int(closed or 0),
                   avg_talk_seconds=float(talk) if talk is not None else None,
                   avg_wrapup_seconds=float(wrap) if wrap is not None else None)


def _current_states(s, agent_ids: list[int]) -> dict[int, AgentState]:
    if not agent_ids:
        return {}
    latest = (select(AgentStateSpan.agent_id, func.max(AgentStateSpan.id).label("span_id"))
              .where(AgentStateSpan.agent_id.in_(agent_ids), AgentStateSpan.ended_at.is_(None))
              .group_by(AgentStateSpan.agent_id).subquery())
    spans = s.execute(select(AgentStateSpan.agent_id, AgentStateSpan.state, AgentStateSpan.pause_reason,
                             AgentStateSpan.started_at)
                      .join(latest, AgentStateSpan.id == latest.c.span_id)).all()
    return {a: AgentState(state, reason, since) for a, state, reason, since in spans}


def _outbox_health(s, team_ids, now: datetime) -> OutboxHealth:
    query = select(
        func.sum(case((OutboxMessage.status == "pending", 1), else_=0)),
        func.sum(case((OutboxMessage.status == "failed", 1), else_=0)),
        func.min(case((OutboxMessage.status == "pending", OutboxMessage.created_at), else_=None)),
    ).where(OutboxMessage.status.in_(("pending", "failed")))
    if team_ids is not None:
        # Deliveries of this team's results; rows without a result belong to nobody's team.
        query = query.join(Result, Result.id == OutboxMessage.result_id).where(
            or_(Result.agent_id.in_(team_ids)))
    pending, failed, oldest = s.execute(query).one()
    if isinstance(oldest, str):            # SQLite MIN() over a CASE loses the column type
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=now.tzinfo)
    age = (now - oldest).total_seconds() if oldest is not None else None
    return OutboxHealth(int(pending or 0), int(failed or 0), age)
