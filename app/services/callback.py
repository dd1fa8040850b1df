"""The Tier-2 "Callback app" client: tickets to call back, and the customer's response.

Rule 9 (promise management): progress is posted there and the Tier-2 agent's
response goes back.  Reads are GETs; responses carry the caller's idempotency key
and are retried only by the outbox.  It must not touch the database.
"""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote

from app.services.http import ContractClient, Page, Receipt, receipt_from

SERVICE = "Callback"


class CallbackClient(ContractClient):
    URL_KEY = "callback_url"
    SERVICE = SERVICE

    def fetch_tickets(self, limit: int = 50, cursor: str | None = None) -> Page:
        """A page of contract `CallbackTicket` objects."""
        return self.api.get_page("/callback/v1/tickets", "callback tickets", limit=limit, cursor=cursor)

    def submit_response(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/callback/v1/responses", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "callback response", SERVICE, "receipt_id")

    def post_progress(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Outbox destination "callback_progress": repair progress Support HC posts on a ticket
        (W-24 5.3.8), payload {ticket_number, text, by, at, case_id?}."""
        body = {k: payload.get(k) for k in ("text", "by", "at", "case_id")}
        resp = self.api.post(f"/callback/v1/tickets/{quote(str(payload['ticket_number']), safe='')}/progress",
                             {k: v for k, v in body.items() if v is not None}, idempotency_key=idempotency_key)
        return receipt_from(resp, "callback progress", SERVICE, "receipt_id")
