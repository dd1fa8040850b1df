"""Every client call against the stand-in; every answer must match the OpenAPI contract."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import requests

from app.domain.billing import BillStatus
from app.services import errors
from app.services.ipayment import bill_from_json, bill_to_json

from tests.integration.http.http_test_support import caring


def test_every_client_call_matches_the_contract(clients, exchanges, contract, standin):
    bill = clients["ipayment"].get_bill("123456789012")
    page = clients["mycx"].fetch_dapros("PRANPC", limit=5)
    page2 = clients["mycx"].fetch_dapros("PRANPC", limit=5, cursor=page.next_cursor)
    receipt = clients["mycx"].submit_caring_result(caring(), "idem-mycx-0001")
    ticket = clients["mycx"].create_fault_ticket(
        {"product_id": "131234567890", "reporter_name": "Budi Santoso", "reporter_phone": "081234567890",
         "email": "budi@example.co.id", "symptom": "internet mati", "description": "LOS merah sejak pagi"},
        "idem-ticket-0001")
    status = clients["mycx"].update_ticket_status(ticket.receipt_id, "super_emergency", "idem-status-0001",
                                                  note="eskalasi TL", by="tl.rina")
    tamara = clients["tamara"].submit_caring_result(caring(), "idem-tamara-0001")
    tickets = clients["callback"].fetch_tickets(limit=3)
    cb = clients["callback"].submit_response(
        {"ticket_number": tickets.items[0]["ticket_number"], "outcome": "solved", "agent": "t2.ayu",
         "called_at": "2026-11-25T11:00:00+07:00", "attempt_no": 1}, "idem-callback-0001")

    assert bill.account_number == "123456789012" and bill.periods
    assert len(page.items) == 5 and len(page2.items) == 5
    assert {p["account_number"] for p in page.items}.isdisjoint(p["account_number"] for p in page2.items)
    assert all(p["program"] == "PRANPC" and 1 <= p["arrears_months"] <= 2 for p in page.items)
    assert receipt.receipt_id.startswith("MYCX-") and tamara.receipt_id.startswith("TMR-")
    assert ticket.receipt_id.startswith("IN") and ticket.body["status"] == "open"
    assert status.body["status"] == "super_emergency"
    assert len(tickets.items) == 3 and cb.receipt_id.startswith("CB-")
    assert standin.counts() == {"mycx": 1, "mycx_ticket": 2, "tamara": 1, "callback": 1}
    assert exchanges.validate_all(contract) == 9


def test_error_answers_match_the_contract(make_api, exchanges, contract):
    from app.services.ipayment import IPaymentClient
    from app.services.mycx import MyCXClient
    with pytest.raises(errors.NotFound):
        IPaymentClient(make_api()).get_bill("987650000")
    with pytest.raises(errors.AuthenticationFailed):
        IPaymentClient(make_api(token="wrong")).get_bill("123456789012")
    with pytest.raises(errors.RejectedRequest):
        MyCXClient(make_api()).submit_caring_result({"result_id": "x"}, "idem-bad-000001")
    assert exchanges.validate_all(contract) == 3
    for resp in exchanges.seen:
        assert set(resp.json()) >= {"code", "message", "request_id"}


def test_bill_is_parsed_into_decimal_amounts_and_dates(clients):
    bill = clients["ipayment"].get_bill("123456789012")
    assert isinstance(bill.total_arrears, Decimal)
    assert all(isinstance(p.due_date, date) and isinstance(p.amount, Decimal) for p in bill.periods)
    assert bill.is_consistent
    paid = [p for p in bill.periods if p.status is BillStatus.PAID]
    assert paid and all(p.payment_date and p.payment_channel and p.reference for p in paid)
    assert bill_from_json(bill_to_json(bill)) == bill


def test_any_well_formed_account_gets_the_same_bill_every_time(clients):
    first = clients["ipayment"].get_bill("3271234567")
    again = clients["ipayment"].get_bill("3271234567")
    assert first.customer_name == again.customer_name and first.periods == again.periods


def test_account_ending_in_0000_is_unknown_to_ipayment(clients):
    with pytest.raises(errors.NotFound) as caught:
        clients["ipayment"].get_bill("1234560000")
    assert caught.value.status_code == 404 and not caught.value.transient
    assert "tidak ditemukan" in caught.value.user_message


def test_request_id_is_echoed(standin):
    resp = requests.get(f"{standin.url}/ipayment/v1/bills/123456789012",
                        headers={"Authorization": "Bearer test-token-123", "X-Request-ID": "req-abc-1"}, timeout=5)
    assert resp.status_code == 200 and resp.headers["X-Request-ID"] == "req-abc-1"


def test_missing_token_gets_401_json_error(standin):
    resp = requests.get(f"{standin.url}/mycx/v1/dapros?program=CT0", timeout=5)
    assert resp.status_code == 401
    assert resp.json()["code"] == "unauthorized" and resp.json()["request_id"] == resp.headers["X-Request-ID"]


def test_post_without_idempotency_key_is_refused(standin):
    resp = requests.post(f"{standin.url}/tamara/v1/caring-results", json=caring(),
                         headers={"Authorization": "Bearer test-token-123"}, timeout=5)
    assert resp.status_code == 400 and resp.json()["code"] == "idempotency_key_required"
    assert standin.counts() == {}


def test_duplicate_idempotency_key_returns_the_original_answer(clients, standin):
    first = clients["tamara"].submit_caring_result(caring(), "idem-dup-000001")
    second = clients["tamara"].submit_caring_result(caring(), "idem-dup-000001")
    assert second.body == first.body and second.replayed and not first.replayed
    assert len(standin.received("tamara")) == 1


def test_duplicate_of_a_rejected_request_repeats_the_rejection(clients, standin):
    for _ in range(2):
        with pytest.raises(errors.RejectedRequest) as caught:
            clients["mycx"].submit_caring_result(caring(contacted="ya"), "idem-rej-000001")
        assert caught.value.status_code == 422
    assert standin.received("mycx") == []


def test_same_key_with_a_different_body_is_a_conflict(clients, standin):
    clients["mycx"].submit_caring_result(caring(), "idem-conf-00001")
    with pytest.raises(errors.RejectedRequest) as caught:
        clients["mycx"].submit_caring_result(caring(reason_code="CT-RTP"), "idem-conf-00001")
    assert caught.value.status_code == 422 and caught.value.code == "idempotency_conflict"
    assert not caught.value.transient and caught.value.server_message
    assert len(standin.received("mycx")) == 1


def test_ticket_status_on_unknown_ticket_is_not_found(clients):
    with pytest.raises(errors.NotFound):
        clients["mycx"].update_ticket_status("IN000000001", "closed", "idem-unknown-01")


def test_token_and_phone_numbers_never_reach_the_log(clients, caplog):
    import logging
    caplog.set_level(logging.DEBUG)
    clients["mycx"].fetch_dapros("CT0", limit=3)
    clients["mycx"].create_fault_ticket(
        {"product_id": "131234567890", "reporter_name": "Budi", "reporter_phone": "081234567890",
         "symptom": "internet mati", "description": "LOS merah"}, "idem-log-000001")
    assert caplog.records                              # the clients do log their requests
    assert "test-token-123" not in caplog.text and "081234567890" not in caplog.text


def test_errors_carry_the_request_id_for_the_help_desk(clients, standin):
    with pytest.raises(errors.NotFound) as caught:
        clients["ipayment"].get_bill("5551230000")
    assert caught.value.request_id and caught.value.request_id in str(caught.value)


def test_malformed_account_number_is_refused_before_any_request(clients, standin):
    with pytest.raises(errors.RejectedRequest) as caught:
        clients["ipayment"].get_bill("12-34")
    assert "9-14 digit" in caught.value.user_message and standin.state.stats["requests"] == 0
