"""The bill shown while talking: ask i-payment, keep the last answer, fall back to it.

Runs off the GUI thread (the desk calls it through BackgroundOp).  A server
failure never hides a bill we already saw: the cached one is shown as *stale*
with its age; only when nothing was ever fetched is it an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from app.core.context import AppContext
from app.domain.billing import Bill
from app.domain.text import Text
from app.services.errors import NotFound, ServiceError
from app.services.ipayment import bill_from_json, bill_to_json
from app.store.models import BillSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BillView:
    state: str                      # data | stale | not_found | error
    bill: Bill | None
    fetched_at: datetime | None
    message: str = ""


def lookup_bill(ctx: AppContext, account_number: str) -> BillView:
    client = ctx.services.get("ipayment")
    now = ctx.clock.now()
    try:
        if client is None:
            raise ServiceError(detail="i-payment belum diatur", service="i-payment",
                               user_message=Text("Alamat i-payment belum diatur di pengaturan.",
                                                 "The i-payment address is not set in the settings."))
        bill = client.get_bill(account_number)
    except NotFound as exc:
        return BillView("not_found", None, None, exc.user_message)
    except ServiceError as exc:
        log.warning("i-payment lookup failed: %s", exc.detail or exc)
        with ctx.database.session() as s:
            cached = s.get(BillSnapshot, account_number)
            if cached is not None:
                return BillView("stale", bill_from_json(cached.payload), cached.fetched_at, exc.user_message)
        return BillView("error", None, None, exc.user_message)
    with ctx.database.session() as s:
        snapshot = s.get(BillSnapshot, account_number)
        if snapshot is None:
            s.add(BillSnapshot(account_number=account_number, payload=bill_to_json(bill), fetched_at=now))
        else:
            snapshot.payload = bill_to_json(bill)
            snapshot.fetched_at = now
    return BillView("data", bill, now)
