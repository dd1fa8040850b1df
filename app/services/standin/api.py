"""The business side of the stand-in: what each contract path answers.

Pure request -> (status, body) functions over the stand-in's state and sample data;
the HTTP details (auth, request IDs, idempotency replay, faults) live in
app.services.standin.server.  Keep answers exactly as app/resources/contract/openapi.yaml
says: the contract tests validate them against it.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable

import app.services.standin.data as data
from app.services.standin.state import StandinState

PROGRAMS = ("CT0", "PRANPC")
TICKET_STATUSES = ("open", "super_emergency", "pending", "closed", "back_to_repair")
CALLBACK_OUTCOMES = ("solved", "not_solved", "not_reached", "pending")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Catalogue:
    """The sample data one stand-in offers; built once from the seed."""

    seed: int
    today: Callable[[], date]
    now: Callable[[], datetime]
    dapros_per_program: int = 120
    ticket_count: int = 25
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)   # account -> profile fields
    _dapros: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _tickets: list[dict[str, Any]] | None = None

    def dapros(self, program: str) -> list[dict[str, Any]]:
        if program not in self._dapros:
            self._dapros[program] = data.dapros(self.seed, program, self.dapros_per_program, self.today())
        return self._dapros[program]

    def tickets(self) -> list[dict[str, Any]]:
        if self._tickets is None:
            self._tickets = data.callback_tickets(self.seed, self.ticket_count, self.now())
        return self._tickets


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("o:"):
            raise ValueError
        return max(0, int(text[2:]))
    except ValueError:
        raise ApiError(400, "bad_cursor", "cursor tidak sah") from None


def _limit(query: dict[str, str]) -> int:
    try:
        limit = int(query.get("limit", "50"))
    except ValueError:
        raise ApiError(400, "bad_parameter", "limit harus angka") from None
    if not 1 <= limit <= 500:
        raise ApiError(400, "bad_parameter", "limit harus 1-500")
    return limit


def _page(items: list[dict[str, Any]], query: dict[str, str]) -> dict[str, Any]:
    offset, limit = _decode_cursor(query.get("cursor")), _limit(query)
    chunk = items[offset:offset + limit]
    more = offset + limit < len(items)
    return {"items": chunk, "next_cursor": _encode_cursor(offset + limit) if more else None}


def _require(body: Any, fields: dict[str, type | tuple[type, ...]]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(422, "validation_failed", "isi permintaan harus objek JSON")
    problems = []
    for name, kind in fields.items():
        value = body.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"{name} wajib diisi")
        elif not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            problems.append(f"{name} bertipe salah")
    if problems:
        raise ApiError(422, "validation_failed", "; ".join(problems))
    return body


def _ts(now: datetime) -> str:
    return now.astimezone(timezone.utc).isoformat()


# -- GET -------------------------------------------------------------------------
def get_bill(cat: Catalogue, account: str) -> dict[str, Any]:
    if not data.ACCOUNT_NUMBER.match(account):
        raise ApiError(400, "bad_account_number", "nomor pelanggan harus 9-14 digit angka")
    bill = data.bill(account, cat.today(), cat.overrides.get(account))
    if bill is None:
        raise ApiError(404, "not_found", f"nomor pelanggan {account} tidak terdaftar")
    bill["as_of"] = _ts(cat.now())
    return bill


def list_dapros(cat: Catalogue, query: dict[str, str]) -> dict[str, Any]:
    program = query.get("program")
    if program not in PROGRAMS:
        raise ApiError(400, "bad_parameter", "program harus CT0 atau PRANPC")
    return _page(cat.dapros(program), query)


def list_tickets(cat: Catalogue, query: dict[str, str]) -> dict[str, Any]:
    return _page(cat.tickets(), query)


# -- POST / PATCH (called once per idempotency key) ----------------------------------
CARING_FIELDS = {"result_id": str, "account_number": str, "program": str, "reason_code": str,
                 "contacted": bool, "agent": str, "called_at": str}


def caring_result(cat: Catalogue, prefix: str, body: Any, seq: int) -> tuple[int, dict[str, Any]]:
    _require(body, CARING_FIELDS)
    return 201, {"receipt_id": f"{prefix}-{seq:08d}", "received_at": _ts(cat.now())}


def fault_ticket(cat: Catalogue, state: StandinState, body: Any, seq: int) -> tuple[int, dict[str, Any]]:
    _require(body, {"product_id": str, "reporter_name": str, "reporter_phone": str,
                    "symptom": str, "description": str})
    if len(re.sub(r"\D", "", body["reporter_phone"])) < 6:
        raise ApiError(422, "validation_failed", "reporter_phone tidak sah")
    number = f"IN{700000000 + seq:09d}"
    created = _ts(cat.now())
    with state.lock:
        state.tickets[number] = {"status": "open", "updated_at": created}
    return 201, {"ticket_number": number, "status": "open", "created_at": created}


def ticket_status(cat: Catalogue, state: StandinState, ticket_id: str, body: Any) -> tuple[int, dict[str, Any]]:
    _require(body, {"status": str})
    if body["status"] not in TICKET_STATUSES:
        raise ApiError(422, "validation_failed", f"status harus salah satu dari {', '.join(TICKET_STATUSES)}")
    known = {t["ticket_number"] for t in cat.tickets()}
    with state.lock:
        if ticket_id not in state.tickets and ticket_id not in known:
            raise ApiError(404, "not_found", f"tiket {ticket_id} tidak ditemukan")
        updated = _ts(cat.now())
        state.tickets[ticket_id] = {"status": body["status"], "updated_at": updated}
    return 200, {"ticket_id": ticket_id, "status": body["status"], "updated_at": updated}


def callback_response(cat: Catalogue, body: Any, seq: int) -> tuple[int, dict[str, Any]]:
    _require(body, {"ticket_number": str, "outcome": str, "agent": str, "called_at": str})
    if body["outcome"] not in CALLBACK_OUTCOMES:
        raise ApiError(422, "validation_failed", f"outcome harus salah satu dari {', '.join(CALLBACK_OUTCOMES)}")
    return 201, {"receipt_id": f"CB-{seq:08d}", "received_at": _ts(cat.now())}
