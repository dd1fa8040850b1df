"""The MyCX client: prospect batches (dapros) and their picks, caring results, fault tickets,
ticket status (read, the TL's change, and the changes a callback result makes), the EOS.

Reads are plain GETs (retried by the transport); every submission carries the
caller's idempotency key and is never retried here (app.services.outbox_worker
does that).  It must not touch the database or decide business rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote

from app.domain.text import Text
from app.services import errors
from app.services.http import ContractClient, Page, Receipt, receipt_from, require_dict

SERVICE = "MyCX"
PROGRAMS = ("CT0", "PRANPC")
TICKET_STATUSES = ("open", "super_emergency", "pending", "closed", "back_to_repair")
STATUS_CHANGES = ("pending", "closed", "back_to_repair")


@dataclass(frozen=True)
class Eos:
    """The account officer escorting an enterprise customer (W-08 1.2.7, 1.2.9); has_eos False: none."""

    account_number: str
    has_eos: bool
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class MyCXClient(ContractClient):
    URL_KEY = "mycx_url"
    SERVICE = SERVICE

    def fetch_dapros(self, program: str, limit: int = 50, cursor: str | None = None) -> Page:
        """A page of contract `Prospect` objects of one program."""
        if program not in PROGRAMS:
            raise errors.PayloadRefused(Text(f"Program harus salah satu dari {PROGRAMS}.",
                                             f"The program must be one of {PROGRAMS}."))
        return self.api.get_page("/mycx/v1/dapros", "dapros", limit=limit, cursor=cursor, program=program)

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
            raise errors.PayloadRefused(Text(f"Status tiket harus salah satu dari {TICKET_STATUSES}.",
                                             f"The ticket status must be one of {TICKET_STATUSES}."))
        body = {"status": status, "note": note, "pending_until": pending_until, "by": by}
        resp = self.api.patch(f"/mycx/v1/tickets/{quote(ticket_id, safe='')}",
                              {k: v for k, v in body.items() if v is not None},
                              idempotency_key=idempotency_key)
        return receipt_from(resp, "ticket status", SERVICE, "ticket_id", "status")

    def ticket_status(self, ticket_id: str) -> dict[str, Any]:
        """The contract's `TicketState` of one ticket (NotFound when MyCX does not know it)."""
        resp = self.api.get(f"/mycx/v1/tickets/{quote(ticket_id, safe='')}")
        return require_dict(resp.body, "ticket", SERVICE, resp.request_id, "ticket_id", "status", "updated_at")

    def report_ticket_status(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Outbox destination "mycx_ticket_status": what a callback result did to the ticket,
        payload {ticket_id, status (pending/closed/back_to_repair), changed_at, pending_until?, note?,
        result_id, by?}; MyCX applies a change older than its last one as history only."""
        if payload.get("status") not in STATUS_CHANGES:
            raise errors.PayloadRefused(Text(f"Status tiket harus salah satu dari {STATUS_CHANGES}.",
                                             f"The ticket status must be one of {STATUS_CHANGES}."))
        body = {k: payload.get(k) for k in ("status", "pending_until", "note", "result_id", "by", "changed_at")}
        resp = self.api.post(f"/mycx/v1/tickets/{quote(str(payload['ticket_id']), safe='')}/status-changes",
                             {k: v for k, v in body.items() if v is not None}, idempotency_key=idempotency_key)
        return receipt_from(resp, "ticket status change", SERVICE, "ticket_id", "status")

    def report_pick(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Outbox destination "mycx_pick": a prospect pulled from MyCX was picked in Sambung."""
        body = {k: v for k, v in dict(payload).items() if v is not None}
        resp = self.api.post("/mycx/v1/dapros/picks", body, idempotency_key=idempotency_key)
        return receipt_from(resp, "dapros pick", SERVICE, "receipt_id")

    def eos(self, account_number: str) -> Eos:
        resp = self.api.get(f"/mycx/v1/customers/{quote(account_number.strip(), safe='')}/eos")
        body = require_dict(resp.body, "eos", SERVICE, resp.request_id, "account_number", "has_eos")
        return Eos(str(body["account_number"]), bool(body["has_eos"]), body.get("name"), body.get("phone"),
                   body.get("email"))

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
        raise errors.RejectedRequest(detail=f"unknown mycx_ticket action {action!r}", service=SERVICE,
                                     server_message=Text(f"aksi tiket tidak dikenal: {action}",
                                                         f"unknown ticket action: {action}"))
