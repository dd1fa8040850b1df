"""The Tier-2 "Callback app" client: tickets to call back, and the customer's response.

Rule 9 (promise management): progress is posted there and the Tier-2 agent's
response goes back.  Reads are GETs; responses carry the caller's idempotency key
and are retried only by the outbox.  It must not touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from app.services import errors
from app.services.http import ApiClient, Receipt, receipt_from, require_dict

SERVICE = "Callback"


@dataclass(frozen=True)
class CallbackTicketPage:
    items: list[dict[str, Any]]      # contract `CallbackTicket` objects, as sent
    next_cursor: str | None


class CallbackClient:
    def __init__(self, api: ApiClient) -> None:
        self.api = api

    @classmethod
    def from_settings(cls, settings, **kw) -> "CallbackClient":
        return cls(ApiClient.from_settings(settings, "callback_url", SERVICE, **kw))

    def fetch_tickets(self, limit: int = 50, cursor: str | None = None) -> CallbackTicketPage:
        params: dict[str, Any] = {"limit": int(limit)}
        if cursor:
            params["cursor"] = cursor
        resp = self.api.get("/callback/v1/tickets", params=params)
        body = require_dict(resp.body, "callback tickets", SERVICE, resp.request_id, "items", "next_cursor")
        if not isinstance(body["items"], list):
            raise errors.InvalidResponse("callback tickets: items is not a list", service=SERVICE,
                                         request_id=resp.request_id)
        return CallbackTicketPage(items=body["items"], next_cursor=body["next_cursor"])

    def submit_response(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/callback/v1/responses", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "callback response", SERVICE, "receipt_id")

    def close(self) -> None:
        self.api.close()
