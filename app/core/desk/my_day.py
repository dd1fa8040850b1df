"""The agent's own day, on the desk (issue 16, item 15): today's figures as the team leader reads
them (app.core.supervision.dashboard: one definition), the time spent in each state with the
pauses by reason, when the shift began (the day's first state span, so a restart keeps it), and
the callbacks this agent promised customers, with their due times.

Read by the agent for themselves only: no permission beyond working the queue.  Database reads;
a screen calls `my_day` off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased

from app.core.context import AppContext
from app.core.supervision.common import agree_codes, day_bounds, site_today
from app.core.supervision.dashboard import Figures, agent_figures, time_in_states
from app.domain.workitem import WorkItemState as S
from app.store.models import AgentStateSpan, Customer, Result, WorkItem

OPEN_FOR_CALLBACK = (S.RETRY_LATER.value, S.PENDING_UNTIL.value, S.RETURNED.value, S.NEW.value)


@dataclass(frozen=True)
class MyCallback:
    item_id: int
    customer_name: str
    account_number: str
    program: str
    due_at: datetime            # UTC
    overdue: bool


@dataclass(frozen=True)
class MyDay:
    figures: Figures
    time_in_state: dict[str, float]     # app.core.supervision.dashboard.time_in_states
    shift_started_at: datetime | None   # UTC; None before the first state of the day
    callbacks: tuple[MyCallback, ...]

    def shift_seconds(self, now: datetime) -> float:
        return (now - self.shift_started_at).total_seconds() if self.shift_started_at else 0.0


def callback_codes(ctx: AppContext) -> tuple[str, ...]:
    """Reasons that promise the customer a call at a time they chose (CT-CBK, T2-CBK)."""
    return tuple(sorted(r.code for r in ctx.catalogue if "callback_at" in r.required_fields))


def my_day(ctx: AppContext, limit: int = 50) -> MyDay:
    now = ctx.clock.now()
    today = site_today(ctx)
    start, end = day_bounds(today, today)
    me = ctx.user.id
    with ctx.database.session() as s:
        figures = agent_figures(s, me, start, end, agree_codes(ctx))
        spent = time_in_states(s, [me], start, min(end, now)).get(me, {})
        began = s.scalar(select(func.min(AgentStateSpan.started_at)).where(
            AgentStateSpan.agent_id == me, AgentStateSpan.started_at >= start,
            AgentStateSpan.state != "logged_out"))
        later = aliased(Result)
        rows = s.execute(
            select(WorkItem.id, Customer.name, Customer.account_number, WorkItem.program, WorkItem.next_attempt_at)
            .select_from(Result).join(WorkItem, WorkItem.id == Result.work_item_id)
            .join(Customer, Customer.id == WorkItem.customer_id)
            .where(Result.agent_id == me, Result.is_current.is_(True),
                   Result.reason_code.in_(callback_codes(ctx)),
                   WorkItem.state.in_(OPEN_FOR_CALLBACK), WorkItem.next_attempt_at.is_not(None),
                   ~exists().where(later.work_item_id == Result.work_item_id, later.id > Result.id))
            .order_by(WorkItem.next_attempt_at).limit(limit)).all()
    callbacks = tuple(MyCallback(item_id, name, account, program, due, due <= now)
                      for item_id, name, account, program, due in rows)
    return MyDay(figures, spent, began, callbacks)
