"""The i-payment client: a customer's bill and payment status, by account number.

Turns the contract's JSON (app/resources/contract/openapi.yaml, `getBill`) into the
plain `Bill` values of app.domain.billing, and back (for the local stale cache).
It must not cache, decide what to show, or run on the GUI thread: callers use the
background-work helper.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from app.domain.billing import Bill, BillPeriod, BillStatus
from app.domain.text import Text
from app.services import errors
from app.services.http import ContractClient

SERVICE = "i-payment"
ACCOUNT_NUMBER = re.compile(r"^\d{9,14}$")


class IPaymentClient(ContractClient):
    URL_KEY = "ipayment_url"
    SERVICE = SERVICE

    def get_bill(self, account_number: str, request_id: str | None = None) -> Bill:
        """The account's bill; NotFound for an unknown account, other ServiceErrors as they come."""
        account_number = account_number.strip()
        if not ACCOUNT_NUMBER.match(account_number):
            raise errors.RejectedRequest(detail="account number must be 9-14 digits", service=SERVICE,
                                         server_message=Text("Nomor pelanggan harus 9-14 digit angka.",
                                                             "The customer number must be 9-14 digits."))
        resp = self.api.get(f"/ipayment/v1/bills/{quote(account_number)}", request_id=request_id)
        try:
            return bill_from_json(resp.body)
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise errors.InvalidResponse(detail=f"bill: {type(exc).__name__}: {exc}", service=SERVICE,
                                         request_id=resp.request_id) from exc



def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _money(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str, float)):
        raise TypeError(f"amount {value!r} is not a number")
    return Decimal(str(value))


def bill_from_json(data: dict[str, Any]) -> Bill:
    """Raise KeyError/TypeError/ValueError when `data` is not shaped like the contract's Bill."""
    if not isinstance(data, dict):
        raise TypeError("bill is not a JSON object")
    periods = tuple(
        BillPeriod(period=str(p["period"]), amount=_money(p["amount"]),
                   due_date=date.fromisoformat(p["due_date"]), status=BillStatus(p["status"]),
                   payment_date=_date(p.get("payment_date")),
                   payment_channel=p.get("payment_channel"), reference=p.get("reference"))
        for p in data["periods"])
    as_of = data.get("as_of")
    return Bill(account_number=str(data["account_number"]), customer_name=str(data["customer_name"]),
                service_number=str(data["service_number"]), address=str(data["address"]),
                sto=str(data["sto"]), periods=periods,
                months_in_arrears=int(data["months_in_arrears"]),
                total_arrears=_money(data["total_arrears"]),
                as_of=datetime.fromisoformat(as_of) if as_of else None,
                segment=data.get("segment"))


def bill_to_json(bill: Bill) -> dict[str, Any]:
    """The contract's JSON form, e.g. for the local cache (BillSnapshot)."""
    def money(value: Decimal) -> int | str:
        return int(value) if value == value.to_integral_value() else str(value)

    out: dict[str, Any] = {
        "account_number": bill.account_number, "customer_name": bill.customer_name,
        "service_number": bill.service_number, "address": bill.address, "sto": bill.sto,
        "periods": [{
            "period": p.period, "amount": money(p.amount), "due_date": p.due_date.isoformat(),
            "status": p.status.value,
            "payment_date": p.payment_date.isoformat() if p.payment_date else None,
            "payment_channel": p.payment_channel, "reference": p.reference,
        } for p in bill.periods],
        "months_in_arrears": bill.months_in_arrears, "total_arrears": money(bill.total_arrears),
        "as_of": bill.as_of.isoformat() if bill.as_of else None,
    }
    if bill.segment:
        out["segment"] = bill.segment
    return out
