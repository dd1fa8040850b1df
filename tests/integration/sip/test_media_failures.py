"""Media negotiation failures against a real sipp peer are named as what they are —
no common codec, unusable media from the network — and counted as network faults;
and the ring timeout comes from the site setting `sip.ring_timeout_seconds`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sip
ROOT = Path(__file__).resolve().parents[3]

# In the manner of pjproject's uas-answer-183-wrong-{codec,attr,media} scenarios.
BAD_183 = {
    "wrong-codec": {"sdp_origin": "", "sdp_media": "m=audio [media_port] RTP/AVP 109",
                    "sdp_rtpmap": "a=rtpmap:109 EVS/16000"},
    "wrong-attr": {"sdp_origin": "1=1\n      ", "sdp_media": "m=audio [media_port] RTP/AVP 8",
                   "sdp_rtpmap": "a=rtpmap:8 PCMA/8000"},
    "wrong-media": {"sdp_origin": "", "sdp_media": "m=video [media_port] RTP/AVP 34",
                    "sdp_rtpmap": "a=rtpmap:34 H263/90000"},
}


def test_an_answer_with_no_common_codec_is_a_network_fault_not_an_answered_call(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_answer_no_common_codec.xml", calls=1)
    phone().dial(sipp.uri(), attempt_id="att-codec")
    outcome = listener.wait_outcome()
    assert not outcome.answered and outcome.talk_seconds == 0
    assert (outcome.status_code, outcome.cause) == (415, "no_common_codec")
    assert outcome.message_id == ("Gangguan jaringan: tidak ada codec suara yang sama dengan jaringan "
                                  "pelanggan (415)")
    assert outcome.network_fault and outcome.suggested_reason_code == ""
    assert sipp.wait(5) == 0, "sipp saw pjsip's BYE"


@pytest.mark.parametrize("variant", sorted(BAD_183))
def test_early_media_the_network_got_wrong_is_named_as_bad_media_not_a_cancel(sipp_uas, phone, listener,
                                                                              variant):
    sipp = sipp_uas("uas_183_bad_sdp.xml", calls=1, keys=BAD_183[variant])
    phone().dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert not outcome.answered and not outcome.ring_timed_out
    assert outcome.cause == "bad_media" and outcome.network_fault
    assert outcome.message_id == "Gangguan jaringan: media dari jaringan tidak dapat dipakai (SDP 183 tidak sah)"
    assert "dibatalkan" not in outcome.message_id and outcome.suggested_reason_code == ""
    assert sipp.wait(5) == 0, "sipp saw the CANCEL"


def test_a_cancel_by_the_agent_after_early_media_is_still_no_answer(sipp_uas, phone, listener):
    sipp = sipp_uas("uas_ring_forever.xml", calls=1)
    p = phone()
    p.dial(sipp.uri())
    listener.wait_state("ringing")
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.cause == "" and not outcome.network_fault and outcome.suggested_reason_code == "NC-RNA"


def _sambung(*args: str, home: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    env = dict(os.environ, SAMBUNG_HOME=str(home), SAMBUNG_SITE_FILE=str(home / "site.json"),
               PYTHON_KEYRING_BACKEND="app.platform.secrets.MemoryKeyring")
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_call_command_exits_non_zero_on_no_common_codec_and_says_so(sipp_uas, sambung_home):
    sipp = sipp_uas("uas_answer_no_common_codec.xml", calls=1)
    result = _sambung("call", f"sip:0811111111@{sipp.uri_host}", "--bind", "127.0.0.1", "--null-audio",
                      home=sambung_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tidak ada codec suara yang sama" in result.stderr
    assert "Panggilan tersambung" not in result.stdout + result.stderr


def test_call_command_cancels_after_the_sites_ring_timeout(sipp_uas, sambung_home):
    sipp = sipp_uas("uas_ring_forever.xml", calls=1)
    (sambung_home / "site.json").write_text(json.dumps({"sip": {"ring_timeout_seconds": 1}}))
    result = _sambung("call", f"sip:0811111111@{sipp.uri_host}", "--bind", "127.0.0.1", "--null-audio",
                      home=sambung_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Tidak diangkat (waktu dering habis)" in result.stderr
    ring = float(result.stdout.split("; dering ")[1].split(" d")[0])
    assert 0.9 <= ring < 5
    assert sipp.wait(5) == 0
