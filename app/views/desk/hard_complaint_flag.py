"""The hard-complaint flag on every desk (DOMAIN rule 7, W-24 5.1.1-5.1.2): the agent ticks what
happened in the call and reports it; Support HC receives it through Sephia.

Built with a context; `show_item(card)` shows it for a customer without a Tier-2 ticket
(a ticket's own panel, app.views.desk.ticket_panel, carries the same criteria and
reports the same way); None hides it.  Reporting runs app.core.desk.hard_complaint
through BackgroundOp; reopening a customer shows what was reported.  It never touches
the database or the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.context import AppContext
from app.core.desk.hard_complaint import flag_hard_complaint, flagged_criteria
from app.views.background import BackgroundOp
from app.views.i18n import message


# The hard-complaint criteria (app.domain.tier2), as the agent ticks them; the Tier-2 ticket panel
# shows the same boxes.
CRITERIA = (
    ("repeat_reports", QT_TRANSLATE_NOOP("HardComplaint", "Reported the same problem 3 times or more")),
    ("threat_cancel_or_media", QT_TRANSLATE_NOOP("HardComplaint", "Threatens to cancel or to go to the media")),
    ("abusive_language", QT_TRANSLATE_NOOP("HardComplaint", "Abusive language")),
    ("asks_supervisor", QT_TRANSLATE_NOOP("HardComplaint", "Refuses the agent / asks for a supervisor")),
    ("will_not_end_call", QT_TRANSLATE_NOOP("HardComplaint", "Will not end the call")),
)


def criteria_boxes() -> dict[str, QCheckBox]:
    return {key: QCheckBox(QCoreApplication.translate("HardComplaint", text)) for key, text in CRITERIA}


class HardComplaintFlag(QGroupBox):
    reported = Signal(object)              # app.core.desk.hard_complaint.HardComplaintFlag

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(self.tr("Hard complaint (Ctrl+K)"), parent)
        self.setObjectName("hardComplaintFlag")
        self.setCheckable(True)
        self.setChecked(False)
        self.ctx = ctx
        self.item_id: int | None = None
        self.body = QWidget()
        self.criteria = criteria_boxes()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        for name, box in self.criteria.items():
            box.setObjectName(f"flag_{name}")
            inner.addWidget(box)
        self.note = QLineEdit(objectName="hardComplaintNote")
        self.note.setPlaceholderText(self.tr("What the customer said (for Support HC)"))
        self.report_button = QPushButton(self.tr("Report hard complaint"), objectName="reportHardComplaint")
        self.report_button.clicked.connect(self.report)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.report_button)
        inner.addLayout(row)
        self.status = QLabel(objectName="hardComplaintStatus", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.status)
        self.toggled.connect(self.body.setVisible)
        self.body.setVisible(False)
        self.shortcut = QShortcut(QKeySequence("Ctrl+K"), self, activated=lambda: self.setChecked(not self.isChecked()))
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.show_item(None)

    def show_item(self, card) -> None:
        """The customer on the desk (a CustomerCard), or None; hidden for a Tier-2 ticket."""
        ticket = getattr(card, "ticket", None) if card is not None else None
        self.item_id = card.item_id if card is not None and not ticket else None
        self.status.clear()
        self.note.clear()
        for box in self.criteria.values():
            box.setChecked(False)
        self.setChecked(False)
        if self.item_id is None:
            self.hide()
            return
        self.show()
        item_id = self.item_id
        BackgroundOp(self, lambda: flagged_criteria(self.ctx, item_id),
                     lambda saved: self._loaded(item_id, saved)).failure(self._failed).run()

    def _loaded(self, item_id: int, saved: dict) -> None:
        if item_id != self.item_id or not saved.get("met"):
            return
        for name, box in self.criteria.items():
            value = saved.get(name)
            box.setChecked(bool(value >= 3) if name == "repeat_reports" and isinstance(value, int) else bool(value))
        self.setChecked(True)
        self._say(saved.get("case_reference"), bool(saved.get("escalated")), False)

    def values(self) -> dict:
        values = {name: box.isChecked() for name, box in self.criteria.items()}
        values["repeat_reports"] = 3 if values["repeat_reports"] else 0
        return values

    def report(self) -> None:
        if self.item_id is None:
            return
        item_id, values, note = self.item_id, self.values(), self.note.text().strip()
        self.report_button.setEnabled(False)
        BackgroundOp(self, lambda: flag_hard_complaint(self.ctx, item_id, values, note),
                     lambda flag: self._reported(item_id, flag)).failure(self._failed).run()

    def _reported(self, item_id: int, flag) -> None:
        self.report_button.setEnabled(True)
        if item_id != self.item_id:
            return
        if not flag.hard_complaint:
            self.status.setText(self.tr("Not a hard complaint: tick at least one criterion."))
            self.status.setStyleSheet("color: #b26a00;")
        else:
            self._say(flag.case_reference, flag.escalated, flag.new_report)
        self.reported.emit(flag)

    def _say(self, reference: str | None, escalated: bool, new: bool) -> None:
        text = (self.tr("Reported to Sephia for Support HC as %1.") if new else
                self.tr("Hard complaint %1 is with Support HC.")).replace("%1", reference or "-")
        if escalated:
            text += "\n" + self.tr("Escalated to the DCS unit too (DCS customer).")
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e; font-weight: 600;")

    def _failed(self, exc: BaseException) -> None:
        self.report_button.setEnabled(True)
        self.status.setText(message(exc))
        self.status.setStyleSheet("color: #b3261e;")
