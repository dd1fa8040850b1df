"""A call-center floor on PostgreSQL for the benchmarks: a throwaway server with default
durability (fsync on, synchronous commit) and pg_stat_statements, a million prospects
built set-based (generate_series), fifty agents and their team leader.

Used by bench_floor_claims.py, bench_queue_page.py and bench_login_desk.py; not a test
fixture (the tests' server runs with fsync off on small data).  Building the million
takes about two to four minutes on the 2-core machine; set SAMBUNG_BENCH_PGDATA=DIR to
keep the built cluster in DIR and reuse it in the next command (delete DIR to rebuild).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fixtures.postgres import PostgresServer, find_pg_bin, free_port  # noqa: E402

DBNAME = "sambung_floor"
AGENTS = 50
FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Wahyu", "Andi", "Putu",
         "Made", "Yohanes", "Fitri", "Ani", "Bambang", "Ratna", "Hendra", "Lestari", "Dede", "Ucok"]
LAST = ["Santoso", "Rahayu", "Wijaya", "Hidayat", "Saputra", "Kusuma", "Nugroho", "Siregar", "Lubis",
        "Pratama", "Wulandari", "Setiawan", "Simanjuntak", "Sembiring", "Gunawan", "Hermawan", "Rahmawati"]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def summary_ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (f"p50 {percentile(values, 50) * 1000:.1f} ms, p95 {percentile(values, 95) * 1000:.1f} ms, "
            f"max {max(values) * 1000:.1f} ms (n={len(values)})")


@dataclass
class Floor:
    server: PostgresServer
    url: str
    prospects: int
    agent_ids: list[int]
    team_leader_id: int
    team_id: int
    built_seconds: float


def _start(data_root: Path, fresh: bool) -> PostgresServer:
    import pwd
    bin_dir = find_pg_bin()
    prefix: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(data_root, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(bin_dir, data_root, free_port(), prefix)
    if fresh:
        server.run(str(bin_dir / "initdb"), "-D", str(data_root / "data"), "-U", "postgres", "-A", "trust",
                   "-E", "UTF8", "--locale=C", "--no-instructions")
    # Default durability: fsync and synchronous_commit stay on.
    options = (f"-p {server.port} -k {data_root} -c listen_addresses=127.0.0.1 -c max_connections=200 "
               "-c shared_buffers=256MB -c work_mem=8MB -c maintenance_work_mem=256MB -c max_wal_size=4GB "
               "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all "
               "-c pg_stat_statements.max=2000")
    server.run(str(bin_dir / "pg_ctl"), "-D", str(data_root / "data"), "-l", str(data_root / "server.log"),
               "-o", options, "-w", "-t", "120", "start")
    return server


def _build(server: PostgresServer, prospects: int) -> None:
    from sqlalchemy import text

    from app.store.db import Database
    from app.store.migrate import upgrade
    url = server.create_database(DBNAME)
    upgrade(url)
    db = Database(url)
    first = "ARRAY[" + ",".join(f"'{n}'" for n in FIRST) + "]"
    last = "ARRAY[" + ",".join(f"'{n}'" for n in LAST) + "]"
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        # The indexes are made after the rows (one sort each, not a million inserts each).
        indexes = conn.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND tablename IN ('customers', 'phones', 'work_items') AND indexname NOT LIKE 'pk_%' "
            "AND indexname NOT LIKE 'uq_%'")).all()
        for name, _ in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        conn.execute(text("INSERT INTO teams (id, name) VALUES (1, 'Tim Lantai')"))
        conn.execute(text(
            "INSERT INTO users (username, full_name, role, team_id, active) "
            f"SELECT 'agen' || g, 'Agen ' || g, 'agent', 1, true FROM generate_series(1, {AGENTS}) g"))
        conn.execute(text("INSERT INTO users (username, full_name, role, team_id, active) "
                          "VALUES ('tl1', 'TL Lantai', 'team_leader', 1, true)"))
        conn.execute(text(
            "INSERT INTO customers (id, account_number, name, segment, region) "
            f"SELECT g, '8' || lpad(g::text, 10, '0') || '9', "
            f"({first})[1 + (g::bigint * 7919) % {len(FIRST)}] || ' ' || ({last})[1 + (g::bigint * 104729) % {len(LAST)}], "
            "'DCS', CASE WHEN g % 11 < 8 THEN 'WIB' WHEN g % 11 < 10 THEN 'WITA' ELSE 'WIT' END "
            f"FROM generate_series(1, {prospects}) g"))
        conn.execute(text(
            "INSERT INTO phones (customer_id, e164, label, invalid) "
            "SELECT g, '+628' || (1 + g % 9)::text || lpad(((g::bigint * 48271) % 99999989)::text, 8, '0'), "
            f"'seluler', false FROM generate_series(1, {prospects}) g"))
        # Mostly new; 4 % retries due later today, 1 % due now: every queue segment has rows.
        conn.execute(text(
            "INSERT INTO work_items (customer_id, program, state, priority, arrears_months, arrears_amount, "
            "period, source, next_attempt_at, round_no, attempts_in_round, attempts_total, created_at, updated_at) "
            "SELECT g, CASE WHEN g % 3 = 0 THEN 'PRANPC' ELSE 'CT0' END, "
            "CASE WHEN g % 100 < 5 THEN 'retry_later' ELSE 'new' END, "
            "CASE WHEN g % 97 = 0 THEN 50 ELSE 100 END, 2, 150000 + (g % 1350) * 1000, '202611', 'bench', "
            "CASE WHEN g % 100 = 0 THEN now() - interval '5 minutes' "
            "     WHEN g % 100 < 5 THEN now() + (g % 600) * interval '1 minute' END, "
            "1, CASE WHEN g % 100 < 5 THEN 1 ELSE 0 END, CASE WHEN g % 100 < 5 THEN 1 ELSE 0 END, now(), now() "
            f"FROM generate_series(1, {prospects}) g"))
        for table in ("customers", "teams", "users"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT max(id) FROM {table}))"))
        for _, definition in indexes:
            conn.execute(text(definition))
        conn.execute(text("VACUUM ANALYZE"))
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
    db.dispose()


def open_floor(prospects: int = 1_000_000) -> tuple[Floor, callable]:
    """Start (and build, unless kept) the floor; returns (floor, stop)."""
    from sqlalchemy import text

    from app.store.db import Database
    keep = os.environ.get("SAMBUNG_BENCH_PGDATA")
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="sambung-floor-"))
    root.mkdir(parents=True, exist_ok=True)
    marker = root / f"built-{prospects}"
    fresh = not (root / "data").exists()
    started = time.perf_counter()
    server = _start(root, fresh)
    built = 0.0
    if not marker.exists():
        if not fresh:
            server.drop_database(DBNAME)
        print(f"building the floor: {prospects:,} prospects on PostgreSQL (fsync on)...", flush=True)
        _build(server, prospects)
        built = time.perf_counter() - started
        marker.write_text(f"{built:.0f} s\n")
        print(f"built in {built:.0f} s", flush=True)
    url = server.url(DBNAME)
    db = Database(url)
    with db.session() as s:
        agents = [r[0] for r in s.execute(text("SELECT id FROM users WHERE role = 'agent' ORDER BY id"))]
        tl = s.execute(text("SELECT id FROM users WHERE role = 'team_leader'")).scalar()
        holders = [r[0] for r in s.execute(text(
            "SELECT DISTINCT claimed_by_id FROM work_items WHERE state IN ('claimed', 'in_call', 'wrap_up')"))]
    if holders:
        # A kept floor remembers what an interrupted run or a diagnostic script left held: every
        # claim's stale-hold check and the run's own "items still held" count would read them.
        from app.store.queue import WorkQueue
        queue = WorkQueue(db)
        released = sum(len(queue.release_all_held_by(holder)) for holder in holders)
        print(f"released {released} items an earlier run left held", flush=True)
    db.dispose()

    def stop() -> None:
        server.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return Floor(server, url, prospects, agents, tl, 1, built), stop


def agent_context(url: str, user_id: int, role: str = "agent", database=None):
    from app.core.context import AppContext, CurrentUser
    from app.domain.clock import SystemClock
    from app.domain.reasons import ReasonCatalogue
    from app.platform.config import Settings
    from app.store.db import Database
    settings = Settings()
    # Calling hours all day, every day: the benchmark must not stop at 20:00 WIB.
    settings.set("calling_hours", {"start": "00:00", "end": "23:59", "days": [0, 1, 2, 3, 4, 5, 6]})
    user = CurrentUser(user_id, f"agen{user_id}", f"Agen {user_id}", role, 1)
    return AppContext(database=database or Database(url), settings=settings, clock=SystemClock(),
                      catalogue=ReasonCatalogue.default(), user=user)


@contextmanager
def statements(url: str):
    """Reset pg_stat_statements, run the block, then yield the rows via the returned list."""
    import psycopg
    conninfo = url.replace("postgresql://", "postgresql://", 1)
    rows: list = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")
    yield rows
    with psycopg.connect(conninfo, autocommit=True) as conn:
        rows.extend(conn.execute(
            "SELECT calls, mean_exec_time, max_exec_time, total_exec_time, query FROM pg_stat_statements "
            "WHERE query NOT ILIKE '%pg_stat_statements%' AND calls > 0 ORDER BY total_exec_time DESC").fetchall())


def print_statements(rows: list, limit: int = 12) -> None:
    print(f"  DB-side time per statement (pg_stat_statements, top {limit} by total):")
    print(f"  {'calls':>8} {'mean ms':>8} {'max ms':>8} {'total s':>8}  statement")
    for calls, mean, peak, total, query in rows[:limit]:
        short = " ".join(query.split())[:110]
        print(f"  {calls:>8} {mean:8.2f} {peak:8.1f} {total / 1000:8.2f}  {short}")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
