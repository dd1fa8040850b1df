"""The life of a work item (one dapros record or one Tier-2 ticket callback).

This is the one table of legal state changes; the store and the desk call
check_transition() before writing a new state.  It knows nothing about who may
do what (roles.py) or when the next attempt is due (attempt_policy.py).
"""

from __future__ import annotations

from enum import Enum


class WorkItemState(str, Enum):
    NEW = "new"
    CLAIMED = "claimed"
    IN_CALL = "in_call"
    WRAP_UP = "wrap_up"
    DONE = "done"
    RETRY_LATER = "retry_later"
    PENDING_UNTIL = "pending_until"
    CLOSED_UNREACHABLE = "closed_unreachable"
    RETURNED = "returned"


S = WorkItemState

STATE_LABELS: dict[WorkItemState, dict[str, str]] = {
    S.NEW: {"id": "baru", "en": "new"},
    S.CLAIMED: {"id": "diambil", "en": "claimed"},
    S.IN_CALL: {"id": "dalam panggilan", "en": "in call"},
    S.WRAP_UP: {"id": "pencatatan hasil", "en": "wrap-up"},
    S.DONE: {"id": "selesai", "en": "done"},
    S.RETRY_LATER: {"id": "coba lagi nanti", "en": "retry later"},
    S.PENDING_UNTIL: {"id": "ditunda", "en": "pending"},
    S.CLOSED_UNREACHABLE: {"id": "ditutup, tidak terhubung", "en": "closed, unreachable"},
    S.RETURNED: {"id": "dikembalikan", "en": "returned"},
}

# States an agent may pick from the queue.
_WORKABLE = frozenset({S.NEW, S.RETRY_LATER, S.PENDING_UNTIL, S.RETURNED})
# States in which an agent holds the item: claimed, on the phone, writing the result.
_IN_HAND = frozenset({S.CLAIMED, S.IN_CALL, S.WRAP_UP})
# A claim is released (or expires) back to the state it was claimed from.
_RELEASE_TARGETS = _WORKABLE

_ALLOWED: dict[WorkItemState, frozenset[WorkItemState]] = {
    S.NEW: frozenset({S.CLAIMED}),
    S.RETRY_LATER: frozenset({S.CLAIMED}),
    S.PENDING_UNTIL: frozenset({S.CLAIMED}),
    S.RETURNED: frozenset({S.CLAIMED}),
    # wrap_up straight from claimed: a result without a call (e.g. NC-NON, no valid number).
    S.CLAIMED: frozenset({S.IN_CALL, S.WRAP_UP}) | _RELEASE_TARGETS,
    S.IN_CALL: frozenset({S.WRAP_UP}),
    # claimed again: the agent keeps the customer to try another of their numbers at once.
    S.WRAP_UP: frozenset({S.DONE, S.RETRY_LATER, S.PENDING_UNTIL, S.CLOSED_UNREACHABLE, S.CLAIMED}),
    # A team leader or QC returns a result for re-input.
    S.DONE: frozenset({S.RETURNED}),
    S.CLOSED_UNREACHABLE: frozenset({S.RETURNED}),
}


def label(state: WorkItemState | str, lang: str = "id") -> str:
    return STATE_LABELS[WorkItemState(state)][lang]


class IllegalTransition(ValueError):
    """A state change the rules do not allow; the message names both states in both languages."""

    def __init__(self, current: WorkItemState | str, target: WorkItemState | str, detail: str = "") -> None:
        self.current = WorkItemState(current)
        self.target = WorkItemState(target)
        message = (f"Transisi tidak sah: {label(self.current)} → {label(self.target, 'id')} "
                   f"({self.current.value} → {self.target.value})")
        if detail:
            message += f"; {detail}"
        super().__init__(message)


def allowed_targets(state: WorkItemState | str) -> frozenset[WorkItemState]:
    return _ALLOWED[WorkItemState(state)]


def check_transition(current: WorkItemState | str, target: WorkItemState | str,
                     claimed_from: WorkItemState | str | None = None) -> None:
    """Raise IllegalTransition unless current → target is legal.

    When releasing a claim, pass claimed_from to insist the item goes back to the
    state it was claimed from (a released retry must not become new again).
    """
    current, target = WorkItemState(current), WorkItemState(target)
    if target not in _ALLOWED[current]:
        raise IllegalTransition(current, target)
    if (current is S.CLAIMED and target in _RELEASE_TARGETS and claimed_from is not None
            and WorkItemState(claimed_from) is not target):
        raise IllegalTransition(current, target,
                                f"data diambil dari status {label(claimed_from)} "
                                f"(claimed from {WorkItemState(claimed_from).value})")


def is_workable(state: WorkItemState | str) -> bool:
    """An agent may claim it (subject to its next_attempt_at and calling hours)."""
    return WorkItemState(state) in _WORKABLE


def is_in_hand(state: WorkItemState | str) -> bool:
    """An agent is working it now (a TL or QC must wait before returning it)."""
    return WorkItemState(state) in _IN_HAND


def is_final(state: WorkItemState | str) -> bool:
    """Closed for the agent; only a TL/QC return reopens it."""
    return WorkItemState(state) in (S.DONE, S.CLOSED_UNREACHABLE)
