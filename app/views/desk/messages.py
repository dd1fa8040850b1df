"""What the desk says when the agent asks for something that cannot be done now.

The core answers with a code (app.core.desk.session.DIAL_REFUSALS, Shift.busy_reason);
the words, in the agent's language, are chosen here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_DIAL = {
    "opening": QT_TRANSLATE_NOOP("DeskMessages", "The customer's data is still loading."),
    "calling": QT_TRANSLATE_NOOP("DeskMessages", "A call is already active; hang up first."),
    "wrap_up": QT_TRANSLATE_NOOP("DeskMessages", "Save the result of the last call first."),
    "closed": QT_TRANSLATE_NOOP("DeskMessages", "Open a customer first."),
    "no_phone": QT_TRANSLATE_NOOP("DeskMessages", "The softphone is not running."),
    "phone_starting": QT_TRANSLATE_NOOP("DeskMessages", "The phone is still connecting to the PBX; wait a moment."),
    "outside_hours": QT_TRANSLATE_NOOP("DeskMessages", "Outside the customer's calling hours."),
    "no_valid_number": QT_TRANSLATE_NOOP(
        "DeskMessages", "This customer has no valid number: record the result without a call (Ctrl+W)."),
}
_BUSY = {
    "calling": QT_TRANSLATE_NOOP("DeskMessages", "A call is in progress."),
    "wrap_up": QT_TRANSLATE_NOOP("DeskMessages", "Save the result of the last call first."),
    "not_ready": QT_TRANSLATE_NOOP("DeskMessages", "You are not ready: choose Ready (Ctrl+P) to take customers."),
}


def dial_refusal_text(code: str) -> str:
    return QCoreApplication.translate("DeskMessages", _DIAL.get(code, code))


def busy_text(code: str) -> str:
    return QCoreApplication.translate("DeskMessages", _BUSY.get(code, code))
