"""The stand-in's answers for the systems of the procedures' loops (issue 17): CWC, NOSSA,
Sephia, escalation, Nonatero, service status, and MyCX's ticket reads, status changes,
dapros picks and EOS look-ups, plus the Callback app's progress posts.

Pure request -> (status, body) functions over the stand-in's state, like
app.services.standin.api (whose helpers they share); what was posted is read back
from the state's received items, so Sephia lists what agents reported and NOSSA shows
the notes agents wrote.  Deterministic rules a test can rely on: an ID ending in
"0000" is unknown (404); a product ID ending in 7, 8 or 9 is in fault; a DES or DGS
customer has an EOS.  Keep answers exactly as the contract says.
"""

from __future__ import annotations

import re
from typing import Any

import app.services.standin.data as data
from app.services.standin.api import ApiError, Catalogue, _page, _require, _ts
from app.services.standin.state import StandinState

INCIDENT = re.compile(r"^(IN\d{6,12}|\d{9,14})$")
STATUS_CHANGES = ("pending", "closed", "back_to_repair")
NOTE_KINDS = ("progress", "pending", "closing", "back_to_repair")
ESCALATION_TARGETS = ("backend", "top_management", "tial_reg", "c4", "dcs_unit", "dbs_unit", "eos", "billing",
                      "team_leader")
SEGMENTS = ("DES", "DGS", "DBS", "DCS")
FAULT_DIGITS = "789"


def _known(identifier: str) -> bool:
    return bool(INCIDENT.match(identifier)) and not identifier.endswith(data.UNKNOWN_SUFFIX)


# -- MyCX ---------------------------------------------------------------------------------------
def ticket_state(cat: Catalogue, state: StandinState, ticket_id: str) -> dict[str, Any]:
    with state.lock:
        current = state.tickets.get(ticket_id)
    if current is not None:
        return {"ticket_id": ticket_id, "status": current["status"], "updated_at": current["updated_at"]}
    if ticket_id in {t["ticket_number"] for t in cat.tickets()} or _known(ticket_id):
        return {"ticket_id": ticket_id, "status": "open", "updated_at": _ts(cat.now())}
    raise ApiError(404, "not_found", f"tiket {ticket_id} tidak ditemukan")


def ticket_status_change(cat: Catalogue, state: StandinState, ticket_id: str, body: Any) -> tuple[int, dict]:
    _require(body, {"status": str, "result_id": str})
    if body["status"] not in STATUS_CHANGES:
        raise ApiError(422, "validation_failed", f"status harus salah satu dari {', '.join(STATUS_CHANGES)}")
    if body["status"] == "pending" and not body.get("pending_until"):
        raise ApiError(422, "validation_failed", "pending_until wajib untuk status pending")
    if not isinstance(body.get("changed_at"), str):
        raise ApiError(422, "validation_failed", "changed_at wajib diisi")
    ticket_state(cat, state, ticket_id)            # 404 for an unknown ticket
    updated = _ts(cat.now())
    with state.lock:
        current = state.tickets.get(ticket_id, {})
        # Out of order (a retried older change): kept as history, the newer status stays.
        if body["changed_at"] >= current.get("changed_at", ""):
            state.tickets[ticket_id] = {"status": body["status"], "updated_at": updated,
                                        "changed_at": body["changed_at"]}
        now_state = dict(state.tickets[ticket_id])
    return 201, {"ticket_id": ticket_id, "status": now_state["status"], "updated_at": now_state["updated_at"]}


def dapros_pick(cat: Catalogue, body: Any, seq: int) -> tuple[int, dict]:
    _require(body, {"account_number": str, "program": str, "agent": str, "picked_at": str})
    if body["program"] not in ("CT0", "PRANPC"):
        raise ApiError(422, "validation_failed", "program harus CT0 atau PRANPC")
    return 201, {"receipt_id": f"PICK-{seq:08d}", "received_at": _ts(cat.now())}


def eos(cat: Catalogue, account: str) -> dict[str, Any]:
    if not data.is_known_account(account):
        raise ApiError(404, "not_found", f"nomor pelanggan {account} tidak terdaftar")
    profile = dict(data.profile(account), **cat.overrides.get(account, {}))
    if profile["segment"] not in ("DES", "DGS"):
        return {"account_number": account, "has_eos": False, "name": None, "phone": None, "email": None}
    surname = profile["name"].split()[-1]
    return {"account_number": account, "has_eos": True, "name": f"EOS {surname}",
            "phone": "+6222" + account[-8:], "email": f"eos.{surname.lower()}@telkom.co.id"}


# -- Callback app ---------------------------------------------------------------------------------
def callback_progress(cat: Catalogue, body: Any, seq: int) -> tuple[int, dict]:
    _require(body, {"text": str, "by": str, "at": str})
    return 201, {"receipt_id": f"CBP-{seq:08d}", "received_at": _ts(cat.now())}


# -- CWC and Nonatero: every call's reason ---------------------------------------------------------
# -- (the same CaringResult as MyCX/TAMARA; app.services.standin.api.caring_result answers them)


# -- NOSSA ------------------------------------------------------------------------------------------
def _catalogue_ticket(cat: Catalogue, incident: str) -> dict[str, Any] | None:
    return next((t for t in cat.tickets() if incident in (t["ticket_number"], t["account_number"])), None)


def incident(cat: Catalogue, state: StandinState, incident_id: str) -> dict[str, Any]:
    ticket = _catalogue_ticket(cat, incident_id)
    if ticket is None and not _known(incident_id):
        raise ApiError(404, "not_found", f"insiden {incident_id} tidak ditemukan di NOSSA")
    number = ticket["ticket_number"] if ticket else incident_id
    posted = [item for item in state.items("nossa_note") if _segment_of(item["path"]) in (number, incident_id)]
    opened = min([i["received_at"] for i in posted] + [_ts(cat.now())])
    notes = [dict(n) for n in ticket["progress_notes"]] if ticket else [
        {"at": opened, "text": "Insiden tercatat; menunggu teknisi"}]
    status = "in_progress"
    for item in posted:
        body = item["body"]
        notes.append({"at": body.get("at") or item["received_at"], "text": body["text"], "by": body.get("by"),
                      "kind": body["kind"]})
    notes.sort(key=lambda n: n["at"])
    for n in notes:            # the last note decides, in the order they were written
        status = {"pending": "pending", "closing": "closed", "back_to_repair": "in_progress"}.get(
            n.pop("kind", None), status)
    product = ticket["account_number"] if ticket else (incident_id if incident_id.isdigit() else number)
    return {"incident_id": number, "product_id": product, "status": status, "updated_at": notes[-1]["at"],
            "notes": notes}


def _segment_of(path: str) -> str:
    from urllib.parse import unquote
    return unquote(path.split("/")[4])


def incident_note(cat: Catalogue, incident_id: str, body: Any, seq: int) -> tuple[int, dict]:
    _require(body, {"kind": str, "text": str, "by": str})
    if body["kind"] not in NOTE_KINDS:
        raise ApiError(422, "validation_failed", f"kind harus salah satu dari {', '.join(NOTE_KINDS)}")
    if _catalogue_ticket(cat, incident_id) is None and not _known(incident_id):
        raise ApiError(404, "not_found", f"insiden {incident_id} tidak ditemukan di NOSSA")
    return 201, {"receipt_id": f"NOSSA-{seq:08d}", "received_at": _ts(cat.now())}


# -- Sephia ------------------------------------------------------------------------------------------
def hard_complaint(cat: Catalogue, body: Any, seq: int) -> tuple[int, dict]:
    _require(body, {"case_id": str, "account_number": str, "customer_name": str, "segment": str, "source": str,
                    "criteria": list, "reported_by": str, "reported_at": str})
    if body["segment"] not in SEGMENTS:
        raise ApiError(422, "validation_failed", "segment harus DES, DGS, DBS atau DCS")
    if body["source"] not in ("call", "ticket", "email"):
        raise ApiError(422, "validation_failed", "source harus call, ticket atau email")
    if not body["criteria"]:
        raise ApiError(422, "validation_failed", "criteria tidak boleh kosong (aturan komplain keras)")
    return 201, {"sephia_id": f"SPH-{seq:06d}", "status": "open", "created_at": _ts(cat.now())}


def _escalated_cases(state: StandinState) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for item in state.items("escalation"):
        out.setdefault(item["body"]["reference"], []).append(item)
    return out


def list_hard_complaints(cat: Catalogue, state: StandinState, query: dict[str, str]) -> dict[str, Any]:
    """Hard-complaint tickets of the Callback catalogue, then every one reported here, oldest first;
    a case escalated to a unit reads "forwarded", with the escalation as its progress."""
    escalated = _escalated_cases(state)
    items: list[dict[str, Any]] = []
    for t in cat.tickets():
        if t["ticket_type"] == "hard_complaint":
            items.append({"sephia_id": f"SPH-T{t['ticket_number'][2:]}", "case_id": None,
                          "account_number": t["account_number"], "customer_name": t["customer_name"],
                          "segment": t["segment"], "criteria": [f"lapor ulang {t['repeat_reports']} kali"],
                          "ticket_number": t["ticket_number"], "note": None, "status": "open",
                          "reported_at": t["progress_notes"][0]["at"], "progress": list(t["progress_notes"])})
    for item in state.items("sephia"):
        body, answer = item["body"], item["answer"]
        progress = [{"at": e["received_at"], "text": f"Diteruskan ke {e['body']['target']}: {e['body']['reason']}",
                     "by": e["body"]["by"]} for e in escalated.get(body["case_id"], [])]
        items.append({"sephia_id": answer["sephia_id"], "case_id": body["case_id"],
                      "account_number": body["account_number"], "customer_name": body["customer_name"],
                      "segment": body["segment"], "criteria": list(body["criteria"]),
                      "ticket_number": body.get("ticket_number"), "note": body.get("note"),
                      "status": "forwarded" if progress else "open", "reported_at": body["reported_at"],
                      "progress": progress})
    return _page(items, query)


# -- escalation --------------------------------------------------------------------------------------
def escalation(cat: Catalogue, body: Any, seq: int) -> tuple[int, dict]:
    _require(body, {"reference": str, "target": str, "reason": str, "by": str, "at": str})
    if body["target"] not in ESCALATION_TARGETS:
        raise ApiError(422, "validation_failed", f"target harus salah satu dari {', '.join(ESCALATION_TARGETS)}")
    return 201, {"receipt_id": f"ESC-{seq:08d}", "received_at": _ts(cat.now())}


# -- service status ------------------------------------------------------------------------------------
def service_status(cat: Catalogue, product_id: str) -> dict[str, Any]:
    if not _known(product_id):
        raise ApiError(404, "not_found", f"produk {product_id} tidak dikenal")
    fault = product_id[-1] in FAULT_DIGITS
    return {"product_id": product_id, "status": "fault" if fault else "normal",
            "detail": "Redaman tinggi / LOS terdeteksi di ONT" if fault else "Link ter-monitor normal",
            "checked_at": _ts(cat.now())}
