"""A small, hand-countable team day for the supervision tests (see EXPECTED below).

Site day 2026-11-25 (WIB = UTC+7); the clock stands at 10:00 WIB (03:00 UTC).
Team A: agents a1, a2, team leader tl_a; team B: agent b1, team leader tl_b;
qc1 and admin1 belong to no team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.store.models import (AgentStateSpan, CallAttempt, Customer, OutboxMessage, Phone, Result, Team,
                              User, WorkItem)

DAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)


def utc(h: int, m: int = 0, day: int = 25) -> datetime:
    return datetime(2026, 11, day, h, m, tzinfo=timezone.utc)


@dataclass
class Seeded:
    users: dict[str, int]
    teams: dict[str, int]
    items: dict[str, int]
    results: dict[str, int]


class _Settings:
    def get(self, key, default=None):
        return default


def make_ctx(database, user: CurrentUser | None, clock: FrozenClock | None = None) -> AppContext:
    from app.domain.reasons import ReasonCatalogue
    return AppContext(database=database, settings=_Settings(), clock=clock or FrozenClock(NOW),
                      catalogue=ReasonCatalogue.default(), user=user)


def as_user(database, seeded: Seeded, username: str, clock: FrozenClock | None = None) -> AppContext:
    with database.session() as s:
        u = s.get(User, seeded.users[username])
        current = CurrentUser(u.id, u.username, u.full_name, u.role, u.team_id)
    return make_ctx(database, current, clock)


def seed(database) -> Seeded:
    users: dict[str, int] = {}
    items: dict[str, int] = {}
    results: dict[str, int] = {}
    with database.session() as s:
        team_a, team_b = Team(name="Tim A"), Team(name="Tim B")
        s.add_all([team_a, team_b])
        s.flush()
        for username, name, role, team in [
            ("a1", "Ayu Lestari", "agent", team_a), ("a2", "Budi Santoso", "agent", team_a),
            ("b1", "Citra Dewi", "agent", team_b), ("t2a", "Dedi Tier2", "tier2", team_a),
            ("tl_a", "Eka TL", "team_leader", team_a), ("tl_b", "Fajar TL", "team_leader", team_b),
            ("qc1", "Gita QC", "qc", None), ("admin1", "Hadi Admin", "admin", None),
        ]:
            u = User(username=username, full_name=name, role=role, team_id=team.id if team else None, active=True)
            s.add(u)
            s.flush()
            users[username] = u.id

        def item(key: str, agent: str) -> WorkItem:
            c = Customer(account_number=f"1220{len(items) + 1:08d}", name=f"Pelanggan {key}", region="WIB")
            s.add(c)
            s.flush()
            s.add(Phone(customer_id=c.id, e164=f"+62812000{len(items) + 1:05d}"))
            w = WorkItem(customer_id=c.id, program="CT0", state="done", created_at=utc(0, 0))
            s.add(w)
            s.flush()
            items[key] = w.id
            return w

        def call(key: str, agent: str, w: WorkItem, at: datetime, talk: float, reason: str, contacted: bool,
                 next_state: str, wrap: float, qc: str = "n/a", current: bool = True, rec: str | None = None):
            a = CallAttempt(work_item_id=w.id, agent_id=users[agent], dialled="+6281200000000", started_at=at,
                            ended_at=at + timedelta(seconds=talk + 10), answered=talk > 0, talk_seconds=talk,
                            recording_path=rec)
            s.add(a)
            s.flush()
            r = Result(work_item_id=w.id, attempt_id=a.id, agent_id=users[agent], program="CT0",
                       reason_code=reason, contacted=contacted, next_state=next_state, wrapup_seconds=wrap,
                       qc_status=qc, is_current=current, created_at=at + timedelta(seconds=talk + 20),
                       promise_date=date(2026, 11, 30) if reason == "CT-AGR" else None,
                       promise_amount=Decimal("350000") if reason == "CT-AGR" else None)
            s.add(r)
            s.flush()
            results[key] = r.id
            w.state = next_state
            return r

        w1 = item("i1", "a1")
        call("a1_rna", "a1", w1, utc(1, 0), 0, "NC-RNA", False, "retry_later", 10)
        call("a1_agr", "a1", w1, utc(2, 0), 120, "CT-AGR", True, "done", 30, qc="pending")
        w2 = item("i2", "a1")
        call("a1_fin", "a1", w2, utc(2, 30), 60, "CT-FIN", True, "done", 20)
        w3 = item("i3", "a2")
        call("a2_ina", "a2", w3, utc(1, 30), 0, "NC-INA", False, "closed_unreachable", 5)
        w4 = item("i4", "a2")
        old = call("a2_old", "a2", w4, utc(0, 40, day=24), 30, "CT-RTP", True, "done", 50, current=False)
        call("a2_agr", "a2", w4, utc(2, 10), 200, "CT-AGR", True, "done", 40, qc="pending")
        s.get(Result, results["a2_agr"]).supersedes_id = old.id
        s.get(Result, results["a2_agr"]).revision = 2
        w5 = item("i5", "b1")
        call("b1_agr", "b1", w5, utc(2, 0), 50, "CT-AGR", True, "done", 15, qc="pending")
        w6 = item("i6", "a1")
        call("a1_yesterday", "a1", w6, utc(3, 0, day=24), 45, "CT-PAID", True, "done", 25)

        s.add_all([
            AgentStateSpan(agent_id=users["a1"], state="in_call", started_at=utc(2, 0), ended_at=utc(2, 2)),
            AgentStateSpan(agent_id=users["a1"], state="ready", started_at=utc(2, 2)),
            AgentStateSpan(agent_id=users["a2"], state="ready", started_at=utc(1, 0), ended_at=utc(2, 50)),
            AgentStateSpan(agent_id=users["a2"], state="not_ready", pause_reason="break", started_at=utc(2, 50)),
        ])
        for n, (res, status, created) in enumerate([
                ("a1_agr", "pending", utc(2, 0)), ("a2_agr", "pending", utc(2, 50)),
                ("a1_fin", "failed", utc(2, 40)), ("a1_rna", "delivered", utc(1, 0)),
                ("b1_agr", "pending", utc(0, 0))]):
            s.add(OutboxMessage(result_id=results[res], destination="mycx", idempotency_key=f"k{n}",
                                payload={}, status=status, created_at=created))
    return Seeded(users, {"A": team_a.id, "B": team_b.id}, items, results)


def reinput(database, old_id: int, reason: str = "CT-PAID", at=None) -> int:
    """What the agent desk does on re-input: a new revision supersedes the returned one."""
    with database.session() as s:
        old = s.get(Result, old_id)
        new = Result(work_item_id=old.work_item_id, attempt_id=old.attempt_id, agent_id=old.agent_id,
                     program=old.program, reason_code=reason, contacted=True, next_state="done",
                     revision=old.revision + 1, supersedes_id=old.id, is_current=True, review_status="reinput",
                     created_at=at or NOW + timedelta(hours=1))
        old.is_current = False
        s.add(new)
        item = s.get(WorkItem, old.work_item_id)
        item.state, item.assigned_agent_id, item.returned_comment = "done", None, None
        s.flush()
        return new.id


# Team A, site day 2026-11-25, hand-counted from the rows above.
EXPECTED = {
    "a1": dict(calls=3, items_called=2, results=3, contacted=2, agree=1, closed_unreachable=0,
               avg_talk_seconds=90.0, avg_wrapup_seconds=20.0),
    "a2": dict(calls=2, items_called=2, results=2, contacted=1, agree=1, closed_unreachable=1,
               avg_talk_seconds=200.0, avg_wrapup_seconds=22.5),
    "team": dict(calls=5, items_called=4, results=5, contacted=3, agree=2, closed_unreachable=1,
                 avg_wrapup_seconds=21.0),
}
