"""Which calls count against the customer: app.domain.attempt_counting's table, per code (issue 18)."""

from __future__ import annotations

import pytest

from app.domain.attempt_counting import (LOCAL_REFUSED, OUTCOME_RULES, REGISTRATION_DOWN, SITE_FAULT_CAUSES,
                                         TLS_HANDSHAKE, TLS_UNTRUSTED, CallFacts, OutcomeKind, attempts_after,
                                         classify)
from app.domain.attempt_policy import AttemptPolicy
from app.domain.programs import Program
from app.domain.workitem import WorkItemState as S
from tests.unit.support import WED, WIB, at, reason

# (status, rang first?, early media?, ring timed out?) -> (kind, counts, suggested reason)
TABLE = [
    (200, True, False, False, OutcomeKind.ANSWERED, True, ""),
    (486, True, False, False, OutcomeKind.BUSY, True, "NC-BSY"),
    (486, False, False, False, OutcomeKind.BUSY, True, "NC-BSY"),
    (600, False, False, False, OutcomeKind.BUSY, True, "NC-BSY"),
    (603, True, False, False, OutcomeKind.REJECTED, True, "NC-REJ"),
    (404, False, False, False, OutcomeKind.INVALID_NUMBER, True, "NC-INA"),
    (410, False, False, False, OutcomeKind.INVALID_NUMBER, True, "NC-INA"),
    (484, False, False, False, OutcomeKind.INVALID_NUMBER, True, "NC-INA"),
    (604, False, False, False, OutcomeKind.INVALID_NUMBER, True, "NC-INA"),
    (480, True, False, False, OutcomeKind.NO_ANSWER, True, "NC-RNA"),
    (480, False, False, False, OutcomeKind.NO_ANSWER, True, "NC-RNA"),
    (487, True, False, True, OutcomeKind.NO_ANSWER, True, "NC-RNA"),       # rang until the ring timeout
    (487, True, False, False, OutcomeKind.NO_ANSWER, True, "NC-RNA"),      # the agent gave up on the ringing
    (408, True, False, False, OutcomeKind.NO_ANSWER, True, "NC-RNA"),      # the far end's 408 after ringing
    (503, True, True, False, OutcomeKind.ANNOUNCEMENT, True, ""),          # 183 announcement, then released
    (404, True, True, False, OutcomeKind.INVALID_NUMBER, True, "NC-INA"),  # announcement with a clear code
    (487, False, False, False, OutcomeKind.CANCELLED_BEFORE_RING, False, ""),
    (408, False, False, False, OutcomeKind.NO_RESPONSE, False, ""),        # local 408: nothing ever answered
    (487, False, False, True, OutcomeKind.NO_RESPONSE, False, ""),         # only 100 Trying until the timeout
    (None, False, False, False, OutcomeKind.NO_RESPONSE, False, ""),       # transport error
    (0, False, False, False, OutcomeKind.NO_RESPONSE, False, ""),
    (401, False, False, False, OutcomeKind.ACCOUNT_REJECTED, False, ""),
    (403, False, False, False, OutcomeKind.ACCOUNT_REJECTED, False, ""),
    (407, False, False, False, OutcomeKind.ACCOUNT_REJECTED, False, ""),
    (415, False, False, False, OutcomeKind.MEDIA_FAILURE, False, ""),
    (488, False, False, False, OutcomeKind.MEDIA_FAILURE, False, ""),
    (606, False, False, False, OutcomeKind.MEDIA_FAILURE, False, ""),
    (500, False, False, False, OutcomeKind.SITE_FAULT, False, ""),
    (502, True, False, False, OutcomeKind.SITE_FAULT, False, ""),
    (503, True, False, False, OutcomeKind.SITE_FAULT, False, ""),          # rang, then the PBX failed
    (504, False, False, False, OutcomeKind.SITE_FAULT, False, ""),
    (302, False, False, False, OutcomeKind.SITE_FAULT, False, ""),
    (400, False, False, False, OutcomeKind.SITE_FAULT, False, ""),
    (481, False, False, False, OutcomeKind.SITE_FAULT, False, ""),
]


@pytest.mark.parametrize("code,rang,early,timed_out,kind,counts,suggested", TABLE,
                         ids=[f"{r[0]}-{'rang' if r[1] else 'silent'}{'-183' if r[2] else ''}"
                              f"{'-timeout' if r[3] else ''}" for r in TABLE])
def test_every_sip_outcome_is_classified_as_counting_or_not(code, rang, early, timed_out, kind, counts, suggested):
    verdict = classify(CallFacts(code == 200, code, timed_out, rang, early))
    assert (verdict.kind, verdict.counts, verdict.suggested_reason) == (kind, counts, suggested)


def test_a_site_fault_never_suggests_no_answer_and_says_it_is_not_counted():
    for code in (408, 500, 503, 504, None, 401, 488):
        verdict = classify(CallFacts(False, code, provisional=False))
        assert not verdict.counts and verdict.suggested_reason != "NC-RNA"
        assert verdict.note_id == "tidak dihitung: gangguan jaringan/PBX"


@pytest.mark.parametrize("cause", [TLS_UNTRUSTED, TLS_HANDSHAKE, LOCAL_REFUSED, REGISTRATION_DOWN])
def test_a_local_cause_is_a_site_fault_whatever_the_code(cause):
    for code in (503, 408, 486, None):
        verdict = classify(CallFacts(False, code, provisional=False, cause=cause))
        assert verdict.kind is OutcomeKind.LOCAL_FAULT and not verdict.counts


def test_a_new_local_cause_is_added_in_one_place():
    try:
        SITE_FAULT_CAUSES.add("no_common_codec")
        assert not classify(CallFacts(False, 488, cause="no_common_codec")).counts
    finally:
        SITE_FAULT_CAUSES.discard("no_common_codec")


def test_the_table_ends_with_a_catch_all_so_every_code_is_classified():
    assert OUTCOME_RULES[-1].applies(CallFacts(False, 599))
    assert all(classify(CallFacts(False, c, provisional=p)) for c in range(100, 700) for p in (True, False))


def test_a_pbx_failure_on_the_third_call_does_not_close_the_record():
    policy = AttemptPolicy()
    attempts = 0
    for facts in (CallFacts(False, 487, ring_timed_out=True), CallFacts(False, 486),
                  CallFacts(False, 503, provisional=False)):
        attempts += 1                                        # counted when the INVITE leaves
        attempts = attempts_after(attempts, classify(facts).counts)
    assert attempts == 2
    d = policy.decide(Program.PRANPC, reason("NC-RNA"), attempts, 1, at(WIB, WED, 10), WIB)
    assert d.next_state is S.RETRY_LATER and d.attempt_no == 2
    # the same three calls, all reaching the customer's network, close it
    assert policy.decide(Program.PRANPC, reason("NC-RNA"), 3, 1, at(WIB, WED, 10), WIB).next_state \
        is S.CLOSED_UNREACHABLE


def test_an_attempt_whose_end_is_unknown_stays_counted():
    assert attempts_after(3, None) == 3 and attempts_after(3, True) == 3 and attempts_after(3, False) == 2
    assert attempts_after(0, False) == 0
