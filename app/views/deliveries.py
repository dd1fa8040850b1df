"""Deliveries still owed — waiting or failed — with their error, for whoever can act on them.

`DeliveriesPanel` lists what app.core.deliveries.owed_deliveries gives the logged-in user (an
agent: their own results; a team leader: the team's; an administrator: everything), failed
first, with the other system's answer; a team leader or an administrator resends a failed one,
or all.  The team leader's and the administrator's windows keep it in a side panel;
`DeliveriesDialog` is the agent's click-through from the delivery indicator.  Reads and resends
go through BackgroundOp; nothing here talks to the database itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from app.core.deliveries import may_resend, owed_deliveries, resend_delivery
from app.core.supervision.common import SITE_ZONE
from app.views.background import BackgroundOp
from app.views.i18n import message
from app.views.paged import Column, PagedTableModel, row_table

DESTINATIONS = {
    "mycx": QT_TRANSLATE_NOOP("Deliveries", "MyCX result"),
    "tamara": QT_TRANSLATE_NOOP("Deliveries", "TAMARA result"),
    "callback": QT_TRANSLATE_NOOP("Deliveries", "Callback app response"),
    "mycx_ticket": QT_TRANSLATE_NOOP("Deliveries", "MyCX ticket"),
    "mycx_status": QT_TRANSLATE_NOOP("Deliveries", "MyCX ticket status"),
    "email": QT_TRANSLATE_NOOP("Deliveries", "RFO e-mail"),
}
STATUSES = {
    "failed": QT_TRANSLATE_NOOP("Deliveries", "Failed"),
    "pending": QT_TRANSLATE_NOOP("Deliveries", "Waiting"),
}


def destination_label(name: str) -> str:
    return QCoreApplication.translate("Deliveries", DESTINATIONS[name]) if name in DESTINATIONS else name


def _status(row) -> str:
    return QCoreApplication.translate("Deliveries", STATUSES.get(row.status, row.status))


def _error(row) -> str:
    code = f"HTTP {row.last_status_code}: " if row.last_status_code else ""
    return (code + (row.last_error or "")).replace("\n", " ")


class DeliveriesPanel(QWidget):
    resent = Signal(int)              # how many messages went back in the queue

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("deliveriesPanel")
        self.ctx = ctx
        columns = [
            Column(self.tr("Since"), lambda r: r.created_at.astimezone(SITE_ZONE).strftime("%d/%m %H:%M")),
            Column(self.tr("To"), lambda r: destination_label(r.destination)),
            Column(self.tr("Status"), _status),
            Column(self.tr("Tries"), lambda r: r.attempts, align_right=True),
            Column(self.tr("Agent"), lambda r: r.agent_name or "–"),
            Column(self.tr("Customer"), lambda r: " · ".join(x for x in (r.customer_name, r.account_number) if x)),
            Column(self.tr("Error"), _error, tooltip=_error),
        ]
        self.model = PagedTableModel(columns, lambda offset, limit: owed_deliveries(ctx, offset, limit), self,
                                     colour=lambda r: QBrush(QColor("#b3261e")) if r.status == "failed" else None)
        self.table = row_table(self.model, "deliveriesTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.count = QLabel()
        self.count.setObjectName("deliveriesCount")
        self.count.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.resend_button = QPushButton(self.tr("Resend"))
        self.resend_button.setObjectName("resendDelivery")
        self.resend_all_button = QPushButton(self.tr("Resend all failed"))
        self.resend_all_button.setObjectName("resendAllDeliveries")
        self.resend_button.clicked.connect(self.resend_selected)
        self.resend_all_button.clicked.connect(lambda: self._resend(None))
        self.allowed = may_resend(ctx.user)
        for button in (self.resend_button, self.resend_all_button):
            button.setVisible(self.allowed)
        bar = QHBoxLayout()         # under the count, not beside it: the panel is narrow on the TL's window
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.resend_button)
        bar.addWidget(self.resend_all_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(bar)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.count.setText)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()

    def _loaded(self, total: int) -> None:
        failed = sum(1 for r in self.model.rows if r.status == "failed")
        if not total:
            self.count.setText(self.tr("Everything has been delivered."))
        else:
            self.count.setText(self.tr("%1 not delivered yet, %2 of them failed.").replace("%1", str(total))
                               .replace("%2", str(failed)))
        self.resend_all_button.setEnabled(failed > 0)
        self._selection_changed()

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.resend_button.setEnabled(row is not None and row.status == "failed")

    def resend_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._resend(row.message_id)

    def _resend(self, message_id: int | None) -> None:
        ctx = self.ctx
        BackgroundOp(self, lambda: resend_delivery(ctx, message_id), self._resent) \
            .failure(lambda exc: self.count.setText(message(exc))).run()

    def _resent(self, count: int) -> None:
        self.count.setText(self.tr("%1 delivery(ies) queued again.").replace("%1", str(count)))
        self.resent.emit(count)
        self.refresh()


class DeliveriesDialog(QDialog):
    """The agent's click-through from the delivery indicator: their results' deliveries not made yet."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Deliveries not made yet"))
        self.panel = DeliveriesPanel(ctx)
        note = QLabel(self.tr("Your results are kept safe on this PC and sent again automatically. A failure "
                              "that needs a person goes to your team leader, who can send it again."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)
