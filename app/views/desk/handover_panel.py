"""Handing the customer to the team leader, as Eyebeam users do it: consult (the customer waits
on hold while the agent talks to the TL), then hand over, make it a three-way call, or go back
to the customer; or transfer directly (blind).

Every step is said here (issue 16, item 13): the TL's call ringing, answered or refused, and a
transfer's progress; a transfer that fails says why and leaves the call with the agent.  The
panel follows the session's facts (`bind`); it asks, the window passes the asks to the session.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from app.views.i18n import current_language

TALKING = ("connected", "on_hold")


class HandoverPanel(QWidget):
    consult_requested = Signal()
    blind_requested = Signal()
    complete_requested = Signal()
    conference_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.consult_button = QPushButton(self.tr("Consult team leader (F9)"), objectName="consultTl")
        self.consult_button.setToolTip(self.tr("The customer waits on hold while you talk to the team leader"))
        self.blind_button = QPushButton(self.tr("Transfer directly"), objectName="blindTransfer")
        self.blind_button.setToolTip(self.tr("Hand the customer to the team leader without talking first"))
        self.complete_button = QPushButton(self.tr("Hand over"), objectName="completeTransfer")
        self.complete_button.setToolTip(self.tr("The team leader takes the customer; your call ends"))
        self.conference_button = QPushButton(self.tr("3-way call"), objectName="conference")
        self.back_button = QPushButton(self.tr("Back to customer"), objectName="backToCustomer")
        self.status = QLabel(objectName="handoverStatus", wordWrap=True)
        for button, signal in ((self.consult_button, self.consult_requested),
                               (self.blind_button, self.blind_requested),
                               (self.complete_button, self.complete_requested),
                               (self.conference_button, self.conference_requested),
                               (self.back_button, self.back_requested)):
            button.clicked.connect(signal)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.consult_button, 0, 0)
        grid.addWidget(self.blind_button, 0, 1)
        grid.addWidget(self.complete_button, 1, 0)
        grid.addWidget(self.conference_button, 1, 1)
        grid.addWidget(self.back_button, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        self._talking = self._on_hold = self._handed_over = False
        self._consult = None            # the team leader's call while it lasts (CallSnapshot)
        self._update()

    def bind(self, on, session) -> None:
        on.add(session.call_state_changed, self._customer_call)
        on.add(session.consult_changed, self.show_consult)
        on.add(session.transfer_progressed, self.show_transfer)
        on.add(session.call_ended, lambda _outcome: self._set_talking(False))

    def reset(self) -> None:
        self._consult = None
        self._talking = self._on_hold = self._handed_over = False
        self._say("", "#555555")
        self._update()

    def show_consult(self, call) -> None:
        self._consult = None if call.state == "ended" else call
        if call.state == "ended" and self._handed_over:
            pass                    # the TL's leg ends because the TL has the customer now
        elif call.state == "ended":
            self._say(self.tr("The team leader's call ended: %1").replace("%1", call.end_message)
                      if call.end_message else self.tr("The team leader's call ended."), "#555555")
        elif call.state == "connected" and call.conference:
            self._say(self.tr("3-way call: the customer, the team leader and you"), "#1b7f3b")
        elif call.state == "connected":
            self._say(self.tr("Team leader on the line — the customer is on hold"), "#1f5fa8")
        else:
            self._say(self.tr("Calling the team leader… the customer is on hold"), "#1f5fa8")
        self._update()

    def show_transfer(self, progress) -> None:
        self._handed_over = progress.succeeded
        text = progress.message_en if current_language() == "en" else progress.message_id
        colour = "#b3261e" if progress.stage == "failed" else "#1b7f3b" if progress.succeeded else "#555555"
        if progress.stage == "failed":
            text += " — " + self.tr("the customer is still with you")
        self._say(text, colour)

    def _customer_call(self, call) -> None:
        self._on_hold = call.on_hold or call.state == "on_hold"
        self._set_talking(call.state in TALKING)

    def _set_talking(self, talking: bool) -> None:
        self._talking = talking
        if not talking:
            self._consult, self._on_hold = None, False
        self._update()

    def _say(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")

    def _update(self) -> None:
        consult = self._consult
        answered = consult is not None and consult.state == "connected"
        self.consult_button.setEnabled(self._talking and consult is None)
        self.blind_button.setEnabled(self._talking and consult is None)
        self.complete_button.setEnabled(self._talking and answered)
        self.conference_button.setEnabled(self._talking and answered and not consult.conference)
        # After a TL who did not answer, the customer still waits on hold: back to them from here too.
        self.back_button.setEnabled(self._talking and (consult is not None or self._on_hold))
