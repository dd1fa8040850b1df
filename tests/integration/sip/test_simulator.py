"""The demo customer simulator behaves by the dialled number's last digit and stops on SIGTERM."""

from __future__ import annotations

import signal

import pytest

from app.telephony.prompt_audio import wav_rms

pytestmark = pytest.mark.sip


def test_simulator_answers_digit_0_with_audible_prompt_and_gets_dtmf(simulator, phone, listener, tmp_path):
    p = phone()                                   # null audio: all sound in the WAV is the customer's
    rec = tmp_path / "sim.wav"
    p.dial(simulator.uri("081234567890"), record_path=rec)
    listener.wait_state("connected", timeout=5)
    p.send_dtmf("7")                              # RFC 2833, checked on the customer's side
    simulator.expect("DTMF diterima: 7")
    from tests.integration.sip.peers import wait_until
    wait_until(lambda: rec.exists() and rec.stat().st_size > 16000, 5, what="recorded audio")
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.answered and outcome.recording_path == str(rec)
    assert wav_rms(rec) > 300, "the customer's direction is in the recording"


@pytest.mark.parametrize("number,code,suggested", [
    ("081234567894", 486, "NC-BSY"), ("081234567896", 603, "NC-REJ"),
    ("081234567897", 404, "NC-INA"), ("081234567899", 480, "NC-RNA"),
])
def test_simulator_rejects_by_last_digit(simulator, phone, listener, number, code, suggested):
    p = phone()
    p.dial(simulator.uri(number))
    outcome = listener.wait_outcome()
    assert outcome.status_code == code and outcome.suggested_reason_code == suggested


def test_simulator_digit_5_rings_until_ring_timeout_and_8_hangs_up_itself(simulator, phone, listener):
    p = phone(ring_timeout_seconds=0.5)
    p.dial(simulator.uri("081234567895"))
    first = listener.wait_outcome()
    assert first.ring_timed_out and first.status_code == 487
    p.dial(simulator.uri("081234567898"))
    second = listener.wait_outcome(2, timeout=5)
    assert second.answered and second.talk_seconds >= 0.4


def test_simulator_exits_cleanly_on_sigterm(simulator, phone, listener):
    p = phone()
    p.dial(simulator.uri("081234567890"))
    listener.wait_state("connected", timeout=5)
    simulator.proc.send_signal(signal.SIGTERM)      # with a call up
    code = simulator.proc.wait(5)
    simulator.expect("simulator berhenti")
    assert code == 0, f"simulator exit code {code}; output: {simulator.seen[-10:]}"
    assert listener.wait_outcome(timeout=3).answered, "the customer's BYE left before it stopped"
