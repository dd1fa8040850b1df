"""The bill shown while talking: ask i-payment, keep the last answer, fall back to it.

Runs off the GUI thread (the desk calls it through BackgroundOp).  A server
failure never hides a bill we already saw: the cached one is shown as *stale*
with its age; only when nothing was ever fetched is it an error.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.context import AppContext
from app.domain.billing import Bill, BillPeriod, BillStatus
from app.services.errors import NotFound, ServiceError
from app.store.models import BillSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BillView:
    state: str                      # data | stale | not_found | error
    bill: Bill | None
    fetched_at: datetime | None
    message: str = ""


def bill_to_dict(bill: Bill) -> dict[str, Any]:
    def plain(value):
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, BillStatus):
            return value.value
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value
    return plain(asdict(bill))


def bill_from_dict(data: dict[str, Any]) -> Bill:
    def day(value):
        return date.fromisoformat(value) if value else None
    periods = tuple(BillPeriod(period=p["period"], amount=Decimal(p["amount"]), due_date=day(p["due_date"]),
                               status=BillStatus(p["status"]), payment_date=day(p.get("payment_date")),
                               payment_channel=p.get("payment_channel"), reference=p.get("reference"))
                    for p in data["periods"])
    return Bill(account_number=data["account_number"], customer_name=data["customer_name"],
                service_number=data["service_number"], address=data["address"], sto=data["sto"],
                periods=periods, months_in_arrears=int(data["months_in_arrears"]),
                total_arrears=Decimal(data["total_arrears"]),
                as_of=datetime.fromisoformat(data["as_of"]) if data.get("as_of") else None,
                segment=data.get("segment"))


def lookup_bill(ctx: AppContext, account_number: str) -> BillView:
    client = ctx.services.get("ipayment")
    now = ctx.clock.now()
    try:
        if client is None:
            raise ServiceError("i-payment belum diatur", service="i-payment",
                               user_message="Alamat i-payment belum diatur di pengaturan.")
        bill = client.get_bill(account_number)
    except NotFound as exc:
        return BillView("not_found", None, None, exc.user_message)
    except ServiceError as exc:
        log.warning("i-payment lookup failed: %s", exc.detail or exc)
        with ctx.database.session() as s:
            cached = s.get(BillSnapshot, account_number)
            if cached is not None:
                return BillView("stale", bill_from_dict(cached.payload), cached.fetched_at, exc.user_message)
        return BillView("error", None, None, exc.user_message)
    with ctx.database.session() as s:
        snapshot = s.get(BillSnapshot, account_number)
        if snapshot is None:
            s.add(BillSnapshot(account_number=account_number, payload=bill_to_dict(bill), fetched_at=now))
        else:
            snapshot.payload = bill_to_dict(bill)
            snapshot.fetched_at = now
    return BillView("data", bill, now)
