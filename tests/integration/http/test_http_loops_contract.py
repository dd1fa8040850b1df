"""The systems of the procedures' loops (issue 17) on the contract: every new path answered by the
stand-in as openapi.yaml says, validated request and response with openapi-core, and the stand-in's
deterministic rules (unknown IDs 404, products in fault, EOS for DES/DGS) that other tests rely on."""

from __future__ import annotations

import pytest

from app.services import errors
from app.services.callback import CallbackClient
from app.services.cwc import CwcClient
from app.services.escalations import EscalationClient
from app.services.mycx import MyCXClient
from app.services.nonatero import NonateroClient
from app.services.nossa import NossaClient
from app.services.sephia import SephiaClient
from app.services.service_status import ServiceStatusClient
from tests.integration.http.http_test_support import caring

AT = "2026-11-25T10:15:00+07:00"
HC = {"case_id": "HC-7", "account_number": "131100000001", "customer_name": "Pelanggan DCS", "segment": "DCS",
      "source": "call", "criteria": ["berkata kasar"], "reported_by": "agent1", "reported_at": AT}


@pytest.fixture
def loop_clients(make_api):
    api = make_api()
    return {"mycx": MyCXClient(api), "callback": CallbackClient(api), "cwc": CwcClient(api),
            "nossa": NossaClient(api), "sephia": SephiaClient(api), "escalation": EscalationClient(api),
            "nonatero": NonateroClient(api), "status": ServiceStatusClient(api)}


def test_every_new_write_is_stored_once_and_answered_as_the_contract_says(loop_clients, standin, exchanges,
                                                                          contract):
    c = loop_clients
    c["cwc"].submit_call_reason(caring("11-r1"), "cwc-key-0001")
    c["nonatero"].submit_call_result(caring("11-r1"), "nnt-key-0001")
    c["mycx"].report_ticket_status({"ticket_id": "IN100000001", "status": "pending", "result_id": "11-r1",
                                    "pending_until": "2026-11-25T13:00:00+07:00", "note": "ditunda 1 jam",
                                    "changed_at": AT,
                                    "by": "t2.ayu"}, "mts-key-0001")
    c["mycx"].report_pick({"account_number": "131100000001", "program": "CT0", "period": "202611",
                           "agent": "agent1", "picked_at": AT}, "pick-key-0001")
    c["callback"].post_progress({"ticket_number": "IN100000001", "text": "Teknisi menuju lokasi", "by": "hc1",
                                 "at": AT, "case_id": "HC-7"}, "cbp-key-0001")
    c["nossa"].add_note({"incident": "IN100000001", "kind": "pending", "text": "RFO dikirim via e-mail",
                         "by": "t2.ayu", "pending_until": "2026-11-25T13:00:00+07:00"}, "note-key-0001")
    sephia = c["sephia"].report_hard_complaint(HC, "sph-key-0001")
    again = c["sephia"].report_hard_complaint(HC, "sph-key-0001")
    c["escalation"].escalate({"reference": "HC-7", "target": "tial_reg", "reason": "komplain keras",
                              "account_number": "131100000001", "segment": "DCS", "by": "hc1", "at": AT},
                             "esc-key-0001")
    assert sephia.receipt_id.startswith("SPH-") and again.replayed and again.receipt_id == sephia.receipt_id
    assert {d: len(standin.received(d)) for d in ("cwc", "nonatero", "mycx_ticket_status", "mycx_pick",
                                                   "callback_progress", "nossa_note", "sephia", "escalation")} \
        == dict.fromkeys(("cwc", "nonatero", "mycx_ticket_status", "mycx_pick", "callback_progress",
                          "nossa_note", "sephia", "escalation"), 1)
    assert exchanges.validate_all(contract) == 9


def test_every_new_read_answers_as_the_contract_says(loop_clients, exchanges, contract):
    c = loop_clients
    c["mycx"].report_ticket_status({"ticket_id": "IN100000002", "status": "closed", "result_id": "12-r1",
                                    "changed_at": AT}, "mts-key-0002")
    assert c["mycx"].ticket_status("IN100000002")["status"] == "closed"
    assert c["mycx"].eos("131100000001").has_eos in (True, False)
    c["nossa"].add_note({"incident": "IN100000002", "kind": "closing", "text": "Ditutup: normal", "by": "x"},
                        "note-key-0002")
    progress = c["nossa"].incident("IN100000002")
    assert progress.status == "closed" and progress.notes[-1][1] == "Ditutup: normal"
    assert c["status"].status("131100000007").status == "fault"
    assert c["status"].status("131100000001").status == "normal"
    c["sephia"].report_hard_complaint(HC, "sph-key-0002")
    c["escalation"].escalate({"reference": "HC-7", "target": "c4", "reason": "percepatan", "by": "hc1", "at": AT},
                             "esc-key-0002")
    pulled = c["sephia"].fetch_hard_complaints(limit=500).items
    mine = next(p for p in pulled if p.get("case_id") == "HC-7")
    assert mine["status"] == "forwarded" and "c4" in mine["progress"][0]["text"]
    for health in ("cwc", "nossa", "sephia", "escalation", "nonatero", "service-status"):
        assert c["cwc"].api.get(f"/{health}/v1/health").body["system"] == health
    assert exchanges.validate_all(contract) == 16


def test_unknown_ids_are_404_and_bad_bodies_422(loop_clients):
    c = loop_clients
    for call in (lambda: c["status"].status("131100000000"), lambda: c["nossa"].incident("IN100000000"),
                 lambda: c["mycx"].eos("131100000000"), lambda: c["mycx"].ticket_status("IN100000000")):
        with pytest.raises(errors.NotFound):
            call()
    with pytest.raises(errors.RejectedRequest) as bad:
        c["sephia"].report_hard_complaint(dict(HC, criteria=[]), "sph-key-0003")
    assert bad.value.status_code == 422 and errors.is_permanent(bad.value)
    with pytest.raises(errors.RejectedRequest):
        c["mycx"].report_ticket_status({"ticket_id": "IN100000003", "status": "pending", "result_id": "1-r1",
                                        "changed_at": AT}, "mts-key-0003")
    with pytest.raises(ValueError):
        c["escalation"].escalate({"reference": "x", "target": "anywhere"}, "esc-key-0003")
