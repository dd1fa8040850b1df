"""The agent's states and pause reasons as every screen words them: the agent's own state
menu and My day, the team leader's dashboard.  One catalogue, so the agent and the team
leader read the same words for the same state.

Only presentation: which states exist and what they mean is the core's business.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AgentStates"

STATES = {
    "ready": QT_TRANSLATE_NOOP("AgentStates", "Ready"),
    "not_ready": QT_TRANSLATE_NOOP("AgentStates", "Not ready"),
    "in_call": QT_TRANSLATE_NOOP("AgentStates", "In call"),
    "wrap_up": QT_TRANSLATE_NOOP("AgentStates", "After-call work"),
    "logged_out": QT_TRANSLATE_NOOP("AgentStates", "Offline"),
}
PAUSE_REASONS = {
    "break": QT_TRANSLATE_NOOP("AgentStates", "break"),
    "prayer": QT_TRANSLATE_NOOP("AgentStates", "prayer"),
    "coaching": QT_TRANSLATE_NOOP("AgentStates", "coaching"),
    "system": QT_TRANSLATE_NOOP("AgentStates", "system problem"),
}
# What the agent may choose in the state menu, in its order.
CHOICES = (("ready", None), ("not_ready", "break"), ("not_ready", "prayer"), ("not_ready", "coaching"),
           ("not_ready", "system"))


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def agent_state(state: str, pause_reason: str | None = None) -> str:
    """"Tidak siap — ibadah": a state, and the pause's reason when there is one."""
    label = _t(STATES.get(state, state))
    if state == "not_ready" and pause_reason:
        return f"{label} — {_t(PAUSE_REASONS.get(pause_reason, pause_reason))}"
    return label
