"""Twenty desktops claiming from one queue: every item handed out exactly once."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import insert, select, text

from app.store.db import Database
from app.store.models import Customer, User, WorkItem
from app.store.queue import WorkQueue

from .conftest import NOW

THREADS = 20
ITEMS = 400


def fill(database, n: int) -> list[int]:
    with database.session() as s:
        s.execute(insert(User), [{"username": f"desk{i}", "full_name": f"Agen {i}", "role": "agent"}
                                 for i in range(THREADS)])
        s.execute(insert(Customer), [{"account_number": f"1223{i:08d}", "name": f"Pelanggan {i}",
                                      "region": "WIB", "segment": "DCS"} for i in range(n)])
        customers = s.scalars(select(Customer.id).order_by(Customer.id)).all()
        s.execute(insert(WorkItem), [{"customer_id": c, "program": "CT0", "state": "new",
                                      "priority": i % 7} for i, c in enumerate(customers)])
        agents = s.scalars(select(User.id).order_by(User.id)).all()
        return list(agents), s.scalars(select(WorkItem.id)).all()


def test_twenty_agents_claiming_at_once_never_share_or_lose_an_item(database):
    agents, items = fill(database, ITEMS)
    if database.dialect == "sqlite":
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    barrier = threading.Barrier(THREADS)
    claimed: dict[int, list[int]] = {a: [] for a in agents}
    errors: list[BaseException] = []

    def desk(agent_id: int) -> None:
        # Each thread is its own desktop: its own engine, connections and sessions.
        db = Database(database.url)
        try:
            queue = WorkQueue(db)
            barrier.wait(timeout=30)
            while (item := queue.claim_next(agent_id, NOW, {"WIB"})) is not None:
                claimed[agent_id].append(item)
        except BaseException as exc:            # reported by the main thread
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=desk, args=(a,)) for a in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    handed_out = Counter(i for ids in claimed.values() for i in ids)
    assert [i for i, n in handed_out.items() if n > 1] == []
    assert sorted(handed_out) == sorted(items)
    assert sum(1 for ids in claimed.values() if ids) > 1       # the work really was shared
    with database.session() as s:
        holders = dict(s.execute(select(WorkItem.id, WorkItem.claimed_by_id)).all())
    assert all(holders[i] == a for a, ids in claimed.items() for i in ids)
