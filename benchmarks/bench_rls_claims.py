#!/usr/bin/env python3
"""Row-level security's price: claim_next at 50 concurrent agents, each connected as its own
PostgreSQL login role, with RLS on (as a team runs) and off (the same roles, grants and
triggers; only the policies disabled), on the million-prospect floor (floor.py).

The loop is bench_floor_claims.py's (claim → card → start_attempt → finish_attempt →
save_result).  The peer is the same 50 agents with RLS off, measured in the same run, one
after the other.  The goal: RLS costs claim_next at most 1.5× at p95 (and stays < 10 ms at the
DB side per claim).

    python benchmarks/bench_rls_claims.py [--prospects 1000000] [--agents 50] [--seconds 60]
                                          [--think-ms 2000] [--processes 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_floor_claims import report, run_floor  # noqa: E402
from floor import open_floor, statements  # noqa: E402

GOAL_RATIO = 1.5


def print_db_side(rows: list, limit: int = 8) -> dict[str, float]:
    """pg_stat_statements keeps one row per statement and role: fifty agents, fifty rows. Summed per
    statement here (mean = total / calls), the DB-side time of one claim's statements."""
    by_query: dict[str, list[float]] = {}
    for calls, _mean, _peak, total, query in rows:
        key = " ".join(query.split())[:100]
        seen = by_query.setdefault(key, [0, 0.0])
        seen[0] += calls
        seen[1] += total
    print(f"  DB-side, all agents together (top {limit} by total): calls, mean ms, statement")
    ranked = sorted(by_query.items(), key=lambda kv: -kv[1][1])[:limit]
    for query, (calls, total) in ranked:
        print(f"  {calls:>7} {total / calls:8.2f}  {query}")
    return {q: total / calls for q, (calls, total) in by_query.items()}


def set_rls(url: str, on: bool) -> None:
    from app.store import team_access
    from app.store.db import Database
    db = Database(url)
    with db.engine.begin() as conn:
        team_access.rls_enabled(conn, on)
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prospects", type=int, default=1_000_000)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-ms", type=float, default=2000)
    parser.add_argument("--processes", type=int, default=5)
    args = parser.parse_args()
    floor, stop = open_floor(args.prospects)
    figures = {}
    try:
        think = args.think_ms / 1000
        agents = floor.agent_ids[:args.agents]
        for label, on in (("RLS off (peer)", False), ("RLS on", True)):
            set_rls(floor.url, on)
            print(f"\n{label}: {len(agents)} agents as their own login roles, {args.seconds:.0f} s, "
                  f"think {args.think_ms:.0f} ms")
            with statements(floor.url) as rows:
                figures[on] = report(label, run_floor(floor.url, agents, args.seconds, think, args.processes,
                                                      own_logins=True), args.seconds)
            print_db_side(rows)
    finally:
        try:
            set_rls(floor.url, True)      # a kept floor stays as a team runs it
        finally:
            stop()
    off, on = figures[False], figures[True]
    ratio = on["claim_p95"] / off["claim_p95"] if off["claim_p95"] else float("nan")
    print(f"\nclaim_next p95: RLS on {on['claim_p95'] * 1000:.1f} ms, off {off['claim_p95'] * 1000:.1f} ms "
          f"= {ratio:.2f}x (goal <= {GOAL_RATIO}x); double claims {on['doubles'] + off['doubles']}; "
          f"errors {on['errors'] + off['errors']}")
    ok = ratio <= GOAL_RATIO and not (on["doubles"] + off["doubles"]) and not (on["errors"] + off["errors"])
    print("goal met" if ok else "goal NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
