"""A blind transfer's outcome reaches the listener: REFER accepted, NOTIFY progress, success or failure.

Real sipp customers on 127.0.0.1 play the transferee: they accept or refuse the REFER and
report the transfer by NOTIFY sipfrag, or stay silent.  A failed transfer must leave
the call up; a successful one ends it, marked as transferred.
"""

from __future__ import annotations

import pytest

from tests.integration.sip.peers import wait_until

pytestmark = pytest.mark.sip


def _connected_call(sipp_uas, phone, listener, scenario: str, keys: dict[str, str] | None = None,
                    extra: list[str] | None = None, **config):
    sipp = sipp_uas(scenario, calls=1, keys=keys, extra=extra)
    p = phone(domain="127.0.0.1", **config)
    p.dial(sipp.uri(), attempt_id="att-x")
    listener.wait_state("connected")
    return sipp, p


def test_blind_transfer_reports_each_notify_and_success_ends_the_call_as_transferred(sipp_uas, phone, listener):
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refer_notify.xml",
                              keys={"target": "supervisor", "code": "200", "reason": "OK"})
    p.transfer("supervisor")
    done = listener.wait_transfer()
    assert done.stage == "succeeded" and done.code == 200 and done.kind == "blind"
    assert done.message_id == "Transfer berhasil"
    assert [(t.stage, t.code) for t in listener.transfers] == [
        ("requested", None), ("accepted", None), ("trying", 100), ("ringing", 180), ("succeeded", 200)]
    assert done.target == "sip:supervisor@127.0.0.1"
    outcome = listener.wait_outcome()
    assert outcome.transferred and outcome.answered and outcome.attempt_id == "att-x"
    assert all(t.call_id == outcome.call_id for t in listener.transfers)
    assert sipp.wait(5) == 0, f"the customer did not get our BYE after the transfer: {sipp.output()[-800:]}"
    assert listener.errors == []


def test_blind_transfer_to_a_busy_target_fails_with_the_reason_and_keeps_the_call(sipp_uas, phone, listener):
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refer_notify.xml",
                              keys={"target": "supervisor", "code": "486", "reason": "Busy Here"})
    p.transfer("supervisor")
    failed = listener.wait_transfer()
    assert failed.stage == "failed" and failed.code == 486
    assert failed.message_id == "Transfer gagal: tujuan sedang sibuk (486)"
    assert p.active_call() is not None and p.active_call().state == "connected"
    assert listener.outcomes == [], "a failed transfer must not end the call"
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.answered and not outcome.transferred
    assert sipp.wait(5) == 0


def test_refer_refused_by_the_customer_side_fails_at_once_and_keeps_the_call(sipp_uas, phone, listener):
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refer_refused.xml",
                              keys={"code": "403", "reason": "Forbidden"})
    p.transfer("supervisor")
    failed = listener.wait_transfer()
    assert (failed.stage, failed.code) == ("failed", 403)
    assert failed.message_id == "Transfer gagal: ditolak oleh jaringan (403)"
    assert [t.stage for t in listener.transfers] == ["requested", "failed"]
    assert p.active_call().state == "connected"
    p.hangup()
    assert not listener.wait_outcome().transferred
    assert sipp.wait(5) == 0


def test_transfer_without_a_final_notify_fails_after_the_timeout_and_keeps_the_call(sipp_uas, phone, listener):
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refer_silent.xml", transfer_timeout_seconds=0.5)
    p.transfer("supervisor")
    failed = listener.wait_transfer(timeout=5)
    assert failed.stage == "failed" and failed.code is None
    assert failed.message_id == "Transfer gagal: tidak ada kepastian dalam 0.5 detik"
    assert [t.stage for t in listener.transfers] == ["requested", "accepted", "failed"]
    assert p.active_call().state == "connected"
    p.hangup()
    assert not listener.wait_outcome().transferred
    assert sipp.wait(5) == 0


def test_a_second_transfer_while_one_is_pending_is_refused(sipp_uas, phone, listener):
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refer_silent.xml")
    p.transfer("supervisor")
    listener.wait_for(lambda: any(t.stage == "accepted" for t in listener.transfers), what="REFER accepted")
    p.transfer("supervisor")
    listener.wait_for(lambda: listener.errors, what="refusal")
    assert listener.errors == ["Transfer sedang berjalan; tunggu hasilnya."]
    p.hangup()
    outcome = listener.wait_outcome()
    # Hanging up with the transfer still open closes it as failed: the desk is never left waiting.
    last = listener.wait_transfer()
    assert last.stage == "failed" and "panggilan berakhir" in last.message_id
    assert not outcome.transferred
    assert sipp.wait(5) == 0


def test_a_refer_from_the_customer_side_is_declined_and_the_call_stays(sipp_uas, phone, listener, tmp_path):
    trace = tmp_path / "messages.log"
    sipp, p = _connected_call(sipp_uas, phone, listener, "uas_refers_the_agent.xml",
                              extra=["-trace_msg", "-message_file", str(trace)])
    wait_until(lambda: trace.exists() and "SIP/2.0 603" in trace.read_text(errors="replace"), 5,
               what="our answer to the REFER")
    assert p.active_call() is not None and p.active_call().state == "connected"
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.answered and not outcome.transferred and len(listener.outcomes) == 1
    assert sipp.wait(5) == 0, f"the REFER was not declined with 603: {sipp.output()[-800:]}"
