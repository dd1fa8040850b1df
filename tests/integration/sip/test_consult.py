"""Consulting a team leader while the customer waits: cancel, attended transfer, three-way conference.

Real sipp peers on 127.0.0.1 play the customer (held, resumed, REFERred with Replaces,
speaking a prompt from a pcap) and the team leader (answering and echoing RTP, or busy).
The consult leg's snapshots say leg "consult"; only the customer call makes an outcome.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.telephony.call import _wav_complete
from app.telephony.prompt_audio import wav_rms
from tests.integration.sip.peers import wait_until
from tests.integration.sip.rtp_pcap import write_prompt_pcap

pytestmark = pytest.mark.sip


@pytest.fixture(scope="module")
def prompt_pcap(tmp_path_factory) -> Path:
    return write_prompt_pcap(tmp_path_factory.mktemp("pcap") / "customer.pcap", seconds=15.0)


def _customer_with_tl(sipp_uas, phone, listener, customer_scenario: str, tl_scenario: str = "uas_answer.xml",
                      customer_keys: dict | None = None, tl_keys: dict | None = None, record_path=None,
                      customer_echo: bool = True, extra: list[str] | None = None):
    customer = sipp_uas(customer_scenario, calls=1, keys=customer_keys, echo=customer_echo, extra=extra)
    tl = sipp_uas(tl_scenario, calls=1, keys=tl_keys)
    p = phone()
    p.dial(customer.uri(), attempt_id="att-c", record_path=record_path)
    listener.wait_leg("customer", "connected")
    return customer, tl, p


def _tail_rms(path: Path, seconds: float) -> float:
    """Loudness of the last `seconds` of a 16-bit mono WAV."""
    import math
    import struct
    import wave
    with wave.open(str(path), "rb") as wav:
        count = int(seconds * wav.getframerate())
        wav.setpos(max(0, wav.getnframes() - count))
        data = wav.readframes(count)
    samples = struct.unpack(f"<{len(data) // 2}h", data)
    return math.sqrt(sum(x * x for x in samples) / max(1, len(samples)))


def test_consult_holds_the_customer_calls_the_tl_and_cancel_resumes_the_customer(sipp_uas, phone, listener,
                                                                                  prompt_pcap, tmp_path):
    recording = tmp_path / "att-c.wav"
    customer, tl, p = _customer_with_tl(sipp_uas, phone, listener, "uas_hold_resume_prompt.xml",
                                        customer_keys={"pcap": str(prompt_pcap)}, customer_echo=False,
                                        record_path=recording)
    p.consult(tl.uri("tl1"))
    held = listener.wait_leg("customer", "on_hold")
    assert held.on_hold
    talking = listener.wait_leg("consult", "connected")
    assert talking.remote_uri == tl.uri("tl1") and talking.call_id != held.call_id
    assert p.consult_call() is not None and p.consult_call().leg == "consult"
    assert p.active_call().leg == "customer" and p.active_call().on_hold
    p.set_mute(True)                      # the agent is muted towards the TL too
    listener.wait_for(lambda: listener.consult_states()[-1].muted, what="consult leg muted")
    p.set_mute(False)
    listener.wait_for(lambda: not listener.consult_states()[-1].muted, what="consult leg unmuted")
    p.cancel_consult()
    ended = listener.wait_leg("consult", "ended")
    assert ended.end_message == "", "a consultation that was answered ended normally"
    listener.wait_for(lambda: (c := listener.customer_states()[-1]).state == "connected" and not c.on_hold,
                      what="customer resumed")
    assert p.consult_call() is None
    states = [s.state for s in listener.consult_states()]
    assert sorted(set(states), key=states.index) == ["dialing", "ringing", "connected", "ended"]
    resumed_at = recording.stat().st_size
    wait_until(lambda: recording.stat().st_size > resumed_at + 12000, 5, what="0.75 s recorded after the resume")
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.attempt_id == "att-c" and outcome.answered and not outcome.transferred
    assert outcome.recording_path == str(recording)
    assert _tail_rms(recording, 0.5) > 500, "after the resume the recording still holds the customer"
    assert len(listener.outcomes) == 1, "the consult leg makes no outcome (no attempt)"
    assert tl.wait(5) == 0, f"the TL did not get our BYE: {tl.output()[-600:]}"
    assert customer.wait(5) == 0, f"customer not held then resumed: {customer.output()[-800:]}"
    assert listener.errors == []


def test_attended_transfer_refers_the_customer_to_the_tl_replacing_the_consult_call(sipp_uas, phone, listener,
                                                                                    tmp_path):
    trace = tmp_path / "customer-messages.log"
    customer, tl, p = _customer_with_tl(sipp_uas, phone, listener, "uas_consult_replaces.xml",
                                        extra=["-trace_msg", "-message_file", str(trace)])
    p.consult(tl.uri("tl1"))
    listener.wait_leg("customer", "on_hold")
    consult = listener.wait_leg("consult", "connected")
    p.complete_consult()
    done = listener.wait_transfer()
    assert done.kind == "attended" and done.stage == "succeeded" and done.code == 200
    assert done.target == tl.uri("tl1")
    assert [t.stage for t in listener.transfers] == ["requested", "accepted", "trying", "succeeded"]
    outcome = listener.wait_outcome()
    assert outcome.transferred and outcome.attempt_id == "att-c"
    listener.wait_leg("consult", "ended")
    assert p.active_call() is None and p.consult_call() is None
    assert customer.wait(5) == 0, f"customer scenario failed: {customer.output()[-800:]}"
    assert tl.wait(5) == 0
    refer_to = re.search(r"^Refer-To: *(.*)$", trace.read_text(errors="replace"), re.M).group(1)
    # The customer is told to call the TL *replacing* the consult dialog (its Call-ID and tags).
    assert refer_to.startswith(f"<{tl.uri('tl1')}?") and f"Replaces={consult.call_id}%3Bto-tag%3D" in refer_to
    assert len(listener.outcomes) == 1


def test_consulting_a_busy_tl_says_why_and_the_customer_waits_until_resumed(sipp_uas, phone, listener, prompt_pcap):
    customer, tl, p = _customer_with_tl(sipp_uas, phone, listener, "uas_hold_resume_prompt.xml", "uas_reject.xml",
                                        customer_keys={"pcap": str(prompt_pcap)},
                                        tl_keys={"code": "486", "reason": "Busy Here"}, customer_echo=False)
    p.consult(tl.uri("tl1"))
    ended = listener.wait_leg("consult", "ended")
    assert ended.end_message == "Nomor sedang sibuk (486)"
    assert p.active_call().on_hold, "the customer stays on hold until the agent goes back"
    p.complete_consult()                  # nothing to complete: refused, the customer call untouched
    listener.wait_for(lambda: listener.errors, what="refusal")
    assert listener.errors == ["Team leader belum tersambung; transfer belum bisa diselesaikan."]
    p.cancel_consult()                    # back to the customer
    listener.wait_for(lambda: not listener.customer_states()[-1].on_hold, what="customer resumed")
    p.hangup()
    assert listener.wait_outcome().answered and len(listener.outcomes) == 1
    assert customer.wait(5) == 0 and tl.wait(5) == 0


def test_hanging_up_the_customer_during_a_consultation_ends_the_consult_leg_too(sipp_uas, phone, listener):
    customer, tl, p = _customer_with_tl(sipp_uas, phone, listener, "uas_hold.xml")
    p.consult(tl.uri("tl1"))
    listener.wait_leg("consult", "connected")
    p.hangup()
    assert listener.wait_outcome().answered
    listener.wait_leg("consult", "ended")
    assert p.consult_call() is None and p.active_call() is None
    assert customer.wait(5) == 0 and tl.wait(5) == 0
    assert len(listener.outcomes) == 1


def test_stopping_the_phone_during_a_consultation_hangs_up_both_calls(sipp_uas, listener, direct_config):
    from app.telephony.softphone import Softphone
    customer = sipp_uas("uas_hold.xml", calls=1)
    tl = sipp_uas("uas_answer.xml", calls=1)
    p = Softphone(listener)
    p.start(direct_config())
    p.dial(customer.uri(), attempt_id="att-s")
    listener.wait_leg("customer", "connected")
    p.consult(tl.uri("tl1"))
    # Mid-consultation is the customer held and the TL talking: a stop that overtook the hold's
    # re-INVITE would end the customer's sipp on an unexpected BYE (seen on a loaded machine).
    listener.wait_leg("customer", "on_hold")
    listener.wait_leg("consult", "connected")
    p.stop()                              # window closed mid-consultation: no pjsua2 object may outlive libDestroy
    assert listener.wait_outcome().attempt_id == "att-s" and len(listener.outcomes) == 1
    assert listener.consult_states()[-1].state == "ended"
    assert customer.wait(5) == 0 and tl.wait(5) == 0, "both calls got their BYE before libDestroy"


class _LegRecorder:
    """A WAV recorder on the consult leg's incoming audio: what the (echoing) TL sends back is what it heard.

    Its pjsua2 object lives and dies on the SIP thread only (one destroyed elsewhere aborts).
    """

    def __init__(self, phone) -> None:
        self._phone = phone
        self._held: list = []

    def start(self, path: Path) -> None:
        def attach() -> None:
            import pjsua2 as pj
            audio = self._phone._handover.consult.audio
            recorder = pj.AudioMediaRecorder()
            recorder.createRecorder(str(path))
            audio.startTransmit(recorder)
            self._held.append(recorder)
        self._phone.run_on_sip_thread(attach)

    def stop(self, path: Path) -> None:
        self._phone.run_on_sip_thread(self._held.clear)
        wait_until(lambda: _wav_complete(path), 3, what="TL recording closed")


def test_conference_lets_the_tl_hear_the_customer_and_dropping_the_tl_keeps_the_customer(
        sipp_uas, phone, listener, prompt_pcap, tmp_path):
    recording = tmp_path / "att-c.wav"
    customer, tl, p = _customer_with_tl(sipp_uas, phone, listener, "uas_hold_resume_prompt.xml",
                                        customer_keys={"pcap": str(prompt_pcap)}, customer_echo=False,
                                        record_path=recording)
    p.consult(tl.uri("tl1"))
    listener.wait_leg("customer", "on_hold")
    listener.wait_leg("consult", "connected")
    tl_ear = _LegRecorder(p)
    before, during = tmp_path / "tl-consult.wav", tmp_path / "tl-conference.wav"
    try:
        tl_ear.start(before)
        wait_until(lambda: before.stat().st_size > 12000, 5, what="0.75 s of the consultation")
        tl_ear.stop(before)
        p.conference()
        listener.wait_for(lambda: (c := listener.customer_states()[-1]).conference and not c.on_hold,
                          what="customer resumed into the conference")
        listener.wait_for(lambda: listener.consult_states()[-1].conference, what="TL in the conference")
        tl_ear.start(during)
        wait_until(lambda: during.stat().st_size > 12000, 5, what="0.75 s of the conference")
        tl_ear.stop(during)
    finally:
        p.run_on_sip_thread(tl_ear._held.clear)
    assert wav_rms(before) < 50, "while consulting, the held customer is not heard by the TL"
    assert wav_rms(during) > 500, "in the conference the TL hears the customer's prompt"
    p.cancel_consult()                    # drop the TL, keep the customer
    listener.wait_leg("consult", "ended")
    listener.wait_for(lambda: not listener.customer_states()[-1].conference, what="conference over")
    assert p.active_call().state == "connected" and not p.active_call().on_hold
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.recording_path == str(recording) and len(listener.outcomes) == 1
    assert tl.wait(5) == 0 and customer.wait(5) == 0, customer.output()[-800:]
