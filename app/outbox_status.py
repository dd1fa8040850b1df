"""How many deliveries are waiting or failed: the desk's indicator and `sambung outbox status`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.store.db import Database
from app.store.models import OutboxMessage


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    failed: int
    delivered: int


def outbox_counts(database: Database) -> OutboxCounts:
    with database.session() as s:
        rows = dict(s.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return OutboxCounts(rows.get("pending", 0), rows.get("failed", 0), rows.get("delivered", 0))
