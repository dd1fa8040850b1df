"""Outbound calls against a real sipp customer on 127.0.0.1: states, outcomes, refusals."""

from __future__ import annotations

import pytest

from app.telephony.softphone import CallRefused, Softphone

pytestmark = pytest.mark.sip


def test_answered_call_reports_states_in_order_and_an_answered_outcome(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer.xml")
    p = phone()
    p.dial(sipp.uri(), attempt_id="att-1")
    connected = listener.wait_state("connected")
    assert connected.connected_at is not None and connected.call_id
    assert p.active_call() is not None and p.active_call().state == "connected"
    p.hangup()
    outcome = listener.wait_outcome()
    states = [s.state for s in listener.states]
    assert states == ["dialing", "ringing", "connected", "ended"]
    assert outcome.answered and outcome.status_code == 200
    assert outcome.attempt_id == "att-1" and outcome.call_id == connected.call_id
    assert outcome.suggested_reason_code == "" and outcome.ended_at >= outcome.started_at
    assert outcome.talk_seconds >= 0 and outcome.ring_seconds < 2
    assert p.active_call() is None
    assert listener.threads == {"sip-engine"}, "the listener is called on the SIP thread only"


@pytest.mark.parametrize("code,reason,suggested,message", [
    ("486", "Busy Here", "NC-BSY", "Nomor sedang sibuk (486)"),
    ("480", "Temporarily Unavailable", "NC-RNA", "Tidak diangkat (480)"),
    ("603", "Decline", "NC-REJ", "Panggilan ditolak (603)"),
    ("404", "Not Found", "NC-INA", "Nomor tidak valid (404)"),
    ("503", "Service Unavailable", "", "Gangguan jaringan/PBX (503)"),
])
def test_failed_call_outcome_carries_sip_status_and_suggested_reason(sipp_uas, phone, listener,
                                                                     code, reason, suggested, message):
    sipp = sipp_uas("uas_reject.xml", keys={"code": code, "reason": reason})
    p = phone()
    p.dial(sipp.uri(), attempt_id="att-2")
    outcome = listener.wait_outcome()
    assert not outcome.answered
    assert outcome.status_code == int(code)
    assert outcome.suggested_reason_code == suggested
    assert outcome.message_id == message
    assert outcome.recording_path is None and outcome.talk_seconds == 0


def test_unanswered_call_is_cancelled_after_ring_timeout_as_no_answer(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_ring_forever.xml", calls=1)
    p = phone(ring_timeout_seconds=0.4)
    p.dial(sipp.uri())
    listener.wait_state("ringing")
    outcome = listener.wait_outcome(timeout=5)
    assert outcome.ring_timed_out and not outcome.answered
    assert outcome.status_code == 487
    assert outcome.suggested_reason_code == "NC-RNA"
    assert outcome.message_id.startswith("Tidak diangkat")
    assert 0.35 <= outcome.ring_seconds < 3
    assert sipp.wait(5) == 0, "sipp saw the CANCEL and completed its scenario"


def test_agent_cancelling_a_ringing_call_suggests_no_answer(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_ring_forever.xml", calls=1)
    p = phone()
    p.dial(sipp.uri())
    listener.wait_state("ringing")
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.status_code == 487 and not outcome.ring_timed_out
    assert outcome.suggested_reason_code == "NC-RNA"


def test_customer_hanging_up_ends_the_call_as_answered(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_remote_bye.xml", calls=1)
    p = phone()
    p.dial(sipp.uri())
    outcome = listener.wait_outcome(timeout=5)
    assert outcome.answered and outcome.status_code == 200
    assert outcome.talk_seconds >= 0.4
    assert sipp.wait(5) == 0


def test_second_dial_while_a_call_is_active_is_refused(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer.xml")
    p = phone()
    p.dial(sipp.uri())
    with pytest.raises(CallRefused, match="Masih ada panggilan aktif"):
        p.dial(sipp.uri())
    listener.wait_state("connected")
    p.hangup()
    listener.wait_outcome()
    p.dial(sipp.uri())            # once the call has ended, dialling is allowed again
    listener.wait_for(lambda: [s.state for s in listener.states].count("connected") == 2, what="2nd call")
    p.hangup()
    assert listener.wait_outcome(2).answered


def test_dial_before_start_is_refused_with_indonesian_message(listener):
    with pytest.raises(CallRefused, match="Telepon belum aktif"):
        Softphone(listener).dial("sip:1@127.0.0.1")


def test_bare_dial_string_is_sent_to_the_configured_domain(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer.xml")
    p = phone(domain=sipp.uri_host)
    p.dial("0812345678")
    connected = listener.wait_state("connected")
    assert connected.remote_uri == f"sip:0812345678@{sipp.uri_host}"
    p.hangup()
    listener.wait_outcome()


def test_dtmf_by_sip_info_and_hold_resume_reach_the_customer(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_dtmf_hold.xml", calls=1)
    p = phone()
    p.dial(sipp.uri())
    listener.wait_state("connected")
    p.send_dtmf("5", method="info")
    p.hold()
    held = listener.wait_state("on_hold")
    assert held.on_hold
    p.resume()
    listener.wait_for(lambda: listener.states[-1].state == "connected" and not listener.states[-1].on_hold,
                      what="resumed")
    p.hangup()
    listener.wait_outcome()
    assert sipp.wait(5) == 0, f"sipp scenario failed (INFO/hold/resume not as expected): {sipp.output()[-800:]}"
    assert listener.errors == []


def test_mute_is_shown_in_the_call_snapshot(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer.xml")
    p = phone()
    p.dial(sipp.uri())
    listener.wait_state("connected")
    p.set_mute(True)
    listener.wait_for(lambda: listener.states[-1].muted, what="muted snapshot")
    assert p.active_call().muted
    p.set_mute(False)
    listener.wait_for(lambda: not listener.states[-1].muted, what="unmuted snapshot")
    p.hangup()
    listener.wait_outcome()


def test_rfc2833_dtmf_on_a_connected_call_raises_no_error(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer.xml")
    p = phone()
    p.dial(sipp.uri())
    listener.wait_state("connected")
    p.send_dtmf("123#")
    with pytest.raises(ValueError):
        p.send_dtmf("12x")
    p.hangup()
    listener.wait_outcome()
    assert listener.errors == []


def test_command_without_a_call_reports_an_error(phone, listener):
    p = phone()
    p.hangup()
    listener.wait_for(lambda: listener.errors, what="error")
    assert listener.errors == ["Tidak ada panggilan aktif."]


def test_blind_transfer_sends_refer_to_the_target(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_refer.xml", calls=1)
    p = phone(domain="127.0.0.1")
    p.dial(sipp.uri())
    listener.wait_state("connected")
    p.transfer("supervisor")
    p.hangup()
    listener.wait_outcome()
    assert sipp.wait(5) == 0, f"sipp did not get the expected REFER: {sipp.output()[-800:]}"


def test_sip_port_in_use_is_a_clear_start_error_and_the_phone_can_start_afterwards(listener, direct_config):
    import socket

    from app.telephony.engine import EngineError
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        p = Softphone(listener)
        with pytest.raises(EngineError, match="Mesin SIP gagal dimulai"):
            p.start(direct_config(local_port=blocker.getsockname()[1]))
        assert not p.started()
    p.start(direct_config())
    try:
        assert p.started()
    finally:
        p.stop()


def test_dead_stun_server_is_reported_and_skipped_so_start_stays_fast(sipp_uas, phone, listener):
    import time

    from tests.integration.sip.peers import free_port
    sipp = sipp_uas("uas_answer.xml")
    began = time.monotonic()
    p = phone(stun_server=f"127.0.0.1:{free_port()}")
    assert time.monotonic() - began < 3, "pjsua would wait ~16 s for a dead STUN server"
    error = listener.wait_for(lambda: listener.errors, what="STUN warning")[0]
    assert "STUN" in error and "tidak menjawab" in error
    p.dial(sipp.uri())
    listener.wait_state("connected")
    p.hangup()
    assert listener.wait_outcome().answered


def test_stopping_the_phone_while_ringing_cancels_the_call_completely(sipp_uas, listener, direct_config):
    sipp = sipp_uas("uas_ring_forever.xml", calls=1)
    p = Softphone(listener)
    p.start(direct_config())
    p.dial(sipp.uri())
    listener.wait_state("ringing")
    p.stop()                      # window closed / Ctrl+C during ringing
    outcome = listener.wait_outcome()
    assert outcome.status_code == 487 and not outcome.answered
    assert sipp.wait(5) == 0, "CANCEL, 487 and its ACK all went out before libDestroy"
