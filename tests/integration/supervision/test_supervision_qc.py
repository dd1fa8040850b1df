"""QC validation of agree calls: queue, approve, return (back to the agent), report."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.supervision import (Checklist, SupervisionError, export_qc_report, qc_approve, qc_queue,
                             qc_report_rows, qc_return, result_history)
from app.domain.qc_listening import Listening
from app.store.models import AuditEntry, Result, Review, WorkItem
from tests.integration.supervision.seed import DAY, as_user, reinput

# These calls have no recording file here: the officer says how they judged them (issue 16, item 3).
NOT_HERE = Listening(reason="Didengarkan di perekam PBX, berkas tidak disalin.")
FULL = {"opening": True, "verification": True, "bill_info": True, "promise_confirmed": True, "empathy": 5,
        "closing": True}


def test_checklist_score_is_the_weighted_percentage():
    checklist = Checklist.load()
    assert checklist.score(FULL) == 100.0
    assert checklist.score({}) == 0.0
    # promise not confirmed (25) and empathy 3/5 of 15 -> 100 - 25 - 6 = 69
    assert checklist.score({**FULL, "promise_confirmed": False, "empathy": 3}) == 69.0
    with pytest.raises(ValueError):
        checklist.score({"unknown": 1})


def test_qc_queue_lists_pending_agree_calls_oldest_first_with_recording(database, seeded):
    with database.session() as s:
        s.get(Result, seeded.results["a1_agr"]).attempt.recording_path = "/rec/a1.wav"
    rows, total = qc_queue(as_user(database, seeded, "qc1"), 0, 10)
    assert total == 3
    assert [r.result_id for r in rows] == [seeded.results[k] for k in ("b1_agr", "a1_agr", "a2_agr")]
    assert rows[1].recording_path == "/rec/a1.wav" and rows[0].reason_code == "CT-AGR"


def test_qc_approve_scores_records_review_and_leaves_queue(database, seeded):
    ctx = as_user(database, seeded, "qc1")
    rid = seeded.results["a1_agr"]
    assert qc_approve(ctx, rid, {**FULL, "closing": False}, listening=NOT_HERE) == 90.0
    rows, total = qc_queue(ctx, 0, 10)
    assert total == 2 and rid not in [r.result_id for r in rows]
    with database.session() as s:
        assert s.get(Result, rid).qc_status == "approved"
        review = s.scalars(select(Review).where(Review.result_id == rid)).one()
        assert (review.kind, review.score, review.checklist["closing"]) == ("qc_approve", 90.0, 0.0)
        assert s.scalars(select(AuditEntry.action)).all() == ["qc.approve"]
    with pytest.raises(SupervisionError):
        qc_approve(ctx, rid, FULL, listening=NOT_HERE)          # no longer pending


def test_qc_return_puts_item_back_in_agents_queue_and_reinput_comes_back_to_qc(database, seeded):
    ctx = as_user(database, seeded, "qc1")
    rid = seeded.results["a2_agr"]
    with pytest.raises(SupervisionError):
        qc_return(ctx, rid, "", FULL, listening=NOT_HERE)       # notes are required
    qc_return(ctx, rid, "Nominal janji tidak dikonfirmasi", {**FULL, "promise_confirmed": False},
              listening=NOT_HERE)
    with database.session() as s:
        item = s.get(WorkItem, seeded.items["i4"])
        assert (item.state, item.assigned_agent_id) == ("returned", seeded.users["a2"])
        assert item.returned_comment == "Nominal janji tidak dikonfirmasi"
        assert s.get(Result, rid).qc_status == "returned"
    new_id = reinput(database, rid, reason="CT-AGR")
    with database.session() as s:
        s.get(Result, new_id).qc_status = "pending"             # the desk sends a new agree to QC
    rows, _ = qc_queue(ctx, 0, 10)
    assert new_id in [r.result_id for r in rows] and rid not in [r.result_id for r in rows]
    kinds = [rv.kind for h in result_history(ctx, seeded.items["i4"]) for rv in h.reviews]
    assert kinds == ["qc_return"]


def test_qc_report_has_the_validation_form_fields_and_exports(database, seeded, tmp_path):
    ctx = as_user(database, seeded, "qc1")
    qc_approve(ctx, seeded.results["a1_agr"], FULL, notes="Bagus", listening=NOT_HERE)
    ctx.clock.advance(timedelta(minutes=5))
    qc_return(ctx, seeded.results["b1_agr"], "Tanpa verifikasi", {**FULL, "verification": False},
              listening=NOT_HERE)
    rows = qc_report_rows(ctx, DAY, DAY)
    assert [(r.agent, r.verdict, r.total) for r in rows] == [("Ayu Lestari", "approved", 100.0),
                                                            ("Citra Dewi", "returned", 80.0)]
    assert rows[0].promise_amount == 350000 and rows[0].qc_officer == "Gita QC"
    assert export_qc_report(ctx, DAY, DAY, tmp_path / "qc.xlsx") == 2
    sheet = load_workbook(tmp_path / "qc.xlsx").active
    values = list(sheet.values)
    assert values[0][:4] == ("Tanggal", "Agen", "Pelanggan", "No Internet")
    assert "Verifikasi data pelanggan" in values[0] and values[2][-3:] == ("Dikembalikan", "Tanpa verifikasi",
                                                                            "Gita QC")
    export_qc_report(ctx, DAY, DAY, tmp_path / "qc.csv")
    with (tmp_path / "qc.csv").open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert len(lines) == 3 and lines[1][-2] == "Bagus"
    with database.session() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.action == "qc.report_export")).all() \
            == ["qc.report_export", "qc.report_export"]
