"""The Tier-2 ticket on the agent desk: what was repaired, the hard-complaint criteria, transfer to the TL.

Shown beside the customer card for TIER2 work items only.  Ticking a criterion saves
it at once (app.core.tier2.escalation.mark_hard_complaint through BackgroundOp) and shows where the
complaint goes (DCS: to the DCS unit and escalated).  "Transfer to team leader (F10)"
only asks: the window owns the call and does the transfer.  It never touches the
database or the phone itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout

from app.core.context import AppContext
from app.core.tier2.escalation import mark_hard_complaint, ticket_criteria
from app.views.background import BackgroundOp
from app.views.desk.hard_complaint_flag import criteria_boxes
from app.views.i18n import message
from app.views.formatting import ticket_status_label, ticket_type_label

class TicketPanel(QGroupBox):
    transfer_to_tl_requested = Signal()
    hard_complaint_marked = Signal(object)        # app.core.tier2.escalation.HardComplaintOutcome

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(self.tr("Tier-2 ticket"), parent)
        self.setObjectName("ticketPanel")
        self.ctx = ctx
        self.item_id: int | None = None
        self.ticket: dict[str, Any] | None = None
        self.fields = {k: QLabel() for k in ("number", "type", "service", "cause", "repair", "repeat", "notes",
                                             "status")}
        for key, label in self.fields.items():
            label.setObjectName(f"ticket_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Ticket number"), self.fields["number"])
        form.addRow(self.tr("Ticket type"), self.fields["type"])
        form.addRow(self.tr("Service"), self.fields["service"])
        form.addRow(self.tr("RFO: cause"), self.fields["cause"])
        form.addRow(self.tr("RFO: repair"), self.fields["repair"])
        form.addRow(self.tr("Repeat reports (Lapul)"), self.fields["repeat"])
        form.addRow(self.tr("Progress"), self.fields["notes"])
        form.addRow(self.tr("Ticket status"), self.fields["status"])

        criteria_box = QGroupBox(self.tr("Hard complaint: tick what happened in this call"))
        cv = QVBoxLayout(criteria_box)
        self.criteria = criteria_boxes()
        for name, box in self.criteria.items():
            box.setObjectName(f"hc_{name}")
            box.toggled.connect(self._criteria_changed)
            cv.addWidget(box)
        self.routing = QLabel()
        self.routing.setObjectName("hcRouting")
        self.routing.setWordWrap(True)
        cv.addWidget(self.routing)
        self.error = QLabel()
        self.error.setObjectName("ticketError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()

        self.transfer_button = QPushButton(self.tr("Transfer to team leader (F10)"))
        self.transfer_button.setObjectName("transferToTl")
        self.transfer_button.clicked.connect(self.transfer_to_tl_requested)
        self.transfer_shortcut = QShortcut(QKeySequence("F10"), self, activated=self.transfer_button.click)
        self.transfer_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(criteria_box)
        layout.addWidget(self.error)
        layout.addWidget(self.transfer_button)
        self._loading = False
        self.show_ticket(None)

    # -- showing ----------------------------------------------------------------------------------
    def show_ticket(self, card) -> None:
        """A CustomerCard with a ticket shows the panel; None (or a dapros card) hides it."""
        ticket = getattr(card, "ticket", None) if card is not None else None
        self.item_id = card.item_id if ticket else None
        self.ticket = ticket
        self.error.hide()
        self.routing.clear()
        self._set_boxes({})
        if not ticket:
            self.hide()
            return
        f = self.fields
        f["number"].setText(ticket.get("ticket_number") or "")
        f["type"].setText(ticket_type_label(ticket.get("ticket_type") or ""))
        f["service"].setText(ticket.get("service") or "")
        f["cause"].setText(ticket.get("rfo_cause") or "-")
        f["repair"].setText(ticket.get("rfo_repair") or "-")
        f["repeat"].setText(str(ticket.get("repeat_reports") or 0))
        f["notes"].setText(ticket.get("progress_notes") or "-")
        f["status"].setText(ticket_status_label(ticket.get("status") or "open"))
        self.show()
        item_id = self.item_id
        BackgroundOp(self, lambda: ticket_criteria(self.ctx, item_id),
                     lambda saved: self._criteria_loaded(item_id, saved)).failure(self._failed).run()

    def _criteria_loaded(self, item_id: int, saved: dict[str, Any]) -> None:
        if item_id != self.item_id:
            return
        self._set_boxes(saved)
        if saved.get("hard_complaint"):
            self.routing.setText(self._routing_text(saved.get("routed_to"), bool(saved.get("escalated"))))
        elif int((self.ticket or {}).get("repeat_reports") or 0) >= 3:
            # Lapul 3× or more is a hard complaint by itself (rule 7): tick and record it.
            self.criteria["repeat_reports"].setChecked(True)

    def _set_boxes(self, saved: dict[str, Any]) -> None:
        self._loading = True
        for name, box in self.criteria.items():
            value = saved.get(name)
            box.setChecked(bool(value >= 3) if name == "repeat_reports" and isinstance(value, int) else bool(value))
        self._loading = False

    # -- saving ----------------------------------------------------------------------------------
    def criteria_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: box.isChecked() for name, box in self.criteria.items()}
        lapul = int((self.ticket or {}).get("repeat_reports") or 0)
        values["repeat_reports"] = max(lapul, 3) if values["repeat_reports"] else min(lapul, 2)
        return values

    def _criteria_changed(self, *_args) -> None:
        if self._loading or self.item_id is None:
            return
        item_id, values = self.item_id, self.criteria_values()
        BackgroundOp(self, lambda: mark_hard_complaint(self.ctx, item_id, values),
                     self._marked).failure(self._failed).run()

    def _marked(self, outcome) -> None:
        self.error.hide()
        if outcome.hard_complaint:
            self.routing.setText(self._routing_text(outcome.routed_to, outcome.routing.escalate))
        else:
            self.routing.setText(self.tr("Not a hard complaint."))
        self.hard_complaint_marked.emit(outcome)

    def _routing_text(self, routed_to: str | None, escalated: bool) -> str:
        text = self.tr("Hard complaint, routed to: %1").replace("%1", routed_to or "-")
        if escalated:
            text += "\n" + self.tr("Escalated (hard complaint of a DCS customer).")
        return text

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(message(exc))
        self.error.show()
