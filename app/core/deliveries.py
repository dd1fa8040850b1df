"""What the outbox owes, and driving it: one place that counts deliveries for the desk's
indicator, the help desk's diagnostics, the team leader's dashboard and
`sambung outbox status`, puts failed messages back, and builds the delivering worker.

Counting is app.store.outbox_repo's; the destinations (name -> sender) are
app.services.destinations'.  Nothing here talks HTTP or touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.context import AppContext
from app.core.headless import SchemaError
from app.store import outbox_repo
from app.store.outbox_repo import OutboxCount, OutboxTotals

__all__ = ["DeliveriesNotConfigured", "FailedDelivery", "OutboxCount", "OutboxHealth", "OutboxReport",
           "OutboxTotals", "delivery_counts", "delivery_totals", "outbox_health", "outbox_report",
           "outbox_worker", "retry_failed"]


class DeliveriesNotConfigured(Exception):
    """No destination can be reached with these settings (Indonesian message)."""


@dataclass(frozen=True)
class OutboxHealth:
    pending: int
    failed: int
    oldest_pending_seconds: float | None


@dataclass(frozen=True)
class FailedDelivery:
    message_id: int
    destination: str
    attempts: int
    status_code: int | None
    error: str | None


@dataclass(frozen=True)
class OutboxReport:
    counts: list[OutboxCount]
    health: OutboxHealth
    failed: list[FailedDelivery]


def delivery_counts(ctx: AppContext) -> list[OutboxCount]:
    with ctx.database.session() as s:
        return outbox_repo.counts(s)


def delivery_totals(ctx: AppContext) -> OutboxTotals:
    return OutboxTotals.of(delivery_counts(ctx))


def outbox_health(session: Session, now: datetime, team_id: int | None = None) -> OutboxHealth:
    """Pending and failed messages and the age of the oldest pending one (of one team's results)."""
    totals = OutboxTotals.of(outbox_repo.counts(session, team_id))
    oldest = outbox_repo.oldest_pending_created_at(session, team_id)
    age = (now - oldest).total_seconds() if oldest is not None else None
    return OutboxHealth(totals.pending, totals.failed, age)


def outbox_report(ctx: AppContext, failed_limit: int = 20) -> OutboxReport:
    """Everything `sambung outbox status` shows; SchemaError when the outbox cannot be read."""
    try:
        with ctx.database.session() as s:
            return OutboxReport(outbox_repo.counts(s), outbox_health(s, ctx.clock.now()),
                                [FailedDelivery(m.id, m.destination, m.attempts, m.last_status_code, m.last_error)
                                 for m in outbox_repo.failed(s, failed_limit)])
    except SQLAlchemyError as exc:
        raise SchemaError(f"Tabel outbox tidak dapat dibaca ({type(exc).__name__}); "
                          "jalankan `sambung db upgrade`.") from exc


def retry_failed(ctx: AppContext, message_id: int | None = None) -> int:
    """Put failed messages (one, or all) back in the queue, due now; how many."""
    with ctx.database.session() as s:
        return outbox_repo.requeue_failed(s, ctx.clock.now(), message_id)


def outbox_worker(ctx: AppContext, *, concurrency: int | None = None, batch_size: int | None = None):
    """An OutboxWorker for every destination the settings reach, tuned by the `outbox.*` settings
    (the arguments override them).  DeliveriesNotConfigured when no system of the contract is set."""
    from app.services import destinations
    from app.services.errors import ServiceError
    from app.services.outbox_worker import OutboxWorker

    settings = ctx.settings
    if not destinations.contract_configured(settings):
        raise DeliveriesNotConfigured("Belum ada alamat sistem tujuan ("
                                      + ", ".join(destinations.API_URL_KEYS) + ").")
    try:
        senders = destinations.senders_from_settings(settings)
    except ServiceError as exc:
        raise DeliveriesNotConfigured(exc.user_message) from exc
    get = settings.get
    return OutboxWorker(ctx.database, senders, clock=ctx.clock,
                        concurrency=concurrency or int(get("outbox.concurrency", 4)),
                        batch_size=batch_size or int(get("outbox.batch_size", 20)),
                        base_delay=float(get("outbox.backoff_base_seconds", 2.0)),
                        max_delay=float(get("outbox.backoff_max_seconds", 600.0)),
                        lease=float(get("outbox.lease_seconds", 120.0)),
                        idle_poll=float(get("outbox.idle_poll_seconds", 5.0)))
