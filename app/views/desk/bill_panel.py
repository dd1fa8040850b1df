"""The i-payment bill panel: loading, data, stale (cached, with its age), not found, error + retry.

The lookup itself runs through BackgroundOp (app.core.desk.bill.lookup_bill); this widget
only shows the answer it is given, so a slow server never freezes the desk.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from app.views.formatting import money

STATUS_TEXT = {"paid": QT_TRANSLATE_NOOP("Bill", "Paid"), "unpaid": QT_TRANSLATE_NOOP("Bill", "Unpaid"),
               "pending": QT_TRANSLATE_NOOP("Bill", "Pending")}

CHANNELS = {"plasa_telkom": "Plasa Telkom", "bank_transfer": "Transfer bank", "atm": "ATM",
            "virtual_account": "Virtual account", "kantor_pos": "Kantor Pos", "indomaret": "Indomaret",
            "alfamart": "Alfamart", "e_wallet": "E-wallet", "ecommerce": "E-commerce",
            "autodebit": "Autodebet"}


def channel_label(code: str | None) -> str:
    """Payment channels are proper names, the same in both languages; unknown codes read as they come."""
    if not code:
        return ""
    return CHANNELS.get(code, code.replace("_", " ").capitalize())


class BillPanel(QGroupBox):
    retry_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.state = "empty"
        self.status = QLabel()
        self.status.setObjectName("billStatus")
        self.status.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("billTotal")
        self.total.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.retry = QPushButton(self.tr("Retry"))
        self.retry.setObjectName("billRetry")
        self.retry.clicked.connect(self.retry_requested)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("billPeriods")
        self.table.setHorizontalHeaderLabels([self.tr("Period"), self.tr("Amount"), self.tr("Due"),
                                              self.tr("Status"), self.tr("Paid on"), self.tr("Channel")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.retry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.total)
        layout.addWidget(self.table, 1)
        self.show_empty()

    def _set(self, state: str, text: str, colour: str = "#555555", retry: bool = False) -> None:
        self.state = state
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};")
        self.retry.setVisible(retry)

    def bind(self, on, session) -> None:
        """Follow one customer's bill (a DeskSession's facts) until `on` is cleared."""
        on.add(session.bill_loading, lambda _account: self.show_loading())
        on.add(session.bill_loaded, self.show_view)

    def show_empty(self) -> None:
        self._set("empty", self.tr("Open a customer to see the bill."))
        self.total.clear()
        self.table.setRowCount(0)

    def show_loading(self) -> None:
        self._set("loading", self.tr("Loading the bill from i-payment…"), "#1f5fa8")

    def show_view(self, view) -> None:
        """view: app.core.desk.bill.BillView"""
        if view.state in ("data", "stale"):
            self._show_bill(view.bill)
            if view.state == "stale":
                age = int((datetime.now(timezone.utc) - view.fetched_at).total_seconds() // 60)
                self._set("stale", self.tr("i-payment is not answering (%1). Showing the bill saved %2 minute(s) ago.")
                          .replace("%1", view.message).replace("%2", str(age)), "#b26a00", retry=True)
            else:
                self._set("data", self.tr("Up to date from i-payment."), "#1b7f3b")
        elif view.state == "not_found":
            self.total.clear()
            self.table.setRowCount(0)
            self._set("not_found", self.tr("i-payment has no bill for this account."), "#b26a00", retry=True)
        else:
            self.total.clear()
            self.table.setRowCount(0)
            self._set("error", self.tr("Cannot load the bill: %1").replace("%1", view.message), "#b3261e", retry=True)

    def _show_bill(self, bill) -> None:
        periods = list(bill.periods)
        self.total.setText(self.tr("Arrears: %1 month(s), %2").replace("%1", str(bill.months_in_arrears))
                           .replace("%2", money(bill.total_arrears)))
        self.table.setRowCount(len(periods))
        for row, p in enumerate(periods):
            values = (p.period, money(p.amount), p.due_date.strftime("%d/%m/%Y") if p.due_date else "",
                      QCoreApplication.translate("Bill", STATUS_TEXT.get(str(getattr(p.status, "value", p.status)),
                                                                   str(p.status))),
                      p.payment_date.strftime("%d/%m/%Y") if p.payment_date else "", channel_label(p.payment_channel))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
