"""Which calls count as one of the customer's attempts: one table over every way a call ends.

Only a call that reached the customer's network counts against the 3-call rule: it
rang, was busy, was not answered, was rejected or answered, the number was refused
as not valid, or an operator announcement played.  A local or site fault (PBX or
network down, TLS, registration, the softphone refusing locally, codecs/SDP, a server
that never answered at all) does not count: the card says "tidak dihitung: gangguan
jaringan/PBX" and no reason is suggested (never NC-RNA, which would count).

`OUTCOME_RULES` is read top to bottom, first match wins; each row is tested per code
in tests/unit/test_attempt_counting.py.  To add a way a call can fail: add a cause to
`SITE_FAULT_CAUSES` (telephony sets `CallFacts.cause`, e.g. a media-negotiation
failure), or insert a row.  Pure rules: no pjsua2, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable

# Causes beyond the status code, set by telephony (app.telephony.call / account).
TLS_UNTRUSTED = "tls_untrusted"     # the server's certificate is not signed by a CA we trust
TLS_HANDSHAKE = "tls_handshake"     # any other TLS failure (protocol, cipher, broken handshake)
LOCAL_REFUSED = "local_refused"     # pjsua refused to send the INVITE (transport, URI, account)
REGISTRATION_DOWN = "registration_down"  # the account's registration had failed when the call was placed

# A cause here makes the call a site fault whatever its status code.  The seam for new
# local failures: add their cause name (e.g. media negotiation) to this set.
# pjsip hangs up an answer whose SDP has no codec in common (BYE, Reason 415) and cancels a
# call whose early answer (183) carries SDP it cannot use (wrong codec, attribute or media
# line): the status seen is 415, or 487 as if someone had cancelled.  The network's fault.
NO_COMMON_CODEC = "no_common_codec"
BAD_MEDIA = "bad_media"
MEDIA_CAUSES = frozenset({NO_COMMON_CODEC, BAD_MEDIA})
SITE_FAULT_CAUSES: set[str] = {TLS_UNTRUSTED, TLS_HANDSHAKE, LOCAL_REFUSED, REGISTRATION_DOWN, *MEDIA_CAUSES}

BUSY, NO_ANSWER, INVALID_NUMBER, REJECTED = "NC-BSY", "NC-RNA", "NC-INA", "NC-REJ"

NOT_COUNTED_SITE_ID = "tidak dihitung: gangguan jaringan/PBX"
NOT_COUNTED_SITE_EN = "not counted: network/PBX fault"
NOT_COUNTED_CANCEL_ID = "tidak dihitung: dibatalkan sebelum berdering"
NOT_COUNTED_CANCEL_EN = "not counted: cancelled before it rang"


class OutcomeKind(str, Enum):
    ANSWERED = "answered"
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    REJECTED = "rejected"
    INVALID_NUMBER = "invalid_number"
    ANNOUNCEMENT = "announcement"            # early media (183) then a failure: an operator announcement
    CANCELLED_BEFORE_RING = "cancelled_before_ring"
    NO_RESPONSE = "no_response"              # nothing came back: transport error, local 408, never rang
    ACCOUNT_REJECTED = "account_rejected"    # 401/403/407: our SIP account or route
    MEDIA_FAILURE = "media_failure"          # 415/488/606: our codecs or SDP
    LOCAL_FAULT = "local_fault"              # a SITE_FAULT_CAUSES cause
    SITE_FAULT = "site_fault"                # any other failure: 5xx, 3xx, other 4xx


@dataclass(frozen=True)
class CallFacts:
    """What telephony knows when a call has ended."""

    answered: bool
    status_code: int | None
    ring_timed_out: bool = False
    provisional: bool = True     # a 18x came back (the customer's network took the call); False: only 100 or nothing
    early_media: bool = False    # a 183 Session Progress: audio (an announcement) may have played
    cause: str = ""              # see SITE_FAULT_CAUSES


@dataclass(frozen=True)
class OutcomeRule:
    name: str                    # what the row covers, for people and test ids
    kind: OutcomeKind
    counts: bool
    suggests: str                # reason code to pre-select, "" for none
    applies: Callable[[CallFacts], bool]


@dataclass(frozen=True)
class OutcomeClass:
    kind: OutcomeKind
    counts: bool
    suggested_reason: str
    rule: str
    note_id: str = ""            # the card's line for an attempt that does not count
    note_en: str = ""


def _code(f: CallFacts) -> int:
    return f.status_code or 0


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule("local or site cause (TLS, refused locally, registration down, media)", OutcomeKind.LOCAL_FAULT,
                False, "", lambda f: f.cause in SITE_FAULT_CAUSES),
    OutcomeRule("answered", OutcomeKind.ANSWERED, True, "", lambda f: f.answered),
    OutcomeRule("busy 486/600", OutcomeKind.BUSY, True, BUSY, lambda f: _code(f) in (486, 600)),
    OutcomeRule("declined 603", OutcomeKind.REJECTED, True, REJECTED, lambda f: _code(f) == 603),
    OutcomeRule("number not valid 404/410/484/604", OutcomeKind.INVALID_NUMBER, True, INVALID_NUMBER,
                lambda f: _code(f) in (404, 410, 484, 604)),
    OutcomeRule("temporarily unavailable 480", OutcomeKind.NO_ANSWER, True, NO_ANSWER, lambda f: _code(f) == 480),
    OutcomeRule("rang, then ring timeout / cancel 487 / 408", OutcomeKind.NO_ANSWER, True, NO_ANSWER,
                lambda f: f.provisional and (f.ring_timed_out or _code(f) in (487, 408))),
    OutcomeRule("operator announcement (183), then a failure", OutcomeKind.ANNOUNCEMENT, True, "",
                lambda f: f.early_media),
    OutcomeRule("agent cancelled before it rang (487)", OutcomeKind.CANCELLED_BEFORE_RING, False, "",
                lambda f: _code(f) == 487 and not f.ring_timed_out),
    OutcomeRule("never rang: local 408, ring timeout without 18x, no response", OutcomeKind.NO_RESPONSE, False, "",
                lambda f: f.ring_timed_out or _code(f) in (0, 408)),
    OutcomeRule("account/route refused 401/403/407", OutcomeKind.ACCOUNT_REJECTED, False, "",
                lambda f: _code(f) in (401, 403, 407)),
    OutcomeRule("media not acceptable 415/488/606", OutcomeKind.MEDIA_FAILURE, False, "",
                lambda f: _code(f) in (415, 488, 606)),
    OutcomeRule("any other failure: 5xx, 3xx, other 4xx", OutcomeKind.SITE_FAULT, False, "", lambda f: True),
)


def classify(facts: CallFacts) -> OutcomeClass:
    for rule in OUTCOME_RULES:
        if rule.applies(facts):
            if rule.counts:
                return OutcomeClass(rule.kind, True, rule.suggests, rule.name)
            if rule.kind is OutcomeKind.CANCELLED_BEFORE_RING:
                return OutcomeClass(rule.kind, False, "", rule.name, NOT_COUNTED_CANCEL_ID, NOT_COUNTED_CANCEL_EN)
            return OutcomeClass(rule.kind, False, "", rule.name, NOT_COUNTED_SITE_ID, NOT_COUNTED_SITE_EN)
    raise AssertionError("OUTCOME_RULES ends with a catch-all row")     # pragma: no cover


def counts_against_customer(facts: CallFacts) -> bool:
    return classify(facts).counts


def attempts_after(attempts_in_round: int, outcome_counts: bool | None) -> int:
    """The round's attempt counter once a call has ended.

    The attempt is counted when the INVITE leaves (a crash still counts it); a call that
    turned out not to count gives its attempt back.  None (the call's end is unknown,
    e.g. the app crashed mid-call) keeps it counted.
    """
    if outcome_counts is False:
        return max(0, attempts_in_round - 1)
    return attempts_in_round
