"""Whether a real call counts against the customer (issue 18), against a sipp peer on 127.0.0.1.

The rule itself is app.domain.attempt_counting (tested per code in tests/unit); here the
facts it needs (did anything ring, did a 183 come, what final status) are seen on the wire.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.sip


def test_a_pbx_failure_after_ringing_is_not_counted_and_suggests_nothing(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "503", "reason": "Service Unavailable"})
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert outcome.status_code == 503 and outcome.provisional
    assert outcome.counts is False and outcome.suggested_reason_code == ""
    assert outcome.count_note_id == "tidak dihitung: gangguan jaringan/PBX"


def test_a_408_with_nothing_before_it_is_a_site_fault_with_no_ring_time(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_reject_at_once.xml", keys={"code": "408", "reason": "Request Timeout"})
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert outcome.status_code == 408 and not outcome.provisional
    assert outcome.counts is False and outcome.suggested_reason_code != "NC-RNA"
    assert outcome.ring_seconds == 0.0
    assert outcome.message_id.startswith("Gangguan jaringan/PBX: server tidak menjawab")
    assert outcome.outcome_kind == "no_response"


def test_a_408_after_ringing_is_the_customer_not_answering_and_counts(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "408", "reason": "Request Timeout"})
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert outcome.provisional and outcome.counts is True
    assert outcome.suggested_reason_code == "NC-RNA" and outcome.message_id == "Tidak diangkat (408)"


def test_a_server_that_only_says_trying_until_the_ring_timeout_never_rang_and_is_not_counted(
        sipp_uas, phone, listener):
    sipp = sipp_uas("uas_trying_forever.xml", calls=1)
    p = phone(ring_timeout_seconds=0.4)
    p.dial(sipp.uri())
    outcome = listener.wait_outcome(timeout=5)
    assert outcome.ring_timed_out and not outcome.provisional
    assert outcome.counts is False and outcome.suggested_reason_code == ""
    assert outcome.ring_seconds == 0.0
    assert "ringing" not in [s.state for s in listener.states]
    assert sipp.wait(5) == 0


def test_an_operator_announcement_then_a_failure_counts(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_announcement.xml", keys={"code": "503", "reason": "Service Unavailable"})
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert "early_media" in [s.state for s in listener.states]
    assert outcome.counts is True and outcome.outcome_kind == "announcement"


def test_busy_at_once_still_counts_the_customer_answered_for_their_line(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_reject_at_once.xml", keys={"code": "486", "reason": "Busy Here"})
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert outcome.counts is True and outcome.suggested_reason_code == "NC-BSY"
