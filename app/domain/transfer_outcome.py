"""What a step of a call transfer means for the agent: its stage and a short message.

Plain Python (no pjsua2): the telephony layer hands in what the customer's side said
about a transfer — the REFER's answer, then each NOTIFY's sipfrag status line (100
Trying, 180 Ringing, 200 OK, 486 Busy Here…), or that nothing final came in time —
and gets back the stage ("accepted", "trying", "ringing", "succeeded", "failed") and a
message in Bahasa Indonesia (plus English for logs/the English UI).  It does not decide
what happens to the call (app.telephony does: a failed transfer keeps the call).
"""

from __future__ import annotations

_BUSY = {486, 600}
_NO_ANSWER = {408, 480, 487}
_INVALID = {404, 410, 484, 604}
_DECLINED = {603}


def transfer_stage(code: int | None, final: bool, refer_accepted: bool) -> str:
    """The stage a transfer reached, from a status code and whether it is the last word.

    Before the REFER is accepted a final answer is the REFER's own (a 4xx/5xx refusal);
    afterwards it is the sipfrag of the transferee's call to the target.  A last word
    that is still provisional (the subscription ended on "100 Trying") confirms nothing.
    """
    if code is not None and 200 <= code < 300 and (final or refer_accepted):
        return "succeeded"
    if final or (code is not None and code >= 300):
        return "failed"
    if not refer_accepted:
        return "accepted"
    if code is not None and 180 <= code < 200:
        return "ringing"
    return "trying"


def transfer_message(stage: str, code: int | None = None, reason: str = "", *,
                     refer_accepted: bool = True, timeout_seconds: float | None = None) -> tuple[str, str]:
    """(message_id, message_en) for one transfer stage."""
    if stage == "requested":
        return "Meminta transfer…", "Requesting the transfer…"
    if stage == "accepted":
        return "Transfer diterima; menghubungkan…", "Transfer accepted; connecting…"
    if stage == "trying":
        return "Transfer: menghubungi tujuan…", "Transfer: calling the target…"
    if stage == "ringing":
        return "Transfer: tujuan berdering…", "Transfer: the target is ringing…"
    if stage == "succeeded":
        return "Transfer berhasil", "Transfer succeeded"
    why_id, why_en = _failure_reason(code, reason, refer_accepted, timeout_seconds)
    return f"Transfer gagal: {why_id}", f"Transfer failed: {why_en}"


def _failure_reason(code: int | None, reason: str, refer_accepted: bool,
                    timeout_seconds: float | None) -> tuple[str, str]:
    if timeout_seconds is not None:
        seconds = f"{timeout_seconds:g}"
        return (f"tidak ada kepastian dalam {seconds} detik",
                f"no confirmation within {seconds} seconds")
    if code is None or code < 200:
        return "jaringan tidak mengonfirmasi hasilnya", "the network did not confirm the result"
    if not refer_accepted:
        # The customer's phone or the PBX would not take the REFER at all.
        return f"ditolak oleh jaringan ({code})", f"refused by the network ({code})"
    if code in _BUSY:
        return f"tujuan sedang sibuk ({code})", f"the target is busy ({code})"
    if code in _NO_ANSWER:
        return f"tujuan tidak mengangkat ({code})", f"the target did not answer ({code})"
    if code in _INVALID:
        return f"nomor tujuan tidak valid ({code})", f"the target number is not valid ({code})"
    if code in _DECLINED:
        return f"tujuan menolak panggilan ({code})", f"the target declined the call ({code})"
    tail = f" {reason}" if reason else ""
    return f"({code}{tail})", f"({code}{tail})"
