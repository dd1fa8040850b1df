"""The Sephia client: hard-complaint tickets in (W-24 5.1.2), and Support HC's pull of them (5.1.3).

A report carries the caller's idempotency key and is retried only by the outbox;
the answer holds the Sephia ticket number.  The pull is a cursor-paged GET.  It must
not touch the database or decide what a hard complaint is.
"""

from __future__ import annotations

from typing import Any, Mapping

from app.services.http import ContractClient, Page, Receipt, receipt_from

SERVICE = "Sephia"


class SephiaClient(ContractClient):
    URL_KEY = "sephia_url"
    SERVICE = SERVICE

    def report_hard_complaint(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        body = {k: v for k, v in dict(payload).items() if v is not None}
        resp = self.api.post("/sephia/v1/hard-complaints", body, idempotency_key=idempotency_key)
        receipt = receipt_from(resp, "hard complaint", SERVICE, "sephia_id")
        return Receipt(str(receipt.body["sephia_id"]), receipt.received_at, receipt.replayed, receipt.body,
                       receipt.status_code)

    def fetch_hard_complaints(self, limit: int = 100, cursor: str | None = None) -> Page:
        """A page of contract `HardComplaint` objects."""
        return self.api.get_page("/sephia/v1/hard-complaints", "hard complaints", limit=limit, cursor=cursor)
