#!/usr/bin/env python3
"""Login → desk at a million prospects on PostgreSQL: what the desk reads when an agent logs in.

The agent desk is being rewritten, so this measures what it does at login through the
core and the store, not through the window: the login list of users, the desk's use
cases (Desk(ctx), agent state "ready", an unfinished item to resume), and the first
queue page with its size — each on a fresh process-level connection pool, as a desktop
that has just started.  The peer, in the same run, is the same sequence with the queue
read as before (whole-queue sort and count(*): benchmarks/legacy_queue.py).
Goal: < 0.5 s.

    python benchmarks/bench_login_desk.py [--prospects 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floor import agent_context, open_floor  # noqa: E402

GOAL = 0.5


def login_to_desk(url: str, agent_id: int, legacy: bool) -> dict[str, float]:
    from sqlalchemy import select

    from app.core.desk.desk import Desk
    from app.store.db import Database
    from app.store.models import Team, User
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    database = Database(url)                      # a desktop that just started: a new pool
    try:
        with database.session() as s:             # the login window's list of users
            s.execute(select(User, Team.name).outerjoin(Team, Team.id == User.team_id)
                      .where(User.active.is_(True)).order_by(User.full_name)).all()
        marks["login list"] = time.perf_counter() - t0
        ctx = agent_context(url, agent_id, database=database)
        desk = Desk(ctx)
        desk.set_agent_state("ready")
        desk.unfinished_item()
        marks["desk use cases"] = time.perf_counter() - t0
        now, programs = datetime.now(timezone.utc), desk.programs()
        if legacy:
            from legacy_queue import legacy_count, legacy_page
            legacy_page(database, agent_id, now, programs)
            legacy_count(database, agent_id, now, programs)
        else:
            desk.queue.list_page(agent_id, now, "", 0, 100, programs=programs)
            desk.queue.count(agent_id, now, "", programs=programs)
        marks["first page + size"] = time.perf_counter() - t0
    finally:
        database.dispose()
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prospects", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    floor, stop = open_floor(args.prospects)
    try:
        agents = floor.agent_ids
        login_to_desk(floor.url, agents[0], legacy=False)          # warm the server's caches once
        now_runs = [login_to_desk(floor.url, agents[1 + n], legacy=False) for n in range(args.runs)]
        old_runs = [login_to_desk(floor.url, agents[20 + n], legacy=True) for n in range(max(1, args.runs // 2))]
        for title, runs in (("now", now_runs), ("peer: queue read as before", old_runs)):
            print(f"{title} (median of {len(runs)} logins, cumulative from the start):")
            for mark in runs[0]:
                print(f"  {mark:20} {statistics.median(r[mark] for r in runs) * 1000:8.1f} ms")
        total_now = statistics.median(r["first page + size"] for r in now_runs)
        total_old = statistics.median(r["first page + size"] for r in old_runs)
        print(f"ratio before/now: {total_old / total_now:.1f}x")
        met = total_now < GOAL
        print(f"goal login → desk < {GOAL * 1000:.0f} ms at {args.prospects:,} prospects: "
              f"{total_now * 1000:.0f} ms {'met' if met else 'MISSED'}")
        return 0 if met else 1
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
