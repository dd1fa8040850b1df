"""QC must listen before judging (issue 16, item 3), enforced by the core use case: every
checklist item scored, and most of the recording heard or a written reason why not."""

from __future__ import annotations

import math
import struct
import wave

import pytest
from sqlalchemy import select

from app.core.supervision import SupervisionError, qc_approve, qc_return
from app.domain.qc_listening import HeardTime, Listening, listening_refusal
from app.platform.config import Settings
from app.store.models import AuditEntry, Result, Review
from tests.integration.supervision.seed import as_user

FULL = {"opening": True, "verification": True, "bill_info": True, "promise_confirmed": True, "empathy": 5,
        "closing": True}


def wav(path, seconds: float = 10.0, rate: int = 8000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(5000 * math.sin(i / 3))) for i in range(int(rate * seconds))))
    return path


@pytest.fixture
def recorded(database, seeded, tmp_path):
    """qc1's context and the a1 agree call, whose recording lasts 10 s."""
    with database.session() as s:
        s.get(Result, seeded.results["a1_agr"]).attempt.recording_path = str(wav(tmp_path / "agree.wav"))
    ctx = as_user(database, seeded, "qc1")
    ctx.settings = Settings()
    return ctx, seeded.results["a1_agr"]


def test_a_verdict_with_an_unscored_checklist_item_is_refused_and_names_it(recorded):
    ctx, rid = recorded
    with pytest.raises(SupervisionError) as refused:
        qc_approve(ctx, rid, {k: v for k, v in FULL.items() if k != "empathy"}, listening=Listening(10.0))
    assert "belum dinilai" in str(refused.value) and "Empati" in str(refused.value)
    assert "not scored yet" in refused.value.text.en


def test_approving_after_two_seconds_of_a_ten_second_recording_is_refused(recorded, database):
    ctx, rid = recorded
    with pytest.raises(SupervisionError) as refused:
        qc_approve(ctx, rid, FULL, listening=Listening(heard_seconds=2.0))
    assert "20%" in str(refused.value) and "80%" in str(refused.value)
    with database.session() as s:
        assert s.get(Result, rid).qc_status == "pending"
        assert s.scalars(select(Review)).all() == []


def test_no_listening_given_at_all_is_refused(recorded):
    ctx, rid = recorded
    with pytest.raises(SupervisionError):
        qc_approve(ctx, rid, FULL)
    with pytest.raises(SupervisionError):
        qc_return(ctx, rid, "Janji tidak jelas", FULL)


def test_hearing_most_of_the_recording_approves_and_the_review_keeps_what_was_heard(recorded, database):
    ctx, rid = recorded
    assert qc_approve(ctx, rid, FULL, listening=Listening(heard_seconds=8.0)) == 100.0
    with database.session() as s:
        review = s.scalars(select(Review)).one()
        assert (review.heard_seconds, review.recording_seconds, review.unheard_reason) == (8.0, 10.0, None)
        details = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "qc.approve")).one()
        assert details["heard_seconds"] == 8.0 and details["recording_seconds"] == 10.0


def test_the_share_to_hear_is_a_site_setting(recorded):
    ctx, rid = recorded
    ctx.settings.set("qc.min_listened_percent", 50)
    assert qc_return(ctx, rid, "Nominal tidak dikonfirmasi", FULL, listening=Listening(heard_seconds=5.0)) == 100.0


def test_a_written_reason_stands_for_listening_but_not_a_word(recorded, database):
    ctx, rid = recorded
    with pytest.raises(SupervisionError) as refused:
        qc_approve(ctx, rid, FULL, listening=Listening(reason="ok"))
    assert "terlalu singkat" in str(refused.value)
    qc_approve(ctx, rid, FULL, listening=Listening(reason="Didengarkan langsung saat panggilan (tapping)."))
    with database.session() as s:
        assert s.scalars(select(Review.unheard_reason)).one().startswith("Didengarkan langsung")


def test_a_call_without_a_recording_needs_a_reason(database, seeded):
    ctx = as_user(database, seeded, "qc1")
    with pytest.raises(SupervisionError) as refused:
        qc_approve(ctx, seeded.results["b1_agr"], FULL, listening=Listening(heard_seconds=50.0))
    assert "tidak punya rekaman" in str(refused.value)


def test_heard_time_counts_only_what_played_and_each_part_once():
    heard = HeardTime()
    heard.jumped(0)
    for ms in range(64, 2001, 64):          # two seconds of real playing
        heard.played(ms)
    assert heard.seconds == pytest.approx(2.0, abs=0.1)
    heard.jumped(9000)                      # a seek to the end counts nothing
    heard.played(9000)
    heard.jumped(0)                         # hearing the start again adds nothing
    for ms in range(64, 1001, 64):
        heard.played(ms)
    assert heard.seconds == pytest.approx(2.0, abs=0.1)
    heard.played(8000)                      # a jump reported as a position is not playing
    assert heard.seconds == pytest.approx(2.0, abs=0.1)


def test_the_listening_rule_on_its_own():
    assert listening_refusal(Listening(8.0), 10.0, 80) is None
    assert listening_refusal(Listening(7.9), 10.0, 80) is not None
    assert listening_refusal(Listening(0.0), 10.0, 0) is None              # a site that does not ask
    assert listening_refusal(Listening(0.0, "Rekaman rusak, dinilai dari catatan."), None) is None
