"""The TAMARA client: caring results for the national report and monitoring.

One submission per result, with the caller's idempotency key; never retried here
(the outbox does).  It must not touch the database.
"""

from __future__ import annotations

from typing import Any, Mapping

from app.services.http import ContractClient, Receipt, receipt_from

SERVICE = "TAMARA"


class TamaraClient(ContractClient):
    URL_KEY = "tamara_url"
    SERVICE = SERVICE

    def submit_caring_result(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/tamara/v1/caring-results", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "caring result", SERVICE, "receipt_id")
