import itertools

import pytest

from app.domain.workitem import (STATE_LABELS, IllegalTransition, WorkItemState as S, allowed_targets,
                                 check_transition, is_final, is_workable)

LEGAL = {
    (S.NEW, S.CLAIMED), (S.RETRY_LATER, S.CLAIMED), (S.PENDING_UNTIL, S.CLAIMED), (S.RETURNED, S.CLAIMED),
    (S.CLAIMED, S.IN_CALL), (S.CLAIMED, S.WRAP_UP),
    (S.CLAIMED, S.NEW), (S.CLAIMED, S.RETRY_LATER), (S.CLAIMED, S.PENDING_UNTIL), (S.CLAIMED, S.RETURNED),
    (S.IN_CALL, S.WRAP_UP),
    (S.WRAP_UP, S.DONE), (S.WRAP_UP, S.RETRY_LATER), (S.WRAP_UP, S.PENDING_UNTIL),
    (S.WRAP_UP, S.CLOSED_UNREACHABLE),
    (S.WRAP_UP, S.CLAIMED),     # the agent keeps the customer to try another number (issue 16, item 8)
    (S.DONE, S.RETURNED), (S.CLOSED_UNREACHABLE, S.RETURNED),
}
ILLEGAL = sorted(set(itertools.product(S, S)) - LEGAL)


def test_state_values_are_the_stored_strings():
    assert [s.value for s in S] == ["new", "claimed", "in_call", "wrap_up", "done", "retry_later",
                                    "pending_until", "closed_unreachable", "returned"]


@pytest.mark.parametrize("current,target", sorted(LEGAL))
def test_listed_transitions_are_legal(current, target):
    check_transition(current, target)
    assert target in allowed_targets(current)


@pytest.mark.parametrize("current,target", ILLEGAL)
def test_every_unlisted_transition_is_illegal(current, target):
    with pytest.raises(IllegalTransition):
        check_transition(current, target)
    assert target not in allowed_targets(current)


def test_illegal_transition_message_is_bilingual():
    with pytest.raises(IllegalTransition) as info:
        check_transition("done", "in_call")
    assert str(info.value) == "Transisi tidak sah: selesai → dalam panggilan (done → in_call)"
    assert isinstance(info.value, ValueError)
    assert info.value.current is S.DONE and info.value.target is S.IN_CALL


def test_release_goes_back_to_the_state_it_was_claimed_from():
    check_transition(S.CLAIMED, S.RETRY_LATER, claimed_from=S.RETRY_LATER)
    with pytest.raises(IllegalTransition, match="retry_later"):
        check_transition(S.CLAIMED, S.NEW, claimed_from=S.RETRY_LATER)


def test_workable_and_final_states():
    assert {s for s in S if is_workable(s)} == {S.NEW, S.RETRY_LATER, S.PENDING_UNTIL, S.RETURNED}
    assert {s for s in S if is_final(s)} == {S.DONE, S.CLOSED_UNREACHABLE}
    assert is_workable("returned") and not is_final("returned")


def test_every_state_has_indonesian_and_english_labels():
    assert set(STATE_LABELS) == set(S)
    assert all(v["id"] and v["en"] for v in STATE_LABELS.values())


def test_unknown_state_string_is_a_value_error():
    with pytest.raises(ValueError):
        check_transition("bogus", "new")
