#!/usr/bin/env python3
"""F5 → INVITE on the wire, through the desk, on SQLite and on PostgreSQL (issue 19, benchmark 4).

    python benchmarks/bench_desk_dial.py [--calls 50] [--db sqlite,postgresql]

What is timed is what F5 does at the agent desk window (AgentDeskWindow.dial, offscreen, on
qasync as app.views.main runs it): the desk session takes the intent, writes the attempt in its
own transaction on the io pool (Desk.start_attempt: the row is committed before the INVITE may
leave, so a crash still counts the attempt), then posts the dial to the SIP thread of the core
Phone.  Each call is a whole desk cycle (next → F5 → answered → hang up → agree → save), and only
F5 → INVITE is measured: time.time() just before F5's handler runs, against the wall-clock time at
which one sipp UAS (uas_answer.xml, `-trace_msg`) read the call's INVITE — the same way and on the
same sipp as bench_call_setup.py.  The split shows the desk's share (F5 → the session calls
Phone.dial, taken in a wrapper around that one method) and the phone's (Phone.dial → INVITE).

SQLite is a file in WAL mode; PostgreSQL a throwaway server with default durability (fsync and
synchronous commit on: benchmarks/floor.py's start), both seeded with the agent's world.
The peer, in the same run and on the same sipp: baresip's `dial` command → INVITE
(bench_call_setup.py's baresip driver).  Goal: p95 ≤ 16 ms on each database.  Exit 1 when missed.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desk_rig import agent_context, open_desk, percentile, run_on_qasync, seed_agent_world  # noqa: E402

GOAL_MS = 16.0


def sqlite_database(tmp: Path):
    from app.store.db import Database
    from app.store.migrate import upgrade
    url = f"sqlite:///{tmp / 'desk.db'}"
    upgrade(url)
    return Database(url), lambda: None


def postgres_database(tmp: Path):
    """A throwaway PostgreSQL with default durability (fsync on), the schema migrated."""
    from floor import _start

    from app.store.db import Database
    from app.store.migrate import upgrade
    root = Path(tempfile.mkdtemp(prefix="sambung-bench-pg-"))
    server = _start(root, fresh=True)
    url = server.create_database("sambung_dial")
    upgrade(url)

    def stop() -> None:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    return Database(url), stop


async def desk_calls(loop, kind: str, calls: int, sipp, tmp: Path) -> dict[str, list[float]]:
    """Wall-clock marks, one per call: F5, the attempt's write entered and returned (io thread),
    the session calling Phone.dial."""
    database, stop = (sqlite_database if kind == "sqlite" else postgres_database)(tmp)
    marks: dict[str, list[float]] = {"f5": [], "f5_done": [], "write_in": [], "write_out": [], "phone": []}
    desk = None
    try:
        agent_id = seed_agent_world(database, calls + 10, first_number=1 if kind == "sqlite" else 50_000_000)
        ctx = agent_context(database, agent_id)         # no back-ends: the bill says so at once
        desk = await open_desk(ctx, sipp.uri_host, loop)
        real_dial, real_write = desk.phone.dial, desk.window.desk.start_attempt

        def timed_dial(*a, **kw):
            marks["phone"].append(time.time())
            return real_dial(*a, **kw)

        def timed_write(*a, **kw):
            marks["write_in"].append(time.time())
            try:
                return real_write(*a, **kw)
            finally:
                marks["write_out"].append(time.time())
        desk.phone.dial = timed_dial
        desk.window.desk.start_attempt = timed_write      # the session looks it up at each call
        for _ in range(calls):
            await desk.cycle(before_dial=lambda: marks["f5"].append(time.time()),
                             after_dial=lambda: marks["f5_done"].append(time.time()))
        with database.session() as s:
            from sqlalchemy import func, select

            from app.store.models import CallAttempt
            attempts = s.scalar(select(func.count()).select_from(CallAttempt))
        if attempts != calls:
            raise RuntimeError(f"{kind}: {attempts} attempts stored for {calls} calls")
    finally:
        if desk is not None:
            await desk.close()
        database.dispose()
        stop()
    return marks


def match_invites(starts: list[float], invite_times: list[float]) -> list[float]:
    """For each start, the first INVITE sipp read after it (calls are one after the other), in ms."""
    out = []
    ordered = sorted(invite_times)
    for i, t0 in enumerate(starts):
        limit = starts[i + 1] if i + 1 < len(starts) else float("inf")
        first = next((t for t in ordered if t0 <= t < limit), None)
        if first is not None:
            out.append((first - t0) * 1000)
    return out


def line(name: str, values: list[float]) -> str:
    return (f"{name:48s} n={len(values):3d}  p50 {statistics.median(values):6.2f} ms  p95 "
            f"{percentile(values, 95):6.2f} ms  max {max(values):7.2f} ms")


async def run(loop, args) -> int:
    from bench_call_setup import bench_baresip, parse_trace

    from tests.integration.sip.peers import start_sipp
    tmp = Path(args.workdir)
    trace_file = tmp / "messages.log"
    sipp = start_sipp(tmp, "uas_answer.xml", extra=["-trace_msg", "-message_file", str(trace_file)])
    runs: dict[str, dict[str, list[float]]] = {}
    try:
        for kind in args.db:
            print(f"desk on {kind}: {args.calls} calls", flush=True)
            (tmp / kind).mkdir()
            runs[kind] = await desk_calls(loop, kind, args.calls, sipp, tmp / kind)
        print(f"baresip: {args.calls} calls", flush=True)
        b_dialled, _rss = await loop.run_in_executor(None, bench_baresip, sipp, args.calls, "b", tmp)
    finally:
        sipp.stop()
    invites, _call_ids, _acks = parse_trace(trace_file)
    baresip = [(invites[u] - t) * 1000 for u, t in b_dialled.items() if u in invites]
    desk_invites = [t for u, t in invites.items() if u not in b_dialled]
    print(line("baresip dial → INVITE", baresip))
    peer_p95 = percentile(baresip, 95)
    met = True
    for kind, m in runs.items():
        f5 = m["f5"]
        total = match_invites(f5, desk_invites)
        print(line(f"{kind}: F5 → INVITE", total))
        for name, a, b in (("F5's handler (GUI thread)", "f5", "f5_done"),
                           ("handler done → attempt write starts", "f5_done", "write_in"),
                           ("attempt write (commit)", "write_in", "write_out"),
                           ("write done → Phone.dial", "write_out", "phone")):
            print(line(f"{kind}:   {name}", [(y - x) * 1000 for x, y in zip(m[a], m[b])]))
        print(line(f"{kind}:   Phone.dial → INVITE", match_invites(m["phone"], desk_invites)))
        p95 = percentile(total, 95)
        ok = p95 <= GOAL_MS and len(total) == len(f5)
        met &= ok
        print(f"goal {kind}: F5 → INVITE p95 ≤ {GOAL_MS:.0f} ms; figure p95 {p95:.2f} ms — "
              f"{'met' if ok else 'MISSED'}; ratio to baresip's p95 {p95 / peer_p95:.2f}×")
    return 0 if met else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--db", default="sqlite,postgresql", type=lambda v: [d for d in v.split(",") if d])
    args = parser.parse_args()
    logging.getLogger("app.core.desk.bill").setLevel(logging.ERROR)    # "i-payment belum diatur", by design
    with tempfile.TemporaryDirectory(prefix="sambung-bench-dial-") as tmp:
        args.workdir = tmp
        return run_on_qasync(lambda loop: run(loop, args))


if __name__ == "__main__":
    sys.exit(main())
