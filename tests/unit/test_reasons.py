import json

import pytest

from app.domain.programs import Program
from app.domain.reasons import CatalogueError, Reason, ReasonCatalogue
from tests.unit.support import CATALOGUE

COLLECTION_TABLE = {   # DOMAIN.md: code → (category, counts as attempt, closes)
    "NC-RNA": ("not_contacted", True, "no"), "NC-BSY": ("not_contacted", True, "no"),
    "NC-MBX": ("not_contacted", True, "no"), "NC-REJ": ("not_contacted", True, "no"),
    "NC-INA": ("not_contacted", True, "when_no_other_number"), "NC-NON": ("not_contacted", False, "yes"),
    "NC-WRN": ("wrong_party", True, "number_only"), "CT-TPY": ("contacted", True, "no"),
    "CT-CBK": ("right_party", True, "no"), "CT-AGR": ("right_party", True, "yes"),
    "CT-PAID": ("right_party", True, "yes"), "CT-FIN": ("right_party", True, "yes"),
    "CT-RTP": ("right_party", True, "yes"), "CT-DSP": ("right_party", True, "yes"),
    "CT-CMP": ("right_party", True, "yes"), "CT-CBT": ("right_party", True, "yes"),
    "CT-PDA": ("right_party", True, "yes"), "CT-PKG": ("right_party", True, "yes"),
}

GOOD = {"code": "X-1", "label_id": "Satu", "label_en": "One", "category": "right_party", "contacted": True,
        "counts_as_attempt": True, "closes": "yes"}


def write(tmp_path, doc):
    path = tmp_path / "reasons.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("code", sorted(COLLECTION_TABLE))
def test_shipped_catalogue_matches_the_collection_table(code):
    r = CATALOGUE.get(code)
    assert (r.category, r.counts_as_attempt, r.closes) == COLLECTION_TABLE[code]
    assert set(r.programs) == {Program.CT0, Program.PRANPC}


def test_agree_needs_date_and_amount_and_goes_to_qc():
    agr = CATALOGUE.get("CT-AGR")
    assert set(agr.required_fields) == {"promise_date", "promise_amount"} and agr.to_qc
    assert not any(r.to_qc for r in CATALOGUE if r.code != "CT-AGR")


def test_dispute_escalates_complaint_creates_ticket_with_fault_fields_and_cancel_needs_reason():
    assert CATALOGUE.get("CT-DSP").escalate
    cmp_ = CATALOGUE.get("CT-CMP")
    assert cmp_.creates_ticket and {"fault_product_id", "fault_reporter_name", "fault_reporter_phone",
                                     "fault_email", "fault_symptom", "fault_description"} <= set(cmp_.required_fields)
    assert CATALOGUE.get("CT-CBT").required_fields == ("cancel_reason",)
    assert CATALOGUE.get("CT-CBK").required_fields == ("callback_at",)


def test_not_reached_set_is_nc_codes_plus_third_party():
    assert CATALOGUE.not_reached_codes(Program.CT0) == {"NC-RNA", "NC-BSY", "NC-MBX", "NC-REJ", "NC-INA",
                                                        "NC-WRN", "CT-TPY"}
    assert {"T2-RNA", "T2-BSY", "T2-INA", "T2-REJ", "T2-TPY"} <= CATALOGUE.not_reached_codes(Program.TIER2)
    assert not CATALOGUE.not_reached_codes(Program.TIER2) & {"T2-OK", "T2-MON", "T2-NOK", "T2-CBK", "T2-HC"}


def test_tier2_callback_set_is_separate_from_collection():
    tier2 = {r.code for r in CATALOGUE.for_program("TIER2")}
    assert {"T2-OK", "T2-MON", "T2-NOK", "T2-RNA", "T2-BSY", "T2-INA", "T2-REJ", "T2-TPY", "T2-CBK",
            "T2-HC"} <= tier2
    assert not tier2 & set(COLLECTION_TABLE)
    assert {r.code for r in CATALOGUE.for_program(Program.PRANPC)} == set(COLLECTION_TABLE)
    assert CATALOGUE.get("T2-HC").escalate


def test_reached_means_right_party():
    assert CATALOGUE.get("T2-OK").reached and not CATALOGUE.get("T2-TPY").reached
    assert not CATALOGUE.get("NC-WRN").reached


def test_unknown_code_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="XX-NOPE"):
        CATALOGUE.get("XX-NOPE")
    assert "CT-AGR" in CATALOGUE and "XX-NOPE" not in CATALOGUE


def test_catalogue_iterates_in_file_order_with_unique_codes():
    codes = [r.code for r in CATALOGUE]
    assert codes[0] == "NC-RNA" and len(codes) == len(set(codes)) == len(CATALOGUE)
    assert all(isinstance(r, Reason) for r in CATALOGUE)


def test_load_accepts_a_minimal_valid_file(tmp_path):
    cat = ReasonCatalogue.load(write(tmp_path, {"reasons": [GOOD]}))
    assert cat.get("X-1").programs == (Program.CT0, Program.PRANPC)


@pytest.mark.parametrize("change,message", [
    ({"colour": "red"}, "tidak dikenal: colour"),
    ({"category": "happy"}, "kategori"),
    ({"closes": "maybe"}, "closes"),
    ({"required_fields": ["shoe_size"]}, "shoe_size"),
    ({"programs": ["CT9"]}, "program"),
    ({"contacted": "yes"}, "true atau false"),
    ({"label_id": ""}, "label_id"),
])
def test_catalogue_loading_refuses_bad_entries_with_a_clear_error(tmp_path, change, message):
    with pytest.raises(CatalogueError, match=message) as info:
        ReasonCatalogue.load(write(tmp_path, {"reasons": [dict(GOOD, **change)]}))
    assert "X-1" in str(info.value)


def test_catalogue_loading_refuses_missing_fields(tmp_path):
    entry = dict(GOOD)
    del entry["closes"]
    with pytest.raises(CatalogueError, match="wajib tidak ada: closes"):
        ReasonCatalogue.load(write(tmp_path, {"reasons": [entry]}))


def test_catalogue_loading_refuses_duplicate_codes(tmp_path):
    with pytest.raises(CatalogueError, match="ganda: X-1"):
        ReasonCatalogue.load(write(tmp_path, {"reasons": [GOOD, GOOD]}))


@pytest.mark.parametrize("text,message", [("{not json", "JSON tidak sah"), ('{"reasons": []}', "kosong"),
                                          ('{"reasons": [], "extra": 1}', "extra")])
def test_catalogue_loading_refuses_broken_files(tmp_path, text, message):
    with pytest.raises(CatalogueError, match=message):
        ReasonCatalogue.load(write(tmp_path, text))


def test_missing_catalogue_file_is_a_catalogue_error(tmp_path):
    with pytest.raises(CatalogueError, match="tidak dapat dibaca"):
        ReasonCatalogue.load(tmp_path / "nope.json")
