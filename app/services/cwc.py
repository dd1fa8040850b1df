"""The CWC client: the "all reason call" of every call (P-01 8.1 step 6: CWC and MyCX).

One submission per result with the caller's idempotency key, never retried here
(the outbox does).  It must not touch the database or build the payload.
"""

from __future__ import annotations

from typing import Any, Mapping

from app.services.http import ContractClient, Receipt, receipt_from

SERVICE = "CWC"


class CwcClient(ContractClient):
    URL_KEY = "cwc_url"
    SERVICE = SERVICE

    def submit_call_reason(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/cwc/v1/call-reasons", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "call reason", SERVICE, "receipt_id")
