"""The MyCX client: prospect batches (dapros), caring results, fault tickets, ticket status.

Reads are plain GETs (retried by the transport); every submission carries the
caller's idempotency key and is never retried here (app.services.outbox_worker
does that).  It must not touch the database or decide business rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote

from app.services import errors
from app.services.http import ApiClient, Receipt, receipt_from, require_dict

SERVICE = "MyCX"
PROGRAMS = ("CT0", "PRANPC")
TICKET_STATUSES = ("open", "super_emergency", "pending", "closed", "back_to_repair")


@dataclass(frozen=True)
class DaprosPage:
    items: list[dict[str, Any]]       # contract `Prospect` objects, as sent
    next_cursor: str | None


class MyCXClient:
    def __init__(self, api: ApiClient) -> None:
        self.api = api

    @classmethod
    def from_settings(cls, settings, **kw) -> "MyCXClient":
        return cls(ApiClient.from_settings(settings, "mycx_url", SERVICE, **kw))

    def fetch_dapros(self, program: str, limit: int = 50, cursor: str | None = None) -> DaprosPage:
        if program not in PROGRAMS:
            raise ValueError(f"program must be one of {PROGRAMS}")
        params: dict[str, Any] = {"program": program, "limit": int(limit)}
        if cursor:
            params["cursor"] = cursor
        resp = self.api.get("/mycx/v1/dapros", params=params)
        body = require_dict(resp.body, "dapros", SERVICE, resp.request_id, "items", "next_cursor")
        if not isinstance(body["items"], list):
            raise errors.InvalidResponse("dapros: items is not a list", service=SERVICE,
                                         request_id=resp.request_id)
        return DaprosPage(items=body["items"], next_cursor=body["next_cursor"])

    def iter_dapros(self, program: str, page_size: int = 100):
        cursor = None
        while True:
            page = self.fetch_dapros(program, page_size, cursor)
            yield from page.items
            if not page.next_cursor:
                return
            cursor = page.next_cursor

    def submit_caring_result(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        resp = self.api.post("/mycx/v1/caring-results", dict(payload), idempotency_key=idempotency_key)
        return receipt_from(resp, "caring result", SERVICE, "receipt_id")

    def create_fault_ticket(self, report: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Rule 10: returns the ticket number (Receipt.receipt_id) to tell the customer."""
        resp = self.api.post("/mycx/v1/fault-tickets", dict(report), idempotency_key=idempotency_key)
        return receipt_from(resp, "fault ticket", SERVICE, "ticket_number")

    def update_ticket_status(self, ticket_id: str, status: str, idempotency_key: str, *,
                             note: str | None = None, pending_until: str | None = None,
                             by: str | None = None) -> Receipt:
        if status not in TICKET_STATUSES:
            raise ValueError(f"status must be one of {TICKET_STATUSES}")
        body = {"status": status, "note": note, "pending_until": pending_until, "by": by}
        resp = self.api.patch(f"/mycx/v1/tickets/{quote(ticket_id, safe='')}",
                              {k: v for k, v in body.items() if v is not None},
                              idempotency_key=idempotency_key)
        return receipt_from(resp, "ticket status", SERVICE, "ticket_id", "status")

    def deliver_ticket_message(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Outbox destination "mycx_ticket": payload {"action": "create", "report": {...}} or
        {"action": "update", "ticket_id": ..., "status": ..., "note": ...}."""
        action = payload.get("action", "create")
        if action == "create":
            return self.create_fault_ticket(payload.get("report", payload), idempotency_key)
        if action == "update":
            return self.update_ticket_status(str(payload["ticket_id"]), str(payload["status"]),
                                             idempotency_key, note=payload.get("note"),
                                             pending_until=payload.get("pending_until"),
                                             by=payload.get("by"))
        raise errors.RejectedRequest(f"unknown mycx_ticket action {action!r}", service=SERVICE,
                                     server_message=f"aksi tiket tidak dikenal: {action}")

    def close(self) -> None:
        self.api.close()
