"""The NOSSA client: a fault's progress (read), and the details an agent notes on it (write).

W-08 1.2.7-1.2.8: the progress inquiry by ticket number or product ID; W-03 1.2.7,
1.2.9, 1.2.10: details noted when a ticket is pended, closed or sent back.  Reads are
GETs (retried by the transport); notes carry the caller's idempotency key and are
retried only by the outbox.  It must not touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote

from app.domain.text import Text
from app.services import errors
from app.services.http import ContractClient, Receipt, receipt_from, require_dict

SERVICE = "NOSSA"
NOTE_KINDS = ("progress", "pending", "closing", "back_to_repair")


@dataclass(frozen=True)
class IncidentProgress:
    incident_id: str
    product_id: str
    status: str
    updated_at: str
    notes: tuple[tuple[str, str], ...]          # (at, text), oldest first


class NossaClient(ContractClient):
    URL_KEY = "nossa_url"
    SERVICE = SERVICE

    def incident(self, incident: str) -> IncidentProgress:
        """By ticket number or product ID; NotFound when NOSSA has no such incident."""
        resp = self.api.get(f"/nossa/v1/incidents/{quote(incident.strip(), safe='')}")
        body = require_dict(resp.body, "incident", SERVICE, resp.request_id,
                            "incident_id", "product_id", "status", "updated_at", "notes")
        try:
            notes = tuple((str(n["at"]), str(n["text"])) for n in body["notes"])
        except (KeyError, TypeError) as exc:
            raise errors.InvalidResponse(detail=f"incident notes: {exc}", service=SERVICE,
                                         request_id=resp.request_id) from exc
        return IncidentProgress(str(body["incident_id"]), str(body["product_id"]), str(body["status"]),
                                str(body["updated_at"]), notes)

    def add_note(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        """Outbox destination "nossa_note": payload {incident, kind, text, by, at?, pending_until?, result_id?}."""
        kind = str(payload.get("kind", ""))
        if kind not in NOTE_KINDS:
            raise errors.PayloadRefused(Text(f"Jenis catatan NOSSA harus salah satu dari {NOTE_KINDS}.",
                                             f"The NOSSA note kind must be one of {NOTE_KINDS}."))
        body = {k: payload.get(k) for k in ("kind", "text", "by", "at", "pending_until", "result_id")}
        resp = self.api.post(f"/nossa/v1/incidents/{quote(str(payload['incident']), safe='')}/notes",
                             {k: v for k, v in body.items() if v is not None}, idempotency_key=idempotency_key)
        return receipt_from(resp, "incident note", SERVICE, "receipt_id")
