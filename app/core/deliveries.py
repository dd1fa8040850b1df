"""What the outbox owes, and driving it: one place that counts deliveries for the desk's
indicator, the help desk's diagnostics, the team leader's dashboard and
`sambung outbox status`, lists what is still owed, puts failed messages back, and builds
the delivering worker.

Who sees what (issue 16, item 18): a failure goes to someone who can act on it.  An agent
sees the deliveries of their own results only — never another agent's RFO e-mail — and
may not resend; a team leader sees their team's and resends them; an administrator sees
and resends everything, also what carries no result.  Counting is app.store.outbox_repo's;
the destinations (name -> sender) are app.services.destinations'.  Nothing here talks HTTP
or touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.context import AppContext, CurrentUser, NotLoggedIn, acting
from app.core.headless import SchemaError
from app.domain.roles import Permission, Role, has_permission
from app.domain.text import Text, TextError
from app.store import audit, outbox_repo
from app.store.outbox_repo import OutboxCount, OutboxTotals, OwedDelivery

__all__ = ["DeliveriesNotConfigured", "DeliveryRefused", "DeliveryScope", "FailedDelivery", "OutboxCount",
           "OutboxHealth", "OutboxReport", "OutboxTotals", "OwedDelivery", "delivery_counts", "delivery_scope",
           "delivery_totals", "may_resend", "outbox_health", "outbox_report", "outbox_worker", "owed_deliveries",
           "resend_delivery", "retry_failed"]


class DeliveriesNotConfigured(TextError):
    """No destination can be reached with these settings."""


class DeliveryRefused(TextError, PermissionError):
    """The message is not the actor's to resend."""


@dataclass(frozen=True)
class DeliveryScope:
    """Whose deliveries an actor sees: one agent's results, one team's, or everything (both None)."""

    agent_id: int | None = None
    team_id: int | None = None

    @property
    def everything(self) -> bool:
        return self.agent_id is None and self.team_id is None


def delivery_scope(user: CurrentUser | None) -> DeliveryScope:
    """An administrator (and the machine itself, no user): everything; a team leader: their team's
    results; anyone else: their own results."""
    if user is None or user.role == Role.ADMIN:
        return DeliveryScope()
    if has_permission(user.role, Permission.VIEW_TEAM):
        return DeliveryScope(team_id=user.team_id) if user.team_id is not None else DeliveryScope(agent_id=user.id)
    return DeliveryScope(agent_id=user.id)


def may_resend(user: CurrentUser | None) -> bool:
    """Team leaders and administrators resend; an agent cannot fix what the other system refused."""
    return user is not None and has_permission(user.role, Permission.VIEW_TEAM)


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


def delivery_counts(ctx: AppContext, everyone: bool = False) -> list[OutboxCount]:
    """Messages per destination and status: of what the logged-in user may see, or of `everyone`
    (the help desk's diagnostics, the command line)."""
    scope = DeliveryScope() if everyone else delivery_scope(ctx.user)
    with ctx.database.session() as s:
        return outbox_repo.counts(s, team_id=scope.team_id, agent_id=scope.agent_id)


def delivery_totals(ctx: AppContext, everyone: bool = False) -> OutboxTotals:
    """Waiting, failed and delivered: for an agent's indicator, of their own results only."""
    return OutboxTotals.of(delivery_counts(ctx, everyone))


def owed_deliveries(ctx: AppContext, offset: int = 0, limit: int = 100,
                    failed_only: bool = False) -> tuple[list[OwedDelivery], int]:
    """The deliveries not made yet that the logged-in user may see, failed first, with their error."""
    if ctx.user is None:
        raise NotLoggedIn()
    scope = delivery_scope(ctx.user)
    with ctx.database.session() as s:
        return outbox_repo.owed(s, team_id=scope.team_id, agent_id=scope.agent_id, failed_only=failed_only,
                                offset=offset, limit=limit)


def resend_delivery(ctx: AppContext, message_id: int | None = None) -> int:
    """Put a failed message (or every failed one the actor sees) back in the queue, due now; how many.
    A team leader resends their team's, an administrator any."""
    user = acting(ctx, Permission.VIEW_TEAM)
    scope = delivery_scope(user)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        if message_id is None:
            ids = [row.message_id for row in outbox_repo.owed(s, team_id=scope.team_id, agent_id=scope.agent_id,
                                                               failed_only=True, limit=100_000)[0]]
        else:
            message, agent_id, team_id = outbox_repo.owner_of(s, message_id)
            if message is None:
                raise DeliveryRefused(Text(f"Pengiriman #{message_id} tidak ditemukan.",
                                           f"Delivery #{message_id} not found."))
            if not scope.everything and team_id != scope.team_id:
                raise DeliveryRefused(Text("Pengiriman ini milik tim lain.", "This delivery belongs to another team."))
            ids = [message_id]
        count = sum(outbox_repo.requeue_failed(s, now, mid) for mid in ids)
        if count:
            audit.record(s, user, "outbox.resend", f"outbox:{message_id}" if message_id else "outbox:failed",
                         {"messages": ids[:50], "count": count}, at=now)
        return count


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
        raise SchemaError(Text(f"Tabel outbox tidak dapat dibaca ({type(exc).__name__}); "
                               "jalankan `sambung db upgrade`.",
                               f"The outbox table cannot be read ({type(exc).__name__}); "
                               "run `sambung db upgrade`.")) from exc


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
        keys = ", ".join(destinations.API_URL_KEYS)
        raise DeliveriesNotConfigured(Text(f"Belum ada alamat sistem tujuan ({keys}).",
                                           f"No destination system has an address yet ({keys})."))
    try:
        senders = destinations.senders_from_settings(settings)
    except ServiceError as exc:
        raise DeliveriesNotConfigured(exc.user_text or exc.user_message) from exc
    get = settings.get
    return OutboxWorker(ctx.database, senders, clock=ctx.clock,
                        concurrency=concurrency or int(get("outbox.concurrency", 4)),
                        batch_size=batch_size or int(get("outbox.batch_size", 20)),
                        base_delay=float(get("outbox.backoff_base_seconds", 2.0)),
                        max_delay=float(get("outbox.backoff_max_seconds", 600.0)),
                        lease=float(get("outbox.lease_seconds", 120.0)),
                        idle_poll=float(get("outbox.idle_poll_seconds", 5.0)))
