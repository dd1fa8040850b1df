#!/usr/bin/env python3
"""The agent's queue page and phone search at a million prospects on PostgreSQL, idle and
under the fifty-agent load.

Measured through the store as the desk calls it: WorkQueue.list_page (first page, and
the page after ten pages by keyset cursor) plus WorkQueue.size (exact up to 5,000,
estimated beyond), and a search by seven phone digits.  The peer, in the same run,
is the list as it was read before (one ORDER BY over the whole queue with OFFSET, and
count(*) per page: benchmarks/legacy_queue.py).  Goal: < 50 ms each, idle and under load.

    python benchmarks/bench_queue_page.py [--prospects 1000000] [--repeat 20] [--agents 50]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floor import open_floor, percentile, summary_ms  # noqa: E402

GOAL = 0.050
PROGRAMS = {"CT0", "PRANPC"}


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def phone_digits(database) -> str:
    """Seven digits from the middle of a real customer's mobile, as an agent would type them."""
    from sqlalchemy import text
    with database.session() as s:
        e164 = s.execute(text("SELECT e164 FROM phones WHERE customer_id = 424242")).scalar()
    return e164[6:13]


def measure(database, agent_id: int, repeat: int) -> dict[str, list[float]]:
    from app.store.queue import WorkQueue
    queue = WorkQueue(database)
    digits = phone_digits(database)
    now = datetime.now(timezone.utc)

    def first_page():
        rows = queue.list_page(agent_id, now, limit=100, programs=PROGRAMS)
        queue.size(agent_id, programs=PROGRAMS)
        return rows
    after = None
    for _ in range(10):
        after = queue.list_page(agent_id, now, limit=100, programs=PROGRAMS, after=after and after[-1].cursor)
    cursor = after[-1].cursor

    def search():
        rows = queue.list_page(agent_id, now, search=digits, limit=100, programs=PROGRAMS)
        assert rows, f"no row found for {digits}"
        queue.size(agent_id, search=digits, programs=PROGRAMS)
    first_page()
    search()
    return {"first page + size": timed(first_page, repeat),
            "page 11 by cursor": timed(lambda: queue.list_page(agent_id, now, limit=100, programs=PROGRAMS,
                                                             after=cursor), repeat),
            f"search '{digits}' + size": timed(search, repeat)}


def measure_legacy(database, agent_id: int, repeat: int) -> dict[str, list[float]]:
    from legacy_queue import legacy_count, legacy_page
    now = datetime.now(timezone.utc)
    digits = phone_digits(database)
    return {"first page + count(*)": timed(lambda: (legacy_page(database, agent_id, now, PROGRAMS),
                                                    legacy_count(database, agent_id, now, PROGRAMS)), repeat),
            f"search '{digits}' + count(*)": timed(lambda: (
                legacy_page(database, agent_id, now, PROGRAMS, search=digits),
                legacy_count(database, agent_id, now, PROGRAMS, search=digits)), repeat)}


def print_figures(title: str, figures: dict[str, list[float]]) -> None:
    print(title)
    for name, values in figures.items():
        print(f"  {name:32} {summary_ms(values)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prospects", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--legacy-repeat", type=int, default=3)
    parser.add_argument("--think-ms", type=float, default=2000, help="the loaded agents' pause between steps")
    args = parser.parse_args()
    from app.store.db import Database
    floor, stop = open_floor(args.prospects)
    database = Database(floor.url)
    agent = floor.agent_ids[-1]          # not one of the loaded agents below
    try:
        idle = measure(database, agent, args.repeat)
        print_figures(f"idle, {args.prospects:,} prospects (p50/p95 over {args.repeat} runs):", idle)
        legacy = measure_legacy(database, agent, args.legacy_repeat)
        print_figures(f"peer: the list as read before (whole-queue sort, OFFSET, count(*)), "
                      f"{args.legacy_repeat} runs:", legacy)

        from bench_floor_claims import run_floor
        loaded_agents = floor.agent_ids[:min(args.agents, len(floor.agent_ids) - 1)]
        print(f"\nunder load: {len(loaded_agents)} agents claiming and saving (think {args.think_ms:.0f} ms)...",
              flush=True)
        load = threading.Thread(target=run_floor, args=(floor.url, loaded_agents, 45, args.think_ms / 1000, 5))
        load.start()
        time.sleep(8)                          # the agents are up and claiming
        loaded = measure(database, agent, args.repeat)
        load.join()
        print_figures(f"under load ({len(loaded_agents)} agents):", loaded)

        p95 = {f"{k} (idle)": percentile(v, 95) for k, v in idle.items()}
        p95.update({f"{k} (load)": percentile(v, 95) for k, v in loaded.items()})
        old_first = percentile(list(legacy.values())[0], 50)
        old_search = percentile(list(legacy.values())[1], 50)
        new_first = percentile(list(idle.values())[0], 50)
        new_search = percentile(list(idle.values())[2], 50)
        print(f"\nratio before/now (p50, idle): first page {old_first / new_first:.0f}x, "
              f"phone search {old_search / new_search:.0f}x")
        ok = True
        for name, value in p95.items():
            met = value < GOAL
            ok = ok and met
            print(f"goal {name} p95 < {GOAL * 1000:.0f} ms: {value * 1000:.1f} ms {'met' if met else 'MISSED'}")
        return 0 if ok else 1
    finally:
        database.dispose()
        stop()


if __name__ == "__main__":
    sys.exit(main())
