#!/usr/bin/env python3
"""Fifty agents on one PostgreSQL: claim_next and save_result latency at a million prospects.

Each simulated agent loops through the desk's use cases, as the desk calls them:
Desk.claim_next → card → start_attempt → finish_attempt → save_result ("busy": the
item goes to retry later).  Between steps an agent pauses --think-ms (dial, talk,
wrap-up; 0 = no pause).  The clients run in worker processes on the same two cores
as the server, so the DB-side time per statement (pg_stat_statements) is printed
too.  The peer is the same loop with ONE agent, measured in the same run: the goal
is claim_next p95 < 10 ms and ≤ 2× the one-agent p95, save_result p95 < 20 ms,
0 double claims, 0 lost results.  The hot statements' plans are printed after six
executions as prepared statements (psycopg's generic-plan switch).

    python benchmarks/bench_floor_claims.py [--prospects 1000000] [--agents 50] [--seconds 60]
                                            [--think-ms 2000] [--processes 5]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floor import agent_context, open_floor, percentile, print_statements, statements, summary_ms  # noqa: E402

GOAL_CLAIM_P95 = 0.010
GOAL_SAVE_P95 = 0.020


def _agent_loop(url: str, agent_id: int, until: float, think: float, database, out: dict) -> None:
    from app.core.desk.desk import Desk
    ctx = agent_context(url, agent_id, database=database)
    desk = Desk(ctx)
    desk.warm_up()                  # as the desk's shift does at login
    rng = random.Random(agent_id)

    def pause() -> None:
        if think:
            time.sleep(think * rng.uniform(0.5, 1.5))
    # Agents log in spread over a few seconds, not in the same millisecond; the first claim
    # after login (new connections, statements built) is reported apart from the steady state.
    time.sleep(rng.uniform(0, max(think, 0.5) * 2))
    first = True
    while time.time() < until:
        t0 = time.perf_counter()
        item = desk.claim_next()
        out["first_claim" if first else "claim"].append(time.perf_counter() - t0)
        first = False
        if item is None:
            out["empty"] += 1
            time.sleep(0.05)
            continue
        out["items"].append(item)
        card = desk.card(item)
        pause()
        started = desk.start_attempt(item, card.phones[0].id)
        pause()
        desk.finish_attempt(started.attempt_id, answered=False, status_code=486, reason="Busy Here",
                            ring_seconds=1.0, talk_seconds=0.0, recording_path=None, recording_error=None,
                            suggested_reason="NC-BSY")
        pause()
        t0 = time.perf_counter()
        desk.save_result(item, started.attempt_id, "NC-BSY", {})
        out["save"].append(time.perf_counter() - t0)
        out["saved"].append(item)


def _worker(url: str, agent_ids: list[int], start_at: float, seconds: float, think: float, queue,
            own_logins: bool = False) -> None:
    """own_logins: each agent connects as its own PostgreSQL login role (row-level security applies,
    bench_rls_claims.py), instead of all sharing the owner's connection pool."""
    from app.store.db import Database
    database = Database(url)
    results = []
    threads = []
    until = start_at + seconds
    for agent_id in agent_ids:
        out = {"claim": [], "first_claim": [], "save": [], "items": [], "saved": [], "empty": 0, "agent": agent_id,
               "error": ""}
        results.append(out)

        def run(agent_id=agent_id, out=out) -> None:
            own = Database(url, username=f"agen{agent_id}") if own_logins else None
            try:
                _agent_loop(url, agent_id, until, think, own or database, out)
            except Exception as exc:  # noqa: BLE001 - reported by the parent
                out["error"] = f"{type(exc).__name__}: {exc}"
            finally:
                if own is not None:
                    own.dispose()
        threads.append(threading.Thread(target=run))
    while time.time() < start_at:
        time.sleep(0.01)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    database.dispose()
    queue.put(results)


def run_floor(url: str, agent_ids: list[int], seconds: float, think: float, processes: int,
              own_logins: bool = False) -> list[dict]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    processes = max(1, min(processes, len(agent_ids)))
    groups = [agent_ids[i::processes] for i in range(processes)]
    start_at = time.time() + 3.0          # every process up before the first claim
    procs = [ctx.Process(target=_worker, args=(url, g, start_at, seconds, think, queue, own_logins))
             for g in groups]
    for p in procs:
        p.start()
    results = []
    for _ in procs:
        results.extend(queue.get(timeout=seconds + 60))
    for p in procs:
        p.join()
    return results


def report(name: str, results: list[dict], seconds: float) -> dict:
    claims = [x for r in results for x in r["claim"]]
    saves = [x for r in results for x in r["save"]]
    items = [i for r in results for i in r["items"]]
    errors = [f"agent {r['agent']}: {r['error']}" for r in results if r["error"]]
    doubles = len(items) - len(set(items))
    print(f"{name}: {len(items)} claims in {seconds:.0f} s = {len(items) / seconds:.1f} claims/s; "
          f"double claims {doubles}; errors {len(errors)}")
    for e in errors[:5]:
        print("   ", e)
    print(f"  claim_next  {summary_ms(claims)}")
    print(f"  first claim after login (apart) {summary_ms([x for r in results for x in r['first_claim']])}")
    print(f"  save_result {summary_ms(saves)}")
    return {"claim_p95": percentile(claims, 95), "save_p95": percentile(saves, 95), "doubles": doubles,
            "errors": len(errors), "saved": [i for r in results for i in r["saved"]], "items": items}


def check_stuck(url: str, saved: list[int]) -> tuple[int, int]:
    """(results missing for saved items, items still held by an agent)."""
    from sqlalchemy import text

    from app.store.db import Database
    db = Database(url)
    with db.session() as s:
        with_result = s.execute(text("SELECT count(DISTINCT work_item_id) FROM results WHERE work_item_id = ANY(:ids)"),
                                {"ids": saved}).scalar() if saved else 0
        held = s.execute(text("SELECT count(*) FROM work_items WHERE state IN ('claimed','in_call','wrap_up')")).scalar()
    db.dispose()
    return len(set(saved)) - with_result, held


def print_plans(url: str, agent_id: int) -> bool:
    """EXPLAIN of the hot statements after six executions as prepared statements (no forcing)."""
    from datetime import datetime, timezone

    from app.store.db import Database
    from app.store.plans import generic_plan
    from app.store.queue import WorkQueue
    db = Database(url)
    ok = True
    print("plans after six executions as prepared statements (plan_cache_mode=auto):")
    for name, (stmt, params) in WorkQueue(db).hot_statements(agent_id, datetime.now(timezone.utc),
                                                             {"WIB", "WITA", "WIT"}, "CT0").items():
        plan = generic_plan(db, stmt, executions=6, force_generic=False, params=params)
        first = plan.splitlines()
        scan = next((ln.strip() for ln in first if "Scan" in ln and ("work_items" in ln or "phones" in ln
                                                                     or "customers" in ln)), first[0].strip())
        seq = "Seq Scan on work_items" in plan
        ok = ok and not seq
        print(f"  {name:22} {'SEQ SCAN' if seq else 'index'}: {scan[:100]}")
    db.dispose()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prospects", type=int, default=1_000_000)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-ms", type=float, default=2000,
                        help="pause between an agent's steps (2000: each agent claims every ~6 s, "
                             "ten times a real floor's pace; 0: no pause, the box's CPU is then the limit)")
    parser.add_argument("--processes", type=int, default=5)
    args = parser.parse_args()
    floor, stop = open_floor(args.prospects)
    try:
        think = args.think_ms / 1000
        plans_ok = print_plans(floor.url, floor.agent_ids[0])
        print(f"\npeer: 1 agent, {args.seconds:.0f} s, think {args.think_ms:.0f} ms")
        one = report("1 agent", run_floor(floor.url, floor.agent_ids[:1], args.seconds, think, 1),
                     args.seconds)
        print(f"\n{args.agents} agents in {args.processes} processes, {args.seconds:.0f} s, "
              f"think {args.think_ms:.0f} ms")
        with statements(floor.url) as rows:
            many = report(f"{args.agents} agents",
                          run_floor(floor.url, floor.agent_ids[:args.agents], args.seconds, think, args.processes),
                          args.seconds)
        print_statements(rows)
        lost, held = check_stuck(floor.url, one["saved"] + many["saved"])
        print(f"  lost results {lost}; items still held after the run {held}")
        ratio = many["claim_p95"] / one["claim_p95"] if one["claim_p95"] else float("nan")
        goals = {
            f"claim_next p95 < {GOAL_CLAIM_P95 * 1000:.0f} ms": many["claim_p95"] < GOAL_CLAIM_P95,
            "claim_next p95 <= 2x the 1-agent p95": ratio <= 2.0,
            f"save_result p95 < {GOAL_SAVE_P95 * 1000:.0f} ms": many["save_p95"] < GOAL_SAVE_P95,
            "0 double claims, 0 lost, 0 errors": many["doubles"] + one["doubles"] + lost + many["errors"] == 0,
            "hot statements on an index after six executions": plans_ok,
        }
        print(f"\nratio claim_next p95 {args.agents} agents / 1 agent: {ratio:.2f}x "
              f"({many['claim_p95'] * 1000:.1f} / {one['claim_p95'] * 1000:.1f} ms)")
        for goal, met in goals.items():
            print(f"goal {goal}: {'met' if met else 'MISSED'}")
        return 0 if all(goals.values()) else 1
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
