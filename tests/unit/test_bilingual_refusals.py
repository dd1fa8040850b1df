"""Refusals made below the screens carry both languages (app.domain.text.Text) while `str()` stays
the Indonesian the command line and the logs read: the outside systems' failures
(app.services.errors), a client's refusal of its payload, and the announcement matcher's."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.text import Text, text_of
from app.services import errors
from app.services.mailbox import MailboxNotConfigured, MailboxUnavailable
from app.telephony.progress.fingerprint import Reference


def test_text_format_fills_each_language_with_its_own_value():
    filled = Text("Sistem {service} menolak: {reason}", "The {service} system refused: {reason}").format(
        service=Text("luar", "outside"), reason="kode 42")
    assert filled == Text("Sistem luar menolak: kode 42", "The outside system refused: kode 42")


def test_a_plain_string_added_to_a_text_reads_the_same_in_both_languages():
    assert Text("Gagal.", "Failed.") + "[HTTP 503]" == Text("Gagal. [HTTP 503]", "Failed. [HTTP 503]")


def test_a_service_failure_keeps_its_indonesian_description_and_carries_the_english_one():
    failure = errors.ServiceUnavailable("connection refused", service="TAMARA", status_code=503,
                                        request_id="r-1")
    assert str(failure) == ("Sistem TAMARA sedang tidak dapat dihubungi. Coba lagi sebentar lagi. "
                            "(connection refused) [HTTP 503] [request r-1]")
    assert str(failure) == failure.describe()
    assert text_of(failure).en == ("The TAMARA system cannot be reached right now. Try again in a moment. "
                                   "(connection refused) [HTTP 503] [request r-1]")
    assert failure.user_message == "Sistem TAMARA sedang tidak dapat dihubungi. Coba lagi sebentar lagi."
    assert failure.user_text.en == "The TAMARA system cannot be reached right now. Try again in a moment."


def test_a_failure_without_a_system_name_says_outside_system_in_each_language():
    refused = errors.RejectedRequest("422", server_message="nomor tidak sah")
    assert refused.user_message == "Sistem luar menolak data yang dikirim: nomor tidak sah"
    assert refused.user_text.en == "The outside system refused the data sent: nomor tidak sah"


def test_an_indonesian_only_user_message_is_still_accepted_and_carries_no_english():
    failure = errors.ServiceError("x", service="SMTP", user_message="Kata sandi SMTP belum disimpan.")
    assert failure.user_message == "Kata sandi SMTP belum disimpan." and str(failure).startswith(failure.user_message)
    assert text_of(failure) is None and failure.user_text is None


def test_the_mailbox_failures_speak_both_languages():
    assert MailboxUnavailable(detail="IMAP: EOF", service="IMAP").user_text.en.startswith(
        "The mailbox (IMAP) cannot be reached")
    missing = MailboxNotConfigured(detail="imap_password missing", service="IMAP",
                                   user_message=Text("Kata sandi IMAP belum disimpan; hubungi admin.",
                                                     "The IMAP password is not saved; contact the admin."))
    assert str(missing) == "Kata sandi IMAP belum disimpan; hubungi admin. (imap_password missing)"
    assert not errors.is_permanent(MailboxUnavailable()) and errors.is_permanent(missing)


def test_a_client_refusing_its_payload_is_a_value_error_in_both_languages():
    from app.services.escalations import EscalationClient
    client = EscalationClient.__new__(EscalationClient)        # refused before any request is made
    with pytest.raises(ValueError) as refused:
        client.escalate({"target": "anywhere"}, "key-1")
    assert str(refused.value).startswith("Tujuan eskalasi harus salah satu dari")
    assert text_of(refused.value).en.startswith("The escalation target must be one of")


def test_a_recording_too_short_to_match_is_refused_in_both_languages():
    with pytest.raises(ValueError) as refused:
        Reference("bip", np.zeros((3, 16)))
    assert str(refused.value) == "rekaman 'bip' terlalu pendek untuk dicocokkan"
    assert text_of(refused.value).en == "recording 'bip' is too short to be matched"
