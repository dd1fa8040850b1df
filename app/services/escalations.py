"""The escalation client: a case handed to a unit (back-end, top management, TIAL REG, C4,
the DCS/DBS unit, the customer's EOS, billing, the team leader).

The procedures' coordination groups (W-08 1.2.10/1.2.12, W-24 5.1.5/5.2.5, W-89
1.2.9) behind one contract path.  One submission per escalation with the caller's
idempotency key, retried only by the outbox.  It must not touch the database or
decide who is escalated to.
"""

from __future__ import annotations

from typing import Any, Mapping

from app.domain.text import Text
from app.services.errors import PayloadRefused
from app.services.http import ContractClient, Receipt, receipt_from

SERVICE = "Eskalasi"
TARGETS = ("backend", "top_management", "tial_reg", "c4", "dcs_unit", "dbs_unit", "eos", "billing", "team_leader")


class EscalationClient(ContractClient):
    URL_KEY = "escalation_url"
    SERVICE = SERVICE

    def escalate(self, payload: Mapping[str, Any], idempotency_key: str) -> Receipt:
        if payload.get("target") not in TARGETS:
            raise PayloadRefused(Text(f"Tujuan eskalasi harus salah satu dari {TARGETS}.",
                                      f"The escalation target must be one of {TARGETS}."))
        body = {k: v for k, v in dict(payload).items() if v is not None}
        resp = self.api.post("/escalation/v1/escalations", body, idempotency_key=idempotency_key)
        return receipt_from(resp, "escalation", SERVICE, "receipt_id")
