"""Fixtures for the file I/O tests: a fresh SQLite database, people (teams, team
leaders, agents), reason results inserted fast with Core executemany, and one
session-wide database holding 100,000 results for the export tests (the million-row
volume, its speed and memory, is measured by benchmarks/bench_export.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import case, func, insert, literal, null, select, true

from app.store.db import Database
from app.store.models import CallAttempt, Customer, Result, Team, User, WorkItem

WIB = timezone(timedelta(hours=7))
FIRST_DAY = date(2026, 10, 1)
REASONS = [("CT-AGR", True), ("NC-RNA", False), ("NC-BSY", False), ("CT-CBK", True), ("CT-PAID", True),
           ("CT-FIN", True), ("NC-INA", False)]


@dataclass(frozen=True)
class People:
    team_a: int
    team_b: int
    admin: int
    tl_a: int
    tl_b: int
    qc: int
    agents_a: tuple[int, ...]
    agents_b: tuple[int, ...]


def seed_people(database: Database, agents_per_team: int = 5) -> People:
    with database.engine.begin() as conn:
        team_a, team_b = (conn.execute(insert(Team.__table__).values(name=n)).inserted_primary_key[0]
                          for n in ("Tim Bandung", "Tim Semarang"))

        def user(username: str, role: str, team: int | None, full: str) -> int:
            return conn.execute(insert(User.__table__).values(
                username=username, full_name=full, role=role, team_id=team, active=True)).inserted_primary_key[0]

        admin = user("admin", "admin", None, "Admin Sistem")
        tl_a = user("tl_bdg", "team_leader", team_a, "Rina Kusuma")
        tl_b = user("tl_smg", "team_leader", team_b, "Hendra Wijaya")
        qc = user("qc01", "qc", None, "Sri Lestari")
        agents_a = tuple(user(f"agen{i:02d}", "agent", team_a, f"Agen Bandung {i}") for i in range(1, agents_per_team + 1))
        agents_b = tuple(user(f"agen{i:02d}", "agent", team_b, f"Agen Semarang {i}")
                         for i in range(agents_per_team + 1, 2 * agents_per_team + 1))
    return People(team_a, team_b, admin, tl_a, tl_b, qc, agents_a, agents_b)


def seed_results(database: Database, people: People, n: int, *, per_day: int = 20000,
                 customers: int = 5000, attempts: bool = True, seed: int = 7,
                 notes: str | None = "catatan agen") -> None:
    """n current results spread over days from FIRST_DAY (per_day each, 08:00-19:59 WIB)."""
    rnd = random.Random(seed)
    agents = people.agents_a + people.agents_b
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    with database.engine.begin() as conn:
        cust_rows = [{"account_number": f"1399{i:08d}", "name": f"Pelanggan {i} Santoso", "segment": "DCS",
                      "region": "WIB"} for i in range(customers)]
        conn.execute(insert(Customer.__table__), cust_rows)
        cust_ids = list(conn.execute(select(Customer.id).order_by(Customer.id)).scalars())[-customers:]
        conn.execute(insert(WorkItem.__table__), [
            {"customer_id": c, "program": "CT0" if i % 3 else "PRANPC", "state": "in_progress", "priority": 1,
             "arrears_months": 2, "arrears_amount": Decimal("300000"), "round_no": 1, "attempts_in_round": 0,
             "attempts_total": 0, "created_at": now, "updated_at": now} for i, c in enumerate(cust_ids)])
        item_ids = list(conn.execute(select(WorkItem.id).order_by(WorkItem.id)).scalars())[-customers:]
        first_attempt = (conn.execute(select(func.max(CallAttempt.id))).scalar() or 0) + 1
        chunk = 50000
        for start in range(0, n, chunk):
            stop = min(start + chunk, n)
            results, tries = [], []
            for i in range(start, stop):
                day = FIRST_DAY + timedelta(days=i // per_day)
                at = datetime.combine(day, time(8), WIB) + timedelta(seconds=(i % per_day) * 43200 // per_day,
                                                                    microseconds=i % 1000)
                code, contacted = REASONS[i % len(REASONS)]
                item = item_ids[i % customers]
                agent = agents[i % len(agents)]
                if attempts:
                    tries.append({"work_item_id": item, "agent_id": agent, "dialled": f"0812{i % 10**8:08d}",
                                  "round_no": 1, "attempt_no": 1, "started_at": at, "answered": contacted,
                                  "talk_seconds": 30.0 + i % 200 if contacted else None})
                agree = code == "CT-AGR"
                results.append({
                    "work_item_id": item, "attempt_id": first_attempt + i if attempts else None, "agent_id": agent,
                    "revision": 1, "is_current": True, "program": "CT0" if item % 3 else "PRANPC",
                    "reason_code": code, "contacted": contacted, "notes": notes, "fields": {},
                    "promise_date": day + timedelta(days=5) if agree else None,
                    "promise_amount": Decimal(100000 + rnd.randint(0, 9000) * 100) if agree else None,
                    "next_state": "done" if agree else "retry_later", "review_status": "none",
                    "qc_status": "pending" if agree else "n/a", "created_at": at})
            if tries:
                conn.execute(insert(CallAttempt.__table__), tries)
            conn.execute(insert(Result.__table__), results)


@pytest.fixture
def sqlite_db(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'sambung.db'}")
    db.create_all()
    yield db
    db.dispose()


@pytest.fixture
def people(sqlite_db) -> People:
    return seed_people(sqlite_db)


MANY = 100_000          # more than a chunk, a progress step or a cancel point
MANY_PER_DAY = 4_000    # 25 October days: the XLSX test writes and reads back a whole day


def seed_results_set_based(database: Database, people: People, n: int, per_day: int = 20000) -> None:
    """n results made by ONE multi-row INSERT ... SELECT over a recursive counter (SQLite).

    The values follow the same pattern as seed_results: reason by i % 7, an agree (CT-AGR,
    i % 7 == 0) carries a promise date (+5 days) and an amount; 08:00-19:59 WIB.
    """
    agents = people.agents_a + people.agents_b
    with database.engine.begin() as conn:
        conn.execute(insert(Customer.__table__), [
            {"account_number": f"1398{i:08d}", "name": f"Pelanggan {i} Santoso", "segment": "DCS",
             "region": "WIB"} for i in range(1000)])
        now = datetime(2026, 11, 1, tzinfo=timezone.utc)
        conn.execute(insert(WorkItem.__table__), [
            {"customer_id": c, "program": "CT0", "state": "in_progress", "priority": 1, "arrears_months": 2,
             "arrears_amount": Decimal("300000"), "round_no": 1, "attempts_in_round": 0, "attempts_total": 0,
             "created_at": now, "updated_at": now}
            for c in conn.execute(select(Customer.id).order_by(Customer.id)).scalars()])
        first_item = conn.execute(select(func.min(WorkItem.id))).scalar()
        base = int(datetime.combine(FIRST_DAY, time(8), WIB).timestamp())
        seq = select(literal(0).label("i")).cte("seq", recursive=True)
        seq = seq.union_all(select(seq.c.i + 1).where(seq.c.i < n - 1))
        i = seq.c.i
        epoch = base + (i // per_day) * 86400 + (i % per_day) * 43200 // per_day
        code = case(*[(i % 7 == k, literal(c)) for k, (c, _) in enumerate(REASONS)])
        contacted = case(*[(i % 7 == k, literal(ok)) for k, (_, ok) in enumerate(REASONS)])
        agree = i % 7 == 0
        agent = case(*[(i % len(agents) == k, literal(a)) for k, a in enumerate(agents)])
        cols = {
            "work_item_id": first_item + i % 1000, "attempt_id": null(), "agent_id": agent, "revision": literal(1),
            "is_current": true(), "program": literal("CT0"), "reason_code": code, "contacted": contacted,
            "fields": literal("{}"),
            "promise_date": case((agree, func.date(epoch, "unixepoch", "+5 days")), else_=null()),
            "promise_amount": case((agree, 100000 + ((i * 7919) % 9000) * 100), else_=null()),
            "next_state": case((agree, literal("done")), else_=literal("retry_later")),
            "review_status": literal("none"),
            "qc_status": case((agree, literal("pending")), else_=literal("n/a")),
            "created_at": func.strftime("%Y-%m-%d %H:%M:%S", epoch, "unixepoch") + literal(".000000"),
        }
        conn.execute(insert(Result.__table__).from_select(
            list(cols), select(*[v.label(k) for k, v in cols.items()]).select_from(seq)))


@pytest.fixture(scope="session")
def many_results(tmp_path_factory):
    """A SQLite database with 100,000 results: 25 days of 4,000 (no attempts: speed)."""
    path = tmp_path_factory.mktemp("many") / "sambung.db"
    db = Database(f"sqlite:///{path}")
    db.create_all()
    ppl = seed_people(db)
    seed_results_set_based(db, ppl, MANY, per_day=MANY_PER_DAY)
    yield db, ppl
    db.dispose()


@pytest.fixture
def samples_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "app" / "resources" / "samples"
