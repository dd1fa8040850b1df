"""What the outbox owes: one place that counts deliveries for the desk's indicator,
the help desk's diagnostics, the team leader's dashboard and `sambung outbox status`."""

from __future__ import annotations

from app.core.context import AppContext
from app.store import outbox_repo
from app.store.outbox_repo import OutboxCount, OutboxTotals


def delivery_counts(ctx: AppContext) -> list[OutboxCount]:
    with ctx.database.session() as s:
        return outbox_repo.counts(s)


def delivery_totals(ctx: AppContext) -> OutboxTotals:
    return OutboxTotals.of(delivery_counts(ctx))
