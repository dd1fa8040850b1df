"""What the supporting apps say about the Tier-2 ticket on the desk, fetched in the background like
the bill (W-03 1.2.2, W-08 1.2.7-1.2.8): the service now, NOSSA's progress, the customer's EOS — and
the escort actions beside them: escalate to the back-end, top management or the EOS (1.2.9-1.2.12),
progress to the customer by e-mail (1.2.11).

Built with a context; `show_item(card)` shows it for a card with a ticket (None or a
dapros card hides it).  Look-ups and actions run app.core.tier2.lookups through
BackgroundOp; a system that is down is a line of text, not an error.  It never touches
the database or the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.core.context import AppContext
from app.core.tier2.lookups import escalate_ticket, lookup_ticket, send_progress_email
from app.views.background import BackgroundOp
from app.views.i18n import user_message
from app.views.desk.fault_ticket_panel import SERVICE_TEXT


class TicketLookupsPanel(QGroupBox):
    looked_up = Signal(object)             # app.core.tier2.lookups.TicketLookups
    acted = Signal(str)                    # the message of an escalation or e-mail

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(self.tr("Supporting apps"), parent)
        self.setObjectName("ticketLookups")
        self.ctx = ctx
        self.item_id: int | None = None
        self.lookups = None
        self.service = QLabel(objectName="lookupService", wordWrap=True)
        self.progress = QLabel(objectName="lookupProgress", wordWrap=True)
        self.eos = QLabel(objectName="lookupEos", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Service now"), self.service)
        form.addRow(self.tr("NOSSA progress"), self.progress)
        form.addRow(self.tr("EOS"), self.eos)
        self.note = QLineEdit(objectName="escortNote")
        self.note.setPlaceholderText(self.tr("Reason / progress to send"))
        self.buttons = {
            "backend": QPushButton(self.tr("Escalate to back-end"), objectName="escalateBackend"),
            "top_management": QPushButton(self.tr("Escalate to top management"), objectName="escalateTop"),
            "eos": QPushButton(self.tr("Hand over to the EOS"), objectName="escalateEos"),
        }
        self.email_button = QPushButton(self.tr("Progress by e-mail"), objectName="progressEmail")
        row = QHBoxLayout()
        for target, button in self.buttons.items():
            button.clicked.connect(lambda _=False, t=target: self.escalate(t))
            row.addWidget(button)
        row.addWidget(self.email_button)
        self.email_button.clicked.connect(self.send_progress)
        self.message = QLabel(objectName="lookupMessage", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.show_item(None)

    def show_item(self, card) -> None:
        ticket = getattr(card, "ticket", None) if card is not None else None
        self.item_id = card.item_id if ticket else None
        self.lookups = None
        for label in (self.service, self.progress, self.eos, self.message):
            label.clear()
        self.note.clear()
        if not ticket:
            self.hide()
            return
        self.show()
        self.buttons["eos"].setEnabled(False)
        for label in (self.service, self.progress, self.eos):
            label.setText(self.tr("Loading…"))
        item_id, number, account = self.item_id, ticket["ticket_number"], card.account_number
        BackgroundOp(self, lambda: lookup_ticket(self.ctx, number, account),
                     lambda found: self._found(item_id, found)).failure(self._failed).run()

    def _found(self, item_id: int, found) -> None:
        if item_id != self.item_id:
            return
        self.lookups = found
        from PySide6.QtCore import QCoreApplication
        status = QCoreApplication.translate("FaultTicket", SERVICE_TEXT.get(found.service.status, found.service.status))
        self.service.setText(f"{status} {found.service.detail}".strip())
        if found.progress_error:
            self.progress.setText(found.progress_error)
        else:
            last = found.progress[-1] if found.progress else ("", "-")
            self.progress.setText(f"{found.progress_status}: {last[0][:16].replace('T', ' ')} {last[1]}".strip())
        if found.eos_error:
            self.eos.setText(found.eos_error)
        elif found.eos_name:
            self.eos.setText(f"{found.eos_name} ({found.eos_contact or '-'})")
        else:
            self.eos.setText(self.tr("No EOS: the Tier-2 desk escorts this customer."))
        self.buttons["eos"].setEnabled(bool(found.eos_name))
        self.looked_up.emit(found)

    def escalate(self, target: str) -> None:
        if self.item_id is None:
            return
        item_id, note = self.item_id, self.note.text()
        eos = self.lookups.eos_name if self.lookups else None
        BackgroundOp(self, lambda: escalate_ticket(self.ctx, item_id, target, note, eos),
                     self._done).failure(self._failed).run()

    def send_progress(self) -> None:
        if self.item_id is None:
            return
        item_id, text = self.item_id, self.note.text()
        BackgroundOp(self, lambda: send_progress_email(self.ctx, item_id, text), self._done).failure(self._failed).run()

    def _done(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet("color: #1b7f3b;")
        self.note.clear()
        self.acted.emit(message)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc))
        self.message.setStyleSheet("color: #b3261e;")
