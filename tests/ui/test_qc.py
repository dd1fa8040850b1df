"""The QC window: select an agree call, play its recording, score it, approve or return it."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from app.store.db import Database
from app.store.migrate import upgrade
from sqlalchemy import select

from app.store.models import Result, Review, WorkItem
from tests.integration.supervision.seed import as_user, seed


def write_wav(path: Path, seconds: float = 2.0, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate)))
                               for i in range(int(rate * seconds))))
    return path


@pytest.fixture
def qc_window(qtbot, tmp_path):
    from app.views.qc import QcWindow
    url = f"sqlite:///{tmp_path / 'qc.db'}"
    upgrade(url)
    db = Database(url)
    seeded = seed(db)
    wav = write_wav(tmp_path / "agree.wav")
    with db.session() as s:
        s.get(Result, seeded.results["a1_agr"]).attempt.recording_path = str(wav)
        s.get(Result, seeded.results["a2_agr"]).attempt.recording_path = str(tmp_path / "gone.wav")
    window = QcWindow(as_user(db, seeded, "qc1"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.total == 3, timeout=5000)
    yield window, db, seeded
    window.player.clear()
    db.dispose()


def _select(window, result_id: int) -> None:
    row = next(r for r in range(window.model.rowCount()) if window.model.row_at(r).result_id == result_id)
    window.queue.selectRow(row)


def test_selecting_a_call_loads_the_wav_and_the_player_controls_work(qtbot, qc_window):
    window, _db, seeded = qc_window
    player = window.player
    assert not player.play_button.isEnabled()
    with qtbot.waitSignal(player.loaded, timeout=10000) as loaded:
        _select(window, seeded.results["a1_agr"])
    assert 1900 <= loaded.args[0] <= 2100                      # a 2-second WAV
    assert player.duration_label.text() == "00:02"
    assert player.play_button.isEnabled() and player.slider.maximum() == loaded.args[0]
    player.set_speed(1.5)
    assert player.player.playbackRate() == pytest.approx(1.5)
    player.seek(1000)
    assert player.position_label.text() == "00:01"
    assert window.details["agent"].text() == "Ayu Lestari"


def test_missing_recording_shows_a_message_not_a_crash(qtbot, qc_window):
    window, _db, seeded = qc_window
    with qtbot.waitSignal(window.player.failed, timeout=5000) as failed:
        _select(window, seeded.results["a2_agr"])
    assert "gone.wav" in failed.args[0]
    assert window.player.message.text() == failed.args[0]
    assert not window.player.play_button.isEnabled()
    assert window.approve_button.isEnabled()                  # QC may still judge from the data


def score_the_rest(form, full: bool = False) -> None:
    """Every item a test did not score gets 0 (or its maximum): a verdict needs the whole checklist scored."""
    maxima = {item.key: item.max for item in form.checklist.items}
    for key, score in form.values().items():
        if score is None:
            form.set_value(key, maxima[key] if full else 0)


UNHEARD = "Didengarkan langsung saat tapping."        # a verdict needs the recording heard, or why not


def test_scoring_total_updates_and_approve_removes_the_call_from_the_queue(qtbot, qc_window, monkeypatch):
    window, db, seeded = qc_window
    rid = seeded.results["a1_agr"]
    _select(window, rid)
    form = window.scoring
    assert form.total() == 0.0
    form.set_value("opening", 1)
    form.set_value("verification", 1)
    assert form.total() == 30.0 and "30" in form.total_label.text()
    form.set_value("empathy", 5)
    assert form.total() == 45.0 and "45" in form.total_label.text()
    score_the_rest(form)
    window.unheard_reason.setText(UNHEARD)
    monkeypatch.setattr("app.views.qc.window.ask_yes_no", lambda *a, **k: True)   # below the pass score
    with qtbot.waitSignal(window.verdict_saved, timeout=5000):
        window.approve_button.click()
    qtbot.waitUntil(lambda: window.model.total == 2, timeout=5000)
    assert rid not in [r.result_id for r in window.model.rows]
    with db.session() as s:
        assert s.get(Result, rid).qc_status == "approved"


def test_return_needs_notes_then_sends_the_item_back_to_the_agent(qtbot, qc_window):
    window, db, seeded = qc_window
    rid = seeded.results["a1_agr"]
    _select(window, rid)
    window.return_button.click()                               # no notes: nothing happens
    with db.session() as s:
        assert s.get(Result, rid).qc_status == "pending"
    window.notes.setPlainText("Tanggal janji tidak dikonfirmasi")
    score_the_rest(window.scoring)
    window.unheard_reason.setText(UNHEARD)
    with qtbot.waitSignal(window.verdict_saved, timeout=5000) as saved:
        window.return_button.click()
    assert saved.args == [rid, "returned"]
    with db.session() as s:
        item = s.get(WorkItem, seeded.items["i1"])
        assert (item.state, item.assigned_agent_id) == ("returned", seeded.users["a1"])


def test_validation_report_export_writes_the_file(qtbot, qc_window, tmp_path):
    from app.core import supervision as sv
    window, _db, seeded = qc_window
    from app.domain.qc_listening import Listening
    only_opening = {item.key: item.key == "opening" for item in window.checklist.items}
    sv.qc_approve(window.ctx, seeded.results["b1_agr"], only_opening, listening=Listening(reason=UNHEARD))
    window.report_from.setDate(window.report_to.date())
    with qtbot.waitSignal(window.report_written, timeout=5000) as written:
        window.export_report(tmp_path / "laporan.xlsx")
    assert written.args[0] == tmp_path / "laporan.xlsx" and (tmp_path / "laporan.xlsx").exists()


# -- QC must listen before judging (issue 16, item 3) ------------------------------------------------
def _play_for(qtbot, player, until) -> None:
    player.set_speed(2.0)
    player.toggle()
    qtbot.waitUntil(until, timeout=10000)
    if player.player.playbackState() == player.player.PlaybackState.PlayingState:
        player.toggle()


def test_approving_after_a_short_listen_is_refused_and_the_window_says_what_is_missing(qtbot, qc_window, tmp_path):
    window, db, seeded = qc_window
    rid = seeded.results["a1_agr"]
    with db.session() as s:
        long_call = write_wav(tmp_path / "panjang.wav", seconds=10.0)
        s.get(Result, rid).attempt.recording_path = str(long_call)
    window.refresh()
    qtbot.waitUntil(lambda: any(r.recording_path == str(long_call) for r in window.model.rows), timeout=5000)
    with qtbot.waitSignal(window.player.loaded, timeout=10000):
        _select(window, rid)
    score_the_rest(window.scoring, full=True)
    assert window.scoring.total() == 100.0
    _play_for(qtbot, window.player, lambda: window.player.heard_seconds() >= 2.0)
    assert window.player.heard_seconds() < 5.0
    window.approve_button.click()
    assert "80%" in window.readiness.text() and window.readiness.text() != "Ready for a verdict."
    with db.session() as s:
        assert s.get(Result, rid).qc_status == "pending"                 # nothing was saved
    assert window.statusBar().currentMessage()                           # and the officer is told why
    window.unheard_reason.setText("Sudah didengar utuh di perekam PBX.")
    with qtbot.waitSignal(window.verdict_saved, timeout=5000):
        window.approve_button.click()
    with db.session() as s:
        review = s.scalars(select(Review).where(Review.result_id == rid)).one()
        assert review.unheard_reason == "Sudah didengar utuh di perekam PBX." and 2.0 <= review.heard_seconds < 5.0
        assert review.recording_seconds == 10.0


def test_hearing_the_whole_recording_makes_the_call_ready_for_a_verdict(qtbot, qc_window):
    window, db, seeded = qc_window
    rid = seeded.results["a1_agr"]
    with qtbot.waitSignal(window.player.loaded, timeout=10000):
        _select(window, rid)
    score_the_rest(window.scoring, full=True)
    assert "80%" in window.heard_label.text()
    _play_for(qtbot, window.player, lambda: window.player.heard_seconds() >= 1.6)
    qtbot.waitUntil(lambda: not window.missing(), timeout=5000)
    with qtbot.waitSignal(window.verdict_saved, timeout=5000):
        window.approve_button.click()
    with db.session() as s:
        review = s.scalars(select(Review).where(Review.result_id == rid)).one()
        assert review.heard_seconds >= 1.6 and review.unheard_reason is None


def test_seeking_to_the_end_hears_nothing(qtbot, qc_window):
    window, _db, seeded = qc_window
    with qtbot.waitSignal(window.player.loaded, timeout=10000):
        _select(window, seeded.results["a1_agr"])
    window.player.seek(1900)
    _play_for(qtbot, window.player,
              lambda: window.player.player.mediaStatus() == window.player.player.MediaStatus.EndOfMedia)
    assert window.player.heard_seconds() <= 0.2
    assert any("%" in m for m in window.missing())


def test_an_unscored_item_blocks_the_verdict_and_a_low_score_asks_before_approving(qtbot, qc_window, monkeypatch):
    window, db, seeded = qc_window
    rid = seeded.results["a1_agr"]
    _select(window, rid)
    window.unheard_reason.setText(UNHEARD)
    window.scoring.set_value("opening", 1)
    asked: list[str] = []
    monkeypatch.setattr("app.views.qc.window.ask_yes_no", lambda _w, title, question: asked.append(question))
    window.approve_button.click()
    assert not asked and "5" in window.readiness.text()                 # 5 items still to score
    score_the_rest(window.scoring)
    assert window.scoring.total() < window.checklist.pass_score
    window.approve_button.click()
    assert len(asked) == 1 and "%g" % window.scoring.total() in asked[0]  # asked, and answered no
    with db.session() as s:
        assert s.get(Result, rid).qc_status == "pending"
