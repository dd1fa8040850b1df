"""The Nonatero client: each call's result for the national call-center dashboard (P-01 11.6).

One submission per result, with the caller's idempotency key; retried only by the
outbox.  It must not touch the database or build the payload.
"""

from __future__ import annotations

from typing import Any, Mapping

from app.services.http import ContractClient, Receipt, receipt_from

SERVICE = "Nonatero"


class NonateroClient(ContractClient):
    URL_KEY = "nonatero_url"
    SERVICE = SERVICE

    def submit_call_result(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/nonatero/v1/call-results", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "call result", SERVICE, "receipt_id")
