"""The fault ticket during the call (W-08 1.2.3-1.2.6, DOMAIN rule 10): check the service, report the
fault to MyCX, and read the ticket number to the customer while they are still on the line.

Built with a context; `show_item(card)` shows it for the customer on the desk (None hides
it).  The form starts from the card (product ID, name, a number, e-mail).  The service
check and the report run through BackgroundOp over app.core.desk.fault_ticket; the report
is queued in the outbox, so the number reads "menunggu" (pending) until MyCX answers and
appears the moment the delivery lands (the app-wide `Changes(deliveries=True)`, no
polling).  The service check and the earlier tickets are asked when the panel is shown.  It never touches the database or the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from app.core.context import AppContext
from app.core.desk.fault_ticket import check_service, fault_tickets_of, file_fault_ticket
from app.views.background import BackgroundOp
from app.views.i18n import message
from app.views.facts import subscribe

SERVICE_TEXT = {
    "normal": QT_TRANSLATE_NOOP("FaultTicket", "Service monitored normal: tell the customer the link is normal "
                                               "on Telkom's side."),
    "fault": QT_TRANSLATE_NOOP("FaultTicket", "Service in fault: report it to MyCX."),
    "unknown": QT_TRANSLATE_NOOP("FaultTicket", "The monitoring does not know this product."),
    "unavailable": QT_TRANSLATE_NOOP("FaultTicket", "Service status unavailable."),
}
FIELDS = (("fault_product_id", QT_TRANSLATE_NOOP("FaultTicket", "Product ID")),
          ("fault_reporter_name", QT_TRANSLATE_NOOP("FaultTicket", "Reporter name")),
          ("fault_reporter_phone", QT_TRANSLATE_NOOP("FaultTicket", "Reporter phone")),
          ("fault_email", QT_TRANSLATE_NOOP("FaultTicket", "E-mail")),
          ("fault_symptom", QT_TRANSLATE_NOOP("FaultTicket", "Symptom")))


class FaultTicketPanel(QGroupBox):
    filed = Signal(object)                 # app.core.desk.fault_ticket.FaultTicketState (queued)
    ticket_number_shown = Signal(str)      # MyCX answered: the number to tell the customer

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(self.tr("New fault ticket (MyCX)"), parent)
        self.setObjectName("faultTicketPanel")
        self.ctx = ctx
        self.item_id: int | None = None
        self.report_id: int | None = None
        self._loaded_for: int | None = None
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in FIELDS:
            edit = QLineEdit(objectName=name)
            self.inputs[name] = edit
            form.addRow(QCoreApplication.translate("FaultTicket", label), edit)
        self.description = QPlainTextEdit(objectName="fault_description")
        self.description.setMaximumHeight(70)
        form.addRow(self.tr("Description"), self.description)
        self.service = QLabel(objectName="serviceStatus", wordWrap=True)
        self.check_button = QPushButton(self.tr("Check service"), objectName="checkService")
        self.check_button.clicked.connect(self.check_service)
        self.submit_button = QPushButton(self.tr("Submit to MyCX"), objectName="submitFaultTicket")
        self.submit_button.clicked.connect(self.submit)
        self.number = QLabel(objectName="faultTicketNumber")
        self.number.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(objectName="faultTicketMessage", wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.service)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.number)
        layout.addWidget(self.message)
        subscribe(self, ctx.changed, self._changed)
        self.show_item(None)

    # -- showing -----------------------------------------------------------------------------------
    def show_item(self, card) -> None:
        """The customer on the desk (a CustomerCard), or None between customers."""
        self.item_id = card.item_id if card is not None else None
        self.report_id = None
        self.number.clear()
        self.message.clear()
        self.service.clear()
        self.description.clear()
        for edit in self.inputs.values():
            edit.clear()
        self.setEnabled(card is not None)
        if card is None:
            return
        phone = next((p.display for p in card.phones if not p.invalid), "")
        for name, value in (("fault_product_id", card.account_number), ("fault_reporter_name", card.name),
                            ("fault_reporter_phone", phone), ("fault_email", card.email or "")):
            self.inputs[name].setText(value)
        # Asked when the agent looks (the tab is opened): opening a customer stays light.
        self._loaded_for = None
        if self.isVisible():
            self._load()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.item_id is not None and self._loaded_for != self.item_id:
            self._load()

    def _load(self) -> None:
        item_id = self._loaded_for = self.item_id
        BackgroundOp(self, lambda: fault_tickets_of(self.ctx, item_id),
                     lambda states: self._states(item_id, states)).failure(self._failed).run()
        self.check_service()

    def values(self) -> dict[str, str]:
        out = {name: edit.text().strip() for name, edit in self.inputs.items()}
        out["fault_description"] = self.description.toPlainText().strip()
        return out

    # -- asking --------------------------------------------------------------------------------------
    def check_service(self) -> None:
        product, item_id = self.inputs["fault_product_id"].text().strip(), self.item_id
        if item_id is None or not product:
            return
        self.service.setText(self.tr("Checking the service…"))
        BackgroundOp(self, lambda: check_service(self.ctx, product),
                     lambda check: self._checked(item_id, check)).failure(self._failed).run()

    def _checked(self, item_id: int, check) -> None:
        if item_id != self.item_id:
            return
        text = QCoreApplication.translate("FaultTicket", SERVICE_TEXT.get(check.status, check.status))
        self.service.setText(f"{text} {check.detail}".strip())
        self.service.setStyleSheet("color: #1b7f3b;" if check.status == "normal" else
                                   "color: #b3261e;" if check.status == "fault" else "color: #555555;")

    def submit(self) -> None:
        if self.item_id is None:
            return
        item_id, values = self.item_id, self.values()
        self.submit_button.setEnabled(False)
        BackgroundOp(self, lambda: file_fault_ticket(self.ctx, item_id, values),
                     lambda state: self._filed(item_id, state)).failure(self._refused).run()

    def _filed(self, item_id: int, state) -> None:
        self.submit_button.setEnabled(True)
        if item_id != self.item_id:
            return
        self.report_id = state.report_id
        self.message.setText(self.tr("Sent to MyCX's queue."))
        self._show_state(state)
        self.filed.emit(state)

    def _refused(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        errors = getattr(exc, "errors", None)
        self.message.setText("\n".join(errors.values()) if errors else message(exc))
        self.message.setStyleSheet("color: #b3261e;")

    # -- what MyCX answered ------------------------------------------------------------------------
    def _changed(self, changes) -> None:
        if changes.deliveries and self.item_id is not None and self.report_id is not None \
                and not self.number.property("created"):
            item_id = self.item_id
            from app.core.desk.fault_ticket import fault_tickets_of
            BackgroundOp(self, lambda: fault_tickets_of(self.ctx, item_id),
                         lambda states: self._states(item_id, states)).failure(self._failed).run()

    def _states(self, item_id: int, states) -> None:
        if item_id != self.item_id or not states:
            return
        latest = states[-1]
        self.report_id = latest.report_id
        self._show_state(latest)

    def _show_state(self, state) -> None:
        self.number.setProperty("created", state.status == "created")
        if state.status == "created":
            self.number.setText(self.tr("Ticket number: %1").replace("%1", state.ticket_number or "-"))
            self.number.setStyleSheet("font-size: 14pt; font-weight: 600; color: #1b7f3b;")
            self.ticket_number_shown.emit(state.ticket_number or "")
        elif state.status == "failed":
            self.number.setText(self.tr("MyCX refused the ticket: %1").replace("%1", state.error or ""))
            self.number.setStyleSheet("font-size: 11pt; color: #b3261e;")
        else:
            self.number.setText(self.tr("Ticket number: pending (queued for MyCX)"))
            self.number.setStyleSheet("font-size: 14pt; font-weight: 600; color: #b26a00;")

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(message(exc))
        self.message.setStyleSheet("color: #b3261e;")
