"""Builders for store tests: users and work items with their customers and phones."""

from __future__ import annotations

import itertools
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from app.store.models import Customer, Phone, User, WorkItem

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc)     # Monday 10:00 WIB
_accounts = itertools.count(122300000001)


class Builder:
    def __init__(self, database) -> None:
        self.db = database

    def agents(self, n: int = 2) -> list[int]:
        with self.db.session() as s:
            start = (s.query(User).count() or 0) + 1
            users = [User(username=f"agent{start + i}", full_name=f"Agen {start + i}", role="agent")
                     for i in range(n)]
            s.add_all(users)
            s.flush()
            return [u.id for u in users]

    def item(self, *, name: str = "Budi Santoso", account: str | None = None, region: str = "WIB",
             program: str = "CT0", state: str = "new", priority: int = 100,
             next_attempt_at: datetime | None = None, assigned: int | None = None,
             phones: tuple[str, ...] = ("+6281234567890",), **extra) -> int:
        with self.db.session() as s:
            customer = Customer(account_number=account or str(next(_accounts)), name=name, region=region)
            customer.phones = [Phone(e164=p) for p in phones]
            item = WorkItem(customer=customer, program=program, state=state, priority=priority,
                            next_attempt_at=next_attempt_at, assigned_agent_id=assigned,
                            arrears_months=2, arrears_amount=Decimal("250000"), **extra)
            s.add(item)
            s.flush()
            return item.id


@pytest.fixture
def build(database) -> Builder:
    return Builder(database)
