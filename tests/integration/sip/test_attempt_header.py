"""The INVITE names Sambung's attempt (X-Sambung-Attempt), so a PBX-side recorder can bind its own
file to the same attempt (issue 14).  Seen by a real sipp customer, which refuses an INVITE without it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.sip


def test_the_invite_carries_the_attempt_id_header(sipp_uas, phone, listener, tmp_path):
    messages = tmp_path / "sipp-messages.log"
    sipp = sipp_uas("uas_answer_attempt_header.xml", extra=["-trace_msg", "-message_file", str(messages)])
    p = phone()
    p.dial(sipp.uri(), attempt_id="4711")
    listener.wait_state("connected")        # sipp answers only an INVITE that has the header
    p.hangup()
    assert listener.wait_outcome().answered
    invite = messages.read_text(errors="replace").split("INVITE sip:", 1)[1].split("\n\n", 1)[0]
    assert "X-Sambung-Attempt: 4711" in invite
