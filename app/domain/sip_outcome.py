"""What a finished SIP call means for the agent: a suggested reason code and a message.

Plain Python (no pjsua2): the telephony layer hands in the facts of the call (answered?,
final SIP status, did Sambung cancel it because the ring timeout passed?) and gets back
the reason code to pre-select in the wrap-up form and a short user message in Bahasa
Indonesia (plus English for logs/the English UI).  It must not decide the attempt policy
(retry/pend/close): that is the attempt policy's job, which reads the reason code.

Reason codes suggested:

==========  ===========================================================
NC-BSY      busy: 486 Busy Here, 600 Busy Everywhere
NC-RNA      ring, no answer: 480, 408, or 487 when the ring timed out or
            the agent cancelled the ringing call
NC-INA      number not valid / not active: 404, 484, 410, 604
NC-REJ      declined by the customer: 603
""          network / PBX failure (5xx other than 600-series, transport
            errors, no response, no codec in common, unusable media from
            the network) and answered calls: nothing is suggested
            because the customer was not reached *and* it says nothing about
            the customer; the message says it was a network problem so the
            agent can retry without using up one of the customer's attempts.
==========  ===========================================================
"""

from __future__ import annotations

BUSY = "NC-BSY"
NO_ANSWER = "NC-RNA"
INVALID_NUMBER = "NC-INA"
REJECTED = "NC-REJ"
NETWORK = ""  # documented above: a network failure suggests no customer reason

# Why a registration failed when the SIP status alone does not say it: a TLS failure
# reaches us as a 503 like any unreachable server, but the fix is a different one.
TLS_UNTRUSTED = "tls_untrusted"     # the server's certificate is not signed by a CA we trust
TLS_HANDSHAKE = "tls_handshake"     # any other TLS failure (protocol, cipher, broken handshake)

# Why a call failed on its media when the SIP status alone does not say it.  pjsip
# hangs up an answer whose SDP has no codec in common (BYE, Reason 415) and cancels
# a call whose early answer (183) carries SDP it cannot use (wrong codec, attribute
# or media line): the status seen is 415, or 487 as if someone had cancelled.
NO_COMMON_CODEC = "no_common_codec"
BAD_MEDIA = "bad_media"
MEDIA_CAUSES = frozenset({NO_COMMON_CODEC, BAD_MEDIA})

_BUSY_CODES = {486, 600}
_NO_ANSWER_CODES = {480, 408, 487}
_INVALID_CODES = {404, 484, 410, 604}
_REJECT_CODES = {603}


def suggest_reason_code(answered: bool, status_code: int | None, ring_timed_out: bool = False,
                        cause: str = "") -> str:
    """The reason code to pre-select for a call, or "" when nothing should be suggested.

    487 (Request Terminated) is the status of a call *we* cancelled: whether the ring
    timeout fired or the agent gave up, the customer let it ring, so NC-RNA.  A media
    failure (`cause`) is the network's, whatever its status: nothing is suggested.
    """
    if answered or cause in MEDIA_CAUSES:
        return ""
    if ring_timed_out:
        return NO_ANSWER
    if status_code in _BUSY_CODES:
        return BUSY
    if status_code in _NO_ANSWER_CODES:
        return NO_ANSWER
    if status_code in _INVALID_CODES:
        return INVALID_NUMBER
    if status_code in _REJECT_CODES:
        return REJECTED
    return NETWORK


def is_network_failure(status_code: int | None, cause: str = "") -> bool:
    """True when the failure is the network's or the PBX's, not the customer's."""
    if cause in MEDIA_CAUSES or status_code is None or status_code == 0:
        return True
    return (status_code >= 500 and status_code not in (600, 603, 604)) or status_code in (
        407, 401, 403, 415, 488, 502, 503, 504)


def failure_message(status_code: int | None, reason: str = "", ring_timed_out: bool = False,
                    cause: str = "") -> tuple[str, str]:
    """(message_id, message_en) describing how a call or a registration ended, for the agent.

    `cause` (TLS_* or a media cause, set by telephony) comes first: a TLS failure ends
    as a 503 like a dead PBX, and a media failure as 415 or 487, but each means
    something else.
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
