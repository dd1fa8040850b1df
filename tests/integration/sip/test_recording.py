"""Recording of connected calls: a finished WAV with audio, and failures that do not stop the call."""

from __future__ import annotations

import os
import wave

import pytest

from tests.integration.sip.peers import wait_until
from app.telephony.prompt_audio import wav_rms, wav_seconds, write_prompt

pytestmark = pytest.mark.sip


def test_recording_of_an_echoed_call_is_a_closed_wav_with_non_silent_audio(sipp_uas, phone, listener, tmp_path):
    sipp = sipp_uas("uas_answer.xml")          # -rtp_echo: the customer sends our audio back
    prompt = write_prompt(tmp_path / "agent.wav", seconds=1.0)
    p = phone(play_file=str(prompt))
    target = tmp_path / "rec" / "att-7.wav"
    p.dial(sipp.uri(), attempt_id="att-7", record_path=target)
    listener.wait_state("connected")
    # Let ~0.8 s of audio go round the echo before hanging up (a condition on the file's growth).
    wait_until(lambda: target.exists() and target.stat().st_size > 16000, timeout=5, what="recorded audio")
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.recording_path == str(target) and outcome.recording_error is None
    with wave.open(str(target)) as wav:          # the header is final: frames match the file
        assert wav.getnframes() > 0
        assert wav.getnchannels() == 1
    assert wav_seconds(target) >= 0.2
    assert wav_rms(target) > 500, "the recording holds the call's audio, not silence"


def test_failed_call_leaves_no_recording(sipp_uas, phone, listener, tmp_path):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    p = phone()
    target = tmp_path / "busy.wav"
    p.dial(sipp.uri(), record_path=target)
    outcome = listener.wait_outcome()
    assert outcome.recording_path is None and outcome.recording_error is None
    assert not target.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere; use a file as the folder instead")
def test_unwritable_folder_sets_recording_error_and_call_continues_nonroot(sipp_uas, phone, listener, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    _assert_recording_error_but_call_continues(sipp_uas, phone, listener, folder / "x.wav")


def test_unwritable_recording_path_sets_recording_error_and_call_continues(sipp_uas, phone, listener, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the recordings folder should be")
    _assert_recording_error_but_call_continues(sipp_uas, phone, listener, blocker / "x.wav")


def _assert_recording_error_but_call_continues(sipp_uas, phone, listener, target):
    sipp = sipp_uas("uas_answer.xml")
    p = phone()
    p.dial(sipp.uri(), record_path=target)
    listener.wait_state("connected")
    error = listener.wait_for(lambda: listener.errors, what="recording error")[0]
    assert error.startswith("Rekaman tidak dapat disimpan")
    assert p.active_call() is not None and p.active_call().state == "connected"
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.answered and outcome.recording_path is None
    assert outcome.recording_error == error


def test_unplayable_audio_file_is_reported_and_the_call_goes_on(sipp_uas, phone, listener, tmp_path):
    sipp = sipp_uas("uas_answer.xml")
    p = phone(play_file=str(tmp_path / "missing.wav"))
    p.dial(sipp.uri())
    listener.wait_state("connected")
    error = listener.wait_for(lambda: listener.errors, what="player error")[0]
    assert error == "Berkas suara missing.wav tidak dapat diputar; memakai mikrofon."
    p.hangup()
    assert listener.wait_outcome().answered
