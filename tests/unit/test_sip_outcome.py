"""The SIP final status -> suggested reason code and agent message rules."""

from __future__ import annotations

import pytest

from app.domain.sip_outcome import (TLS_HANDSHAKE, TLS_UNTRUSTED, failure_message, is_network_failure,
                                    suggest_reason_code)


@pytest.mark.parametrize("code,expected", [
    (486, "NC-BSY"), (600, "NC-BSY"),
    (480, "NC-RNA"), (408, "NC-RNA"), (487, "NC-RNA"),
    (404, "NC-INA"), (484, "NC-INA"), (410, "NC-INA"), (604, "NC-INA"),
    (603, "NC-REJ"),
])
def test_customer_side_failures_suggest_their_reason_code(code, expected):
    assert suggest_reason_code(False, code, False) == expected


@pytest.mark.parametrize("code", [500, 502, 503, 504, None, 0, 488, 401])
def test_network_or_pbx_failures_suggest_no_customer_reason(code):
    assert suggest_reason_code(False, code, False) == ""


def test_ring_timeout_suggests_no_answer_whatever_the_status():
    assert suggest_reason_code(False, 487, True) == "NC-RNA"
    assert suggest_reason_code(False, None, True) == "NC-RNA"


def test_answered_call_suggests_nothing():
    assert suggest_reason_code(True, 200, False) == ""


@pytest.mark.parametrize("code,text", [
    (486, "Nomor sedang sibuk (486)"), (404, "Nomor tidak valid (404)"),
    (603, "Panggilan ditolak (603)"), (503, "Gangguan jaringan/PBX (503)"),
    (480, "Tidak diangkat (480)"),
])
def test_failure_messages_are_indonesian_and_name_the_status(code, text):
    message_id, message_en = failure_message(code, "")
    assert message_id == text
    assert str(code) in message_en


def test_no_response_is_reported_as_a_network_problem():
    message_id, _ = failure_message(None, "timeout")
    assert message_id.startswith("Gangguan jaringan/PBX") and "timeout" in message_id
    assert is_network_failure(None) and is_network_failure(503) and not is_network_failure(486)


def test_ring_timeout_message_says_not_answered():
    assert failure_message(487, "", ring_timed_out=True)[0].startswith("Tidak diangkat")


def test_registration_failure_with_an_untrusted_tls_certificate_names_the_ca_setting_not_the_503():
    message_id, message_en = failure_message(503, "SSL certificate verification error", cause=TLS_UNTRUSTED)
    assert message_id.startswith("sertifikat TLS server SIP tidak dipercaya") and "sip.tls_ca_file" in message_id
    assert "503" not in message_id and "not trusted" in message_en
    assert failure_message(503, "", cause=TLS_HANDSHAKE)[0].startswith("koneksi TLS ke server SIP gagal")


def test_registration_failure_without_a_cause_says_what_the_status_says():
    assert failure_message(401, "Unauthorized", cause="") == (
        "Akun SIP ditolak PBX (401); periksa nama pengguna/kata sandi",
        "SIP account rejected by the PBX (401); check user name/password")
    assert failure_message(503, "Service Unavailable", cause="")[0] == "Gangguan jaringan/PBX (503)"


def test_media_failures_are_network_faults_with_their_own_names_whatever_the_status():
    from app.domain.sip_outcome import (BAD_MEDIA, NO_COMMON_CODEC, failure_message, is_network_failure,
                                        suggest_reason_code)
    assert is_network_failure(487, BAD_MEDIA) and not is_network_failure(487)
    assert is_network_failure(415, NO_COMMON_CODEC) and is_network_failure(415)
    assert suggest_reason_code(False, 487, cause=BAD_MEDIA) == "" and suggest_reason_code(False, 487) == "NC-RNA"
    assert failure_message(487, cause=BAD_MEDIA)[0].startswith("Gangguan jaringan: media dari jaringan")
    assert "codec" in failure_message(415, cause=NO_COMMON_CODEC)[0]
