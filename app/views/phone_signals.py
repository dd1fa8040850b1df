"""The bridge from the SIP thread to the GUI: PhoneListener callbacks become Qt signals.

`PhoneSignals` is handed to `Softphone(listener)`.  Its methods run on the SIP thread
and only emit; because the object lives in the GUI thread, Qt delivers the signals
queued, so slots run on the GUI thread and may touch widgets.  It must not call back
into the Softphone or do any work beyond emitting (Blink-Qt's split: the SIP stack
posts, a QObject re-emits, widgets subscribe).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.telephony.events import CallOutcome, CallSnapshot, ProgressVerdict, RegistrationState


class PhoneSignals(QObject):
    """Signals carry the plain dataclasses of app.telephony.events."""

    registration_changed = Signal(object)   # RegistrationState
    call_state_changed = Signal(object)     # CallSnapshot
    call_ended = Signal(object)             # CallOutcome
    error_raised = Signal(str)              # Indonesian message for the agent
    call_progress = Signal(object)          # ProgressVerdict: what the line played, while the call is up

    def on_registration(self, state: RegistrationState) -> None:
        self.registration_changed.emit(state)

    def on_call_state(self, snapshot: CallSnapshot) -> None:
        self.call_state_changed.emit(snapshot)

    def on_call_ended(self, outcome: CallOutcome) -> None:
        self.call_ended.emit(outcome)

    def on_error(self, message_id: str) -> None:
        self.error_raised.emit(message_id)

    def on_call_progress(self, verdict: ProgressVerdict) -> None:
        self.call_progress.emit(verdict)
