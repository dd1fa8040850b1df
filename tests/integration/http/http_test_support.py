"""Helpers of the HTTP integration tests: a deadline poller, sample payloads, and results
seeded with their outbox rows directly through the store models."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from decimal import Decimal

from typing import Callable

from app.store.models import Customer, OutboxMessage, Result, User, WorkItem


def wait_until(condition: Callable[[], object], timeout: float = 10.0, interval: float = 0.02):
    """Poll `condition` until it is truthy; fail the test at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)


def caring(result_id: str = "101-r1", **over):
    body = {"result_id": result_id, "account_number": "123456789012", "program": "CT0",
            "reason_code": "CT-AGR", "contacted": True, "agent": "agen.budi",
            "called_at": "2026-11-25T10:15:00+07:00", "phone_masked": "+62812****7890",
            "promise_date": "2026-11-30", "promise_amount": 566100, "revision": 1, "fields": {}}
    body.update(over)
    return body


def caring_payload(result_id: int, account: str) -> dict:
    return {"result_id": f"{result_id}-r1", "account_number": account, "program": "CT0",
            "reason_code": "CT-AGR", "contacted": True, "agent": "agen.chaos",
            "called_at": "2026-11-25T03:00:00+00:00", "promise_date": "2026-11-30",
            "promise_amount": 385000, "revision": 1, "fields": {}}


def seed_results(database, count: int, destinations=("mycx", "tamara")) -> list[int]:
    """`count` results, each committed with one outbox row per destination."""
    now = datetime.now(timezone.utc)
    with database.session() as s:
        agent = User(username="agen.chaos", full_name="Agen Uji", role="agent")
        s.add(agent)
        s.flush()
        ids = []
        for i in range(count):
            account = f"1{i:08d}777"
            cust = Customer(account_number=f"9{i:011d}", name=f"Pelanggan {i}", segment="DCS", region="WIB")
            s.add(cust)
            s.flush()
            item = WorkItem(customer_id=cust.id, program="CT0", arrears_months=2,
                            arrears_amount=Decimal("385000"), period="202611", state="done")
            s.add(item)
            s.flush()
            result = Result(work_item_id=item.id, agent_id=agent.id, program="CT0", reason_code="CT-AGR",
                            contacted=True, next_state="done", promise_amount=Decimal("385000"))
            s.add(result)
            s.flush()
            for dest in destinations:
                s.add(OutboxMessage(result_id=result.id, destination=dest,
                                    idempotency_key=f"res-{result.id}-r1-{dest}",
                                    payload=caring_payload(result.id, account), next_attempt_at=now,
                                    created_at=now))
            ids.append(result.id)
    return ids
