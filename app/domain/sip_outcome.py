"""What a finished SIP call means for the agent: a suggested reason code and a message.

Plain Python (no pjsua2): the telephony layer hands in the facts of the call (answered?,
final SIP status, did Sambung cancel it because the ring timeout passed?) and gets back
the reason code to pre-select in the wrap-up form and a short user message in Bahasa
Indonesia (plus English for logs/the English UI).  It must not decide the attempt policy
(retry/pend/close): that is the attempt policy's job, which reads the reason code.

Which outcome suggests which reason, and whether the attempt counts, is one table:
app.domain.attempt_counting.OUTCOME_RULES (busy 486/600 → NC-BSY; 480, or 408/487/ring
timeout after it rang → NC-RNA; 404/410/484/604 → NC-INA; 603 → NC-REJ; a site fault
suggests nothing and does not count).  This module words the messages.
"""

from __future__ import annotations

from app.domain.attempt_counting import (BAD_MEDIA, BUSY, INVALID_NUMBER, MEDIA_CAUSES,  # noqa: F401
                                         NO_ANSWER, NO_COMMON_CODEC, REJECTED, TLS_HANDSHAKE, TLS_UNTRUSTED,
                                         CallFacts, classify)

NETWORK = ""  # a network failure suggests no customer reason

_BUSY_CODES = {486, 600}
_NO_ANSWER_CODES = {480, 408, 487}
_INVALID_CODES = {404, 484, 410, 604}
_REJECT_CODES = {603}


def suggest_reason_code(answered: bool, status_code: int | None, ring_timed_out: bool = False,
                        provisional: bool = True, early_media: bool = False, cause: str = "") -> str:
    """The reason code to pre-select for a call, or "" when nothing should be suggested.

    487 (Request Terminated) is the status of a call *we* cancelled: after it rang,
    whether the ring timeout fired or the agent gave up, the customer let it ring, so NC-RNA.
    """
    return classify(CallFacts(answered, status_code, ring_timed_out, provisional, early_media,
                              cause)).suggested_reason


def is_network_failure(status_code: int | None, cause: str = "", provisional: bool = True) -> bool:
    """True when the failure is the network's or the PBX's, not the customer's (it does not count)."""
    return not classify(CallFacts(False, status_code, provisional=provisional, cause=cause)).counts


def failure_message(status_code: int | None, reason: str = "", ring_timed_out: bool = False,
                    cause: str = "", provisional: bool = True) -> tuple[str, str]:
    """(message_id, message_en) describing how a call or a registration ended, for the agent.

    `cause` (TLS_* or a media cause, set by telephony) comes first: a TLS failure ends as a
    503 like a dead PBX, and a media failure as 415 or 487, but each means something else.
    """
    tls = _tls_failure_message(cause)
    if tls is not None:
        return tls
    code = status_code or 0
    if cause == NO_COMMON_CODEC:
        return (f"Gangguan jaringan: tidak ada codec suara yang sama dengan jaringan pelanggan ({code})",
                f"Network problem: no audio codec in common with the customer's network ({code})")
    if cause == BAD_MEDIA:
        return ("Gangguan jaringan: media dari jaringan tidak dapat dipakai (SDP 183 tidak sah)",
                "Network problem: unusable media from the network (bad SDP in 183)")
    if code == 200:
        return "Panggilan tersambung (200)", "Call answered (200)"
    if not provisional and (ring_timed_out or code == 408):
        # Nothing rang: the server never passed the call on (a local 408 is pjsip's own timeout).
        return (f"Gangguan jaringan/PBX: server tidak menjawab ({code or 'tanpa jawaban'})",
                f"Network/PBX problem: the server did not answer ({code or 'no answer'})")
    if ring_timed_out:
        return "Tidak diangkat (waktu dering habis)", "No answer (ring timeout)"
    if code in _BUSY_CODES:
        return f"Nomor sedang sibuk ({code})", f"Number busy ({code})"
    if code in (480, 408):
        return f"Tidak diangkat ({code})", f"No answer ({code})"
    if code == 487:
        return "Panggilan dibatalkan sebelum diangkat (487)", "Call cancelled before answer (487)"
    if code in _INVALID_CODES:
        return f"Nomor tidak valid ({code})", f"Number not valid ({code})"
    if code in _REJECT_CODES:
        return f"Panggilan ditolak ({code})", f"Call declined ({code})"
    if code in (401, 403, 407):
        return (f"Akun SIP ditolak PBX ({code}); periksa nama pengguna/kata sandi",
                f"SIP account rejected by the PBX ({code}); check user name/password")
    if code == 488:
        return "Codec tidak cocok dengan PBX (488)", "No common codec with the PBX (488)"
    if code == 0:
        detail = f": {reason}" if reason else ""
        return (f"Gangguan jaringan/PBX: tidak ada jawaban{detail}",
                f"Network/PBX problem: no response{detail}")
    if code >= 500:
        return f"Gangguan jaringan/PBX ({code})", f"Network/PBX problem ({code})"
    tail = f" {reason}" if reason else ""
    return f"Panggilan gagal ({code}{tail})", f"Call failed ({code}{tail})"


def _tls_failure_message(cause: str) -> tuple[str, str] | None:
    if cause == TLS_UNTRUSTED:
        return ("sertifikat TLS server SIP tidak dipercaya; periksa berkas CA situs (sip.tls_ca_file) "
                "atau hubungi tim IT",
                "the SIP server's TLS certificate is not trusted; check the site CA file (sip.tls_ca_file) "
                "or contact IT")
    if cause == TLS_HANDSHAKE:
        return ("koneksi TLS ke server SIP gagal; periksa alamat, port dan transport SIP",
                "the TLS connection to the SIP server failed; check the SIP address, port and transport")
    return None
