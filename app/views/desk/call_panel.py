"""The call panel: dial, hang up, hold, mute, DTMF, the hand-over to the team leader
(app.views.desk.handover_panel), timer, registration state.

It only shows and asks: the desk window turns its requests into the desk session's
commands and feeds it the session's facts (CallSnapshot, CallOutcome, RegistrationState).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout)

from app.views.desk.handover_panel import HandoverPanel
from app.views.desk.heard_label import HeardLabel
from app.views.i18n import current_language

CALL_STATES = {
    "idle": QT_TRANSLATE_NOOP("CallStates", "No call"),
    "dialing": QT_TRANSLATE_NOOP("CallStates", "Dialling…"),
    "ringing": QT_TRANSLATE_NOOP("CallStates", "Ringing…"),
    "early_media": QT_TRANSLATE_NOOP("CallStates", "Ringing (early media)…"),
    "connected": QT_TRANSLATE_NOOP("CallStates", "Connected"),
    "on_hold": QT_TRANSLATE_NOOP("CallStates", "On hold"),
    "ended": QT_TRANSLATE_NOOP("CallStates", "Call ended"),
}
REG_STATES = {
    "unregistered": QT_TRANSLATE_NOOP("CallStates", "SIP: direct dialling"),
    "registering": QT_TRANSLATE_NOOP("CallStates", "SIP: registering…"),
    "registered": QT_TRANSLATE_NOOP("CallStates", "SIP: registered"),
    "failed": QT_TRANSLATE_NOOP("CallStates", "SIP: registration failed"),
}
STATE_COLOURS = {"connected": "#1b7f3b", "on_hold": "#b26a00", "ringing": "#1f5fa8", "early_media": "#1f5fa8",
                 "dialing": "#1f5fa8", "ended": "#555555", "idle": "#555555"}


def call_state_label(state: str) -> str:
    return QCoreApplication.translate("CallStates", CALL_STATES.get(state, state))


class CallPanel(QGroupBox):
    dial_requested = Signal()
    number_dial_requested = Signal(str)     # a number the agent typed (manual dial)
    hangup_requested = Signal()
    hold_toggled = Signal(bool)
    mute_toggled = Signal(bool)
    dtmf_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(self.tr("Call"), parent)
        self.state_label = QLabel()
        self.state_label.setObjectName("callState")
        self.state_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        self.timer_label.setStyleSheet("font-size: 14pt; font-family: monospace;")
        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("callOutcome")
        self.outcome_label.setWordWrap(True)
        self.registration_label = QLabel()
        self.registration_label.setObjectName("registration")

        self.dial_button = QPushButton(self.tr("Dial (F5)"))
        self.hangup_button = QPushButton(self.tr("Hang up (F6)"))
        self.hold_button = QPushButton(self.tr("Hold (F7)"))
        self.mute_button = QPushButton(self.tr("Mute (F8)"))
        for button in (self.hold_button, self.mute_button):
            button.setCheckable(True)
        self.dial_button.setObjectName("dial")
        self.hangup_button.setObjectName("hangup")
        self.dial_button.setStyleSheet("QPushButton:enabled { background:#1b7f3b; color:white; font-weight:600; }")
        self.hangup_button.setStyleSheet("QPushButton:enabled { background:#b3261e; color:white; font-weight:600; }")
        self.dial_button.clicked.connect(self.dial_requested)
        self.hangup_button.clicked.connect(self.hangup_requested)
        self.hold_button.toggled.connect(self.hold_toggled)
        self.mute_button.toggled.connect(self.mute_toggled)
        self.handover = HandoverPanel()

        pad = QGridLayout()
        self.pad_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate("123456789*0#"):
            b = QPushButton(key)
            b.setFixedWidth(36)
            b.setToolTip(self.tr("DTMF %1 (type the digit during the call)").replace("%1", key))
            b.clicked.connect(lambda _c=False, k=key: self.dtmf_requested.emit(k))
            pad.addWidget(b, i // 3, i % 3)
            self.pad_buttons[key] = b

        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        top.addWidget(self.timer_label)
        buttons = QGridLayout()
        buttons.addWidget(self.dial_button, 0, 0)
        buttons.addWidget(self.hangup_button, 0, 1)
        buttons.addWidget(self.hold_button, 1, 0)
        buttons.addWidget(self.mute_button, 1, 1)
        buttons.addWidget(self.handover, 2, 0, 1, 2)
        middle = QHBoxLayout()
        middle.addLayout(buttons, 1)
        middle.addLayout(pad)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        self.number = QLineEdit(objectName="manualNumber")
        self.number.setPlaceholderText(self.tr("Another number from the customer…"))
        self.number.setToolTip(self.tr("A number the customer gives: it is added to their card and dialled "
                                       "(calling hours and limits apply)"))
        self.number_button = QPushButton(self.tr("Dial this number"), objectName="dialNumber")
        self.number_button.clicked.connect(self._number_entered)
        self.number.returnPressed.connect(self._number_entered)
        manual = QHBoxLayout()
        manual.addWidget(self.number, 1)
        manual.addWidget(self.number_button)
        layout.addLayout(manual)
        self.heard = HeardLabel()
        layout.addWidget(self.heard)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.registration_label)

        self.mute_label = QLabel(self.tr("MICROPHONE MUTED — the customer cannot hear you (F8)"))
        self.mute_label.setObjectName("muteLabel")
        self.mute_label.setStyleSheet("background:#b3261e; color:white; font-weight:600; padding:2px 6px;")
        self.mute_label.hide()
        layout.insertWidget(1, self.mute_label)
        self.ring_timeout = 45.0
        self._connected_at: float | None = None
        self._ringing_since: float | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._update_timer)
        self.can_dial = False
        self.show_state("idle")
        self.show_registration(None)

    # -- what the desk tells us -------------------------------------------------------
    def set_can_dial(self, can: bool, why: str = "") -> None:
        self.can_dial = can
        self.dial_button.setEnabled(can and self._state in ("idle", "ended"))
        self.dial_button.setToolTip(why)

    def show_state(self, state: str, muted: bool = False, on_hold: bool = False) -> None:
        self._state = state
        in_call = state not in ("idle", "ended")
        talking = state in ("connected", "on_hold")
        self.state_label.setText(call_state_label(state))
        self.state_label.setStyleSheet(f"font-size: 14pt; font-weight: 600; color: {STATE_COLOURS.get(state, '#000')};")
        self.dial_button.setEnabled(self.can_dial and not in_call)
        self.number.setEnabled(not in_call)
        self.number_button.setEnabled(not in_call)
        self.hangup_button.setEnabled(in_call)
        for w in (self.hold_button, self.mute_button, *self.pad_buttons.values()):
            w.setEnabled(talking)
        for button, value in ((self.hold_button, on_hold or state == "on_hold"), (self.mute_button, muted)):
            button.blockSignals(True)
            button.setChecked(value)
            button.blockSignals(False)
        self.mute_label.setVisible(muted and in_call)
        self.mute_button.setText(self.tr("Unmute (F8)") if muted and in_call else self.tr("Mute (F8)"))
        if state in ("connected", "on_hold") and self._connected_at is None:
            self._connected_at = time.monotonic()
            self._ringing_since = None
        if state in ("dialing", "ringing", "early_media"):
            if self._ringing_since is None:
                self._ringing_since = time.monotonic()
                self.outcome_label.clear()
                self.heard.clear()
            self._connected_at = None
        if in_call:
            self._update_timer()
            self._tick.start()
        else:
            self._tick.stop()
            self._ringing_since = None

    def _number_entered(self) -> None:
        if self.number.text().strip():
            self.number_dial_requested.emit(self.number.text().strip())

    def bind(self, on, session) -> None:
        """Follow one customer's calls (a DeskSession's facts) until `on` is cleared."""
        on.add(session.call_state_changed, lambda c: self.show_state(c.state, c.muted, c.on_hold))
        on.add(session.call_ended, self.show_call_ended)
        on.add(session.heard, self.heard.show_verdict)
        on.add(session.result_saved, lambda _saved: self.show_state("idle"))
        self.handover.bind(on, session)

    def show_call_ended(self, outcome) -> None:
        """How the call ended, in the agent's language, and whether it counted against the customer."""
        self.show_state("ended")
        english = current_language() == "en"
        text = outcome.message_en if english else outcome.message_id
        if not outcome.counts:
            text += f" — {outcome.count_note_en if english else outcome.count_note_id}"
        self.show_outcome(text, outcome.answered)

    def reset(self) -> None:
        """No call, no outcome, no timer: a new customer starts from here."""
        self.heard.clear()
        self.handover.reset()
        self.number.clear()
        self._connected_at = None
        self._ringing_since = None
        self.timer_label.setText("00:00")
        self.outcome_label.clear()
        self.show_state("idle")

    def show_outcome(self, text: str, ok: bool) -> None:
        self.outcome_label.setText(text)
        self.outcome_label.setStyleSheet(f"color: {'#1b7f3b' if ok else '#b3261e'};")
        self._connected_at = None

    def show_phone_status(self, status: str, failure: str = "") -> None:
        """The phone's own life before any registration: starting in the background, or failed."""
        if status == "starting":
            self.registration_label.setText(self.tr("SIP: connecting…"))
            self.registration_label.setStyleSheet("color: #555555;")
        elif status == "failed":
            self.registration_label.setText(self.tr("SIP: the phone could not start: %1").replace("%1", failure))
            self.registration_label.setStyleSheet("color: #b3261e;")
        elif status == "stopped":
            self.show_registration(None)

    def show_registration(self, state) -> None:
        if state is None:
            self.registration_label.setText(self.tr("SIP: not started"))
            return
        text = QCoreApplication.translate("CallStates", REG_STATES.get(state.status, state.status))
        if state.status == "failed" and (state.code or state.reason):
            text += f" ({state.code or ''} {state.reason or ''})".rstrip()
        self.registration_label.setText(text)
        self.registration_label.setStyleSheet(
            "color: #b3261e;" if state.status == "failed" else "color: #555555;")

    @property
    def state(self) -> str:
        return self._state

    def _update_timer(self) -> None:
        """Ringing: how long it rang, and when it gives up; talking: the talk time."""
        if self._connected_at is not None:
            s = int(time.monotonic() - self._connected_at)
            self.timer_label.setText(self.tr("Talk %1").replace("%1", f"{s // 60:02d}:{s % 60:02d}"))
        elif self._ringing_since is not None:
            s = int(time.monotonic() - self._ringing_since)
            self.timer_label.setText(self.tr("Ringing %1 s of %2").replace("%1", str(s))
                                     .replace("%2", str(int(self.ring_timeout))))
