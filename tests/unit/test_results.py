from datetime import date, datetime, timedelta, timezone

import pytest

from app.domain.programs import Program, ProgramRules
from app.domain.results import CANCEL_REASONS, service_normal_value, validate_result
from tests.unit.support import reason

TODAY = date(2026, 11, 25)
FAULT = {"fault_product_id": "122301234567", "fault_reporter_name": "Budi", "fault_reporter_phone": "0812 3456 7890",
         "fault_email": "budi@example.co.id", "fault_symptom": "internet mati", "fault_description": "LOS merah"}


def check(code, fields, program=Program.CT0, **kw):
    return validate_result(reason(code), fields, program, TODAY, **kw)


def test_agree_with_date_and_amount_is_valid():
    assert check("CT-AGR", {"promise_date": "30/11/2026", "promise_amount": "Rp 350.000"}) == {}


def test_agree_without_date_or_amount_names_both_fields():
    errors = check("CT-AGR", {"promise_amount": ""})
    assert set(errors) == {"promise_date", "promise_amount"}
    assert errors["promise_date"] == "Tanggal janji bayar wajib diisi."


def test_promise_date_in_the_past_is_refused():
    assert "masa lalu" in check("CT-AGR", {"promise_date": "24/11/2026", "promise_amount": "1"})["promise_date"]


def test_promise_date_today_is_allowed():
    assert check("CT-AGR", {"promise_date": TODAY, "promise_amount": 100000}) == {}


@pytest.mark.parametrize("program,days", [(Program.CT0, 7), (Program.PRANPC, 14)])
def test_promise_date_must_be_within_the_programs_limit(program, days):
    ok = {"promise_date": TODAY + timedelta(days=days), "promise_amount": "100.000"}
    late = {"promise_date": TODAY + timedelta(days=days + 1), "promise_amount": "100.000"}
    assert check("CT-AGR", ok, program) == {}
    assert f"{days} hari" in check("CT-AGR", late, program)["promise_date"]


def test_promise_limit_follows_overridden_rules():
    rules = ProgramRules.from_settings(Program.CT0, {"promise_max_days": 3})
    assert "promise_date" in check("CT-AGR", {"promise_date": TODAY + timedelta(days=4), "promise_amount": "1"},
                                   rules=rules)


@pytest.mark.parametrize("amount,why", [("0", "lebih dari 0"), ("-5", "negatif"), ("lima ratus", "tidak dikenal")])
def test_promise_amount_must_be_a_positive_amount(amount, why):
    assert why in check("CT-AGR", {"promise_date": TODAY, "promise_amount": amount})["promise_amount"]


def test_callback_must_be_in_the_future():
    now = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    assert check("CT-CBK", {"callback_at": now + timedelta(hours=2)}, now=now) == {}
    assert "masa depan" in check("CT-CBK", {"callback_at": now - timedelta(minutes=1)}, now=now)["callback_at"]
    assert "masa depan" in check("CT-CBK", {"callback_at": "2026-11-24T10:00"})["callback_at"]
    assert check("CT-CBK", {"callback_at": "2026-11-26T10:00+07:00"}) == {}
    assert "tidak dikenal" in check("CT-CBK", {"callback_at": "besok"})["callback_at"]
    assert "wajib" in check("CT-CBK", {})["callback_at"]


@pytest.mark.parametrize("value", CANCEL_REASONS + ("Operator Lain",))
def test_cancel_reason_from_the_fixed_list_is_accepted(value):
    assert check("CT-CBT", {"cancel_reason": value}) == {}


def test_cancel_reason_outside_the_list_is_refused():
    assert "salah satu" in check("CT-CBT", {"cancel_reason": "bosan"})["cancel_reason"]
    assert CANCEL_REASONS == ("gangguan", "harga", "pindah", "operator lain", "musibah", "tidak dipakai",
                              "lainnya")


def test_new_fault_report_needs_all_six_fields_valid():
    assert check("CT-CMP", FAULT) == {}
    errors = check("CT-CMP", dict(FAULT, fault_email="budi@", fault_reporter_phone="12"))
    assert set(errors) == {"fault_email", "fault_reporter_phone"}
    assert "Telepon pelapor tidak sah" in errors["fault_reporter_phone"]
    missing = check("CT-CMP", {k: v for k, v in FAULT.items() if k != "fault_symptom"})
    assert set(missing) == {"fault_symptom"}


def test_a_partial_fault_report_on_another_reason_must_be_completed():
    errors = check("CT-PAID", {"fault_symptom": "internet lambat"})
    assert set(errors) == {f for f in FAULT if f != "fault_symptom"}


def test_reason_of_another_program_is_refused():
    assert "reason" in check("T2-OK", {}, Program.CT0)
    assert "reason" in check("CT-AGR", {"promise_date": TODAY, "promise_amount": "1"}, Program.TIER2)


def test_tier2_not_normal_needs_no_fault_report_because_the_ticket_goes_back_to_repair():
    assert check("T2-NOK", {}, Program.TIER2) == {}


def test_service_normal_accepts_yes_no_words():
    assert check("T2-OK", {"service_normal": "ya"}, Program.TIER2) == {}
    assert "service_normal" in check("T2-OK", {"service_normal": "mungkin"}, Program.TIER2)
    assert service_normal_value("Ya") is True and service_normal_value("belum") is False
    assert service_normal_value("") is None and service_normal_value(False) is False


def test_not_reached_reason_needs_no_fields():
    assert check("NC-RNA", {}) == {}
