"""Helpers of the loop tests (issue 17): settings pointing every system at one stand-in, and
delivering the outbox to it through real HTTP while it fails 30% of requests."""

from __future__ import annotations

from collections import Counter

from app.platform.config import Settings
from app.services.destinations import clients_from_settings, senders_from
from app.services.outbox_worker import OutboxWorker
from app.store.models import OutboxMessage


def loop_settings(standin, smtp_port: int = 1, read_timeout: float = 0.6) -> Settings:
    settings = Settings()
    for key, url in standin.api_settings().items():
        settings.set(f"api.{key}", url)
    settings.set("api.read_timeout", read_timeout)
    settings.set("api.connect_timeout", 0.5)
    settings.set("smtp.host", "127.0.0.1")
    settings.set("smtp.port", smtp_port)
    settings.set("smtp.starttls", False)
    settings.set("smtp.sender", "tier2@sambung.telkom.local")
    settings.set("smtp.timeout", 2.0)
    return settings


def deliver_under_faults(database, settings, standin, fail_rate: float = 0.3, timeout: float = 60) -> Counter:
    """Deliver everything due with the stand-in failing `fail_rate` of requests (mixed faults, some
    after storing: the answer is lost); the outbox's statuses afterwards."""
    from sqlalchemy import select
    clients = clients_from_settings(settings)
    worker = OutboxWorker(database, senders_from(**clients), base_delay=0.02, max_delay=0.2, concurrency=4,
                          idle_poll=0.05)
    standin.set_faults(fail_rate=fail_rate, mode="mixed", hold_ms=900, retry_after=0)
    try:
        assert worker.run_until_empty(timeout), "everything is delivered in time"
    finally:
        worker.stop()
        standin.clear_faults()
        for client in clients.values():
            close = getattr(client, "close", None)
            if close:
                close()
    with database.session() as s:
        return Counter(s.scalars(select(OutboxMessage.status)))


def once_each(items) -> bool:
    """Every request reached the system once: no idempotency key twice."""
    keys = Counter(i["idempotency_key"] for i in items)
    return bool(keys) and max(keys.values()) == 1
