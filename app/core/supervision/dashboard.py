"""The team leader's live figures: per agent and for the team, computed by SQL.

Every number comes from a handful of GROUP BY queries over the indexed
created_at / started_at columns, so a day of a million results costs a few
index range scans, not a million Python objects.  The queries use only
portable SQL (CASE, COUNT, AVG, EXTRACT) so SQLite and PostgreSQL agree.
Rates are fractions 0..1; None when there is nothing to divide by.

Definitions (documented once, used everywhere):
- results: current result revisions recorded in the range; contacted = results with a contacted reason;
- calls: distinct call attempts with a result (any revision) recorded in the range — a call counts
  once its reason is saved, so every figure reads one index range of one table; attempts per
  item = calls / distinct items called;
- contacted rate = contacted / results; agree rate = agree / contacted (promise-to-pay per contact);
- average talk time over answered attempts; average wrap-up over results;
- closed unreachable: results whose next state closed the item as unreachable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, case, distinct, extract, func, select
from sqlalchemy.orm import aliased

from app.core.context import AppContext, acting
from app.core.deliveries import OutboxHealth, outbox_health
from app.core.supervision.common import SITE_ZONE, agent_role_values, agree_codes, day_bounds, team_scope
from app.domain.roles import Permission
from app.store.models import AgentStateSpan, CallAttempt, Result, User


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
    time_in_state: dict[str, float] = field(default_factory=dict)    # see time_in_states


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
            User.role.in_(agent_role_values()), User.active.is_(True))
        if team is not None:
            agent_q = agent_q.where(User.team_id == team)
        agents = s.execute(agent_q.order_by(User.full_name)).all()
        # Results in the range, joined to their agent: the planner walks the created_at index
        # and looks agents up by key (an IN on agent ids made SQLite scan by agent instead).
        Agent = aliased(User)
        # Superseded revisions stay in the range so their calls still count (a QC return means a
        # second call); every other figure counts current revisions only.
        where = [Result.created_at >= start, Result.created_at < end]
        current = Result.is_current.is_(True)
        if team is not None:
            where.append(Agent.team_id == team)

        def base(*columns):
            query = select(*columns).select_from(Result).join(Agent, Agent.id == Result.agent_id)
            return query.where(*where)

        def figures_query(*group):
            return _with_figures(base(*group), codes)

        per_agent = {row[0]: row[1:] for row in s.execute(
            figures_query(Result.agent_id).group_by(Result.agent_id))}
        team_row = s.execute(figures_query()).one()
        states = _current_states(s, [a.id for a in agents])
        spent = time_in_states(s, [a.id for a in agents], start, min(end, now))
        rows = tuple(AgentRow(a.id, a.username, a.full_name,
                              _figures(per_agent.get(a.id)),
                              states.get(a.id, AgentState("logged_out", None, None)), spent.get(a.id, {}))
                     for a in agents)

        offset_hours = int(now.astimezone(SITE_ZONE).utcoffset().total_seconds() // 3600)
        hours = [0] * 24
        hour = extract("hour", Result.created_at).label("h")
        for hour_value, count in s.execute(base(hour, func.count()).where(current).group_by(hour)):
            hours[(int(hour_value) + offset_hours) % 24] += int(count)
        mix = tuple((code, int(n)) for code, n in s.execute(
            base(Result.reason_code, func.count()).where(current)
            .group_by(Result.reason_code).order_by(func.count().desc(), Result.reason_code)))
        outbox = outbox_health(s, now, team)
    return Dashboard(date_from, date_to, now, rows, _figures(team_row), outbox, tuple(hours), mix, team)


def _with_figures(query, codes: tuple[str, ...]):
    """The figures' columns over a query of Result rows (see the module's definitions)."""
    current = Result.is_current.is_(True)
    attempt = aliased(CallAttempt)
    return query.add_columns(
        func.sum(case((current, 1), else_=0)),
        func.sum(case((and_(current, Result.contacted.is_(True)), 1), else_=0)),
        func.sum(case((and_(current, Result.reason_code.in_(codes)), 1), else_=0)),
        func.sum(case((and_(current, Result.next_state == "closed_unreachable"), 1), else_=0)),
        func.avg(case((current, Result.wrapup_seconds), else_=None)),
        func.count(distinct(Result.attempt_id)),
        func.count(distinct(case((Result.attempt_id.is_not(None), Result.work_item_id), else_=None))),
        func.avg(case((and_(current, attempt.talk_seconds > 0), attempt.talk_seconds), else_=None)),
    ).outerjoin(attempt, attempt.id == Result.attempt_id)


def agent_figures(s, agent_id: int, start: datetime, end: datetime, codes: tuple[str, ...]) -> Figures:
    """One agent's figures in [start, end): the agent's own desk reads what the team leader reads."""
    query = select(Result.agent_id).where(Result.agent_id == agent_id, Result.created_at >= start,
                                          Result.created_at < end).group_by(Result.agent_id)
    row = s.execute(_with_figures(query, codes)).first()
    return _figures(row[1:] if row else None)


def time_in_states(s, agent_ids: list[int], start: datetime, end: datetime) -> dict[int, dict[str, float]]:
    """Seconds each agent spent in each state within [start, end): keys "ready", "in_call", "wrap_up"
    and "not_ready:<pause reason>" (the pause codes); an open span counts up to `end`."""
    if not agent_ids:
        return {}
    spans = s.execute(select(AgentStateSpan.agent_id, AgentStateSpan.state, AgentStateSpan.pause_reason,
                             AgentStateSpan.started_at, AgentStateSpan.ended_at)
                      .where(AgentStateSpan.agent_id.in_(agent_ids), AgentStateSpan.started_at < end,
                             (AgentStateSpan.ended_at.is_(None)) | (AgentStateSpan.ended_at > start))).all()
    out: dict[int, dict[str, float]] = {}
    for agent_id, state, reason, began, ended in spans:
        if state == "logged_out":
            continue
        seconds = (min(ended or end, end) - max(began, start)).total_seconds()
        key = f"not_ready:{reason or 'other'}" if state == "not_ready" else state
        mine = out.setdefault(agent_id, {})
        mine[key] = mine.get(key, 0.0) + max(seconds, 0.0)
    return out


def pauses(spent: dict[str, float]) -> dict[str, float]:
    """The pause seconds of a `time_in_states` entry, by pause reason."""
    return {key.split(":", 1)[1]: seconds for key, seconds in spent.items() if key.startswith("not_ready:")}


def _figures(row) -> Figures:
    results, contacted, agree, closed, wrap, calls, items, talk = row or (0, 0, 0, 0, None, 0, 0, None)
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
