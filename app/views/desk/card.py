"""The customer card: who we are calling, what they owe, which numbers, what happened before."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.core.desk import CustomerCard
from app.domain.phone import normalize
from app.domain.time_zones import CustomerZone

from app.views.formatting import duration, local_time, money, phone_label, state_label, ticket_type_label
from app.views.i18n import current_language

DELIVERY = {"delivered": QT_TRANSLATE_NOOP("Delivery", "sent"),
            "pending": QT_TRANSLATE_NOOP("Delivery", "waiting"),
            "failed": QT_TRANSLATE_NOOP("Delivery", "failed")}


def _display(number: str) -> str:
    try:
        return normalize(number).display() if number else ""
    except ValueError:
        return number


class CustomerCardWidget(QWidget):
    phone_chosen = Signal(int)          # phone id
    recording_failed = Signal(str)      # a recording of the history could not be opened: why
    reinput_requested = Signal()        # correct the returned result without a call

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.card: CustomerCard | None = None
        self.name = QLabel(self.tr("No customer open — press Ctrl+N for the next one."))
        self.name.setObjectName("customerName")
        self.name.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.name.setWordWrap(True)
        self.returned = QLabel()
        self.returned.setObjectName("returnedNote")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet("background:#fff4d6; border:1px solid #e0b84c; padding:4px;")
        self.returned.hide()
        self.reinput_button = QPushButton(self.tr("Re-input the result without a call (Ctrl+I)"),
                                          objectName="reinput")
        self.reinput_button.clicked.connect(self.reinput_requested)
        self.reinput_button.hide()
        self.fields = {key: QLabel() for key in ("account", "program", "segment", "local_time", "arrears",
                                                 "attempts", "state", "address", "ticket")}
        for label in self.fields.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Account / internet no."), self.fields["account"])
        form.addRow(self.tr("Program"), self.fields["program"])
        form.addRow(self.tr("Segment / zone"), self.fields["segment"])
        form.addRow(self.tr("Customer's time"), self.fields["local_time"])
        form.addRow(self.tr("Arrears"), self.fields["arrears"])
        form.addRow(self.tr("Attempts"), self.fields["attempts"])
        form.addRow(self.tr("Status"), self.fields["state"])
        form.addRow(self.tr("Address"), self.fields["address"])
        self.ticket_row_label = QLabel(self.tr("Ticket"))
        form.addRow(self.ticket_row_label, self.fields["ticket"])

        self.phones = QListWidget()
        self.phones.setObjectName("phones")
        self.phones.setMaximumHeight(72)
        self.phones.currentItemChanged.connect(self._phone_changed)
        phones_box = QGroupBox(self.tr("Phone numbers (Alt+1…9 to choose)"))
        QVBoxLayout(phones_box).addWidget(self.phones)

        self.history = QTableWidget(0, 8)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Number"), self.tr("SIP"),
                                                self.tr("Talk"), self.tr("Reason"), self.tr("Agent"),
                                                self.tr("Recording"), self.tr("Delivery")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()
        self.history.cellDoubleClicked.connect(self._history_activated)
        # The history is shown by the desk next to the bill (a tab), where there is room for it.
        self.history_box = QWidget()
        hb = QVBoxLayout(self.history_box)
        hb.setContentsMargins(0, 0, 0, 0)
        hb.addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.returned)
        layout.addWidget(self.reinput_button)
        layout.addLayout(form)
        layout.addWidget(phones_box)
        self.show_card(None)

    def show_state(self, state: str, next_attempt_at) -> None:
        """The item's state line; after a save, the state the result moved it to."""
        region = self.card.region if self.card is not None else ""
        self.fields["state"].setText(state_label(state) + (
            "  · " + self.tr("next: %1").replace("%1", local_time(next_attempt_at, region))
            if next_attempt_at else ""))

    def bind(self, on, session, clock) -> None:
        """Follow one customer's card (a DeskSession's facts) until `on` is cleared."""
        on.add(session.card_shown, lambda card: (self.show_card(card), self.show_local_time(clock.now()),
                                                 session.phone_id and self.select_phone(session.phone_id)))
        on.add(session.phone_chosen, self.select_phone)
        on.add(session.result_saved, lambda saved: self.show_saved(saved.decision.next_state.value,
                                                                   saved.decision.next_attempt_at))

    def show_local_time(self, now) -> None:
        """The customer's own clock (their zone), so the agent knows whose morning or evening it is."""
        if self.card is None:
            return
        zone = CustomerZone.parse(self.card.region)
        text = local_time(now, self.card.region, with_date=False)
        if not zone.known:
            text = self.tr("%1 (zone unknown: called 08:00–18:00 WIB only)").replace("%1", text)
        self.fields["local_time"].setText(text)

    def show_saved(self, state: str, next_attempt_at) -> None:
        # The card stays up after saving (the agent reads what was done), so it must not
        # keep saying "wrap-up" or "returned for re-input".
        self.show_state(state, next_attempt_at)
        self.returned.hide()

    def show_card(self, card: CustomerCard | None) -> None:
        self.card = card
        enabled = card is not None
        for label in self.fields.values():
            label.setText("")
        self.phones.clear()
        self.history.setRowCount(0)
        self.returned.hide()
        self.reinput_button.hide()
        self.ticket_row_label.setVisible(bool(card and card.ticket))
        self.fields["ticket"].setVisible(bool(card and card.ticket))
        if not enabled:
            self.name.setText(self.tr("No customer open — press Ctrl+N for the next one."))
            return
        self.name.setText(card.name)
        self.fields["account"].setText(card.account_number)
        period = self.tr("period %1").replace("%1", card.period) if card.period else ""
        self.fields["program"].setText(" · ".join(x for x in (card.program, period) if x))
        zone = CustomerZone.parse(card.region)
        self.fields["segment"].setText(f"{card.segment} · {zone.label(current_language())}")
        self.fields["arrears"].setText(self.tr("%1 month(s), %2").replace("%1", str(card.arrears_months))
                                       .replace("%2", money(card.arrears_amount)))
        self.fields["attempts"].setText(self.tr("round %1, call %2 · %3 in total")
                                        .replace("%1", str(card.round_no))
                                        .replace("%2", str(card.attempts_in_round))
                                        .replace("%3", str(card.attempts_total)))
        if card.state == "claimed" and card.held_from in ("retry_later", "pending_until"):
            # A result is saved and the agent kept the customer to try another number now.
            self.show_state(card.held_from, card.next_attempt_at)
            self.fields["state"].setText(self.fields["state"].text() + "  · "
                                         + self.tr("another number may be tried now"))
        else:
            self.show_state(card.state, card.next_attempt_at)
        self.fields["address"].setText(card.address or "—")
        if card.ticket:
            t = card.ticket
            self.fields["ticket"].setText(
                f"{t['ticket_number']} · {ticket_type_label(t['ticket_type'])} · {t['service']}"
                + (" · " + self.tr("repeat reports: %1").replace("%1", str(t["repeat_reports"]))
                   if t.get("repeat_reports") else "")
                + (f"\nRFO: {t.get('rfo_cause') or ''} — {t.get('rfo_repair') or ''}"))
        if card.returned_comment:
            self.returned.setText(self.tr("Returned for re-input: %1").replace("%1", card.returned_comment))
            self.returned.show()
            self.reinput_button.setVisible(card.returned_result is not None)
        first_valid = None
        for i, p in enumerate(card.phones, start=1):
            text = f"{i}. {p.display}" + (f" ({phone_label(p.label)})" if p.label else "")
            if p.invalid:
                text += "  — " + self.tr("invalid: %1").replace("%1", p.invalid_reason or "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            if p.invalid:
                item.setForeground(Qt.GlobalColor.gray)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif first_valid is None:
                first_valid = i - 1
            self.phones.addItem(item)
        if first_valid is not None:
            self.phones.setCurrentRow(first_valid)
        self.history.setRowCount(len(card.history))
        for row, h in enumerate(card.history):
            sip = h.sip if h.counted else f"{h.sip} · " + self.tr("not counted")
            values = (local_time(h.at, card.region), _display(h.dialled), sip, duration(h.talk_seconds),
                      (h.reason_code or "") + (f" (rev {h.revision})" if h.revision and h.revision > 1 else ""),
                      h.agent or "", self.tr("▶ play") if h.recording_path else "",
                      QCoreApplication.translate("Delivery", DELIVERY.get(h.delivery, h.delivery)))
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if col == 6 and h.recording_path:
                    cell.setData(Qt.ItemDataRole.UserRole, h.recording_path)
                if h.notes:
                    cell.setToolTip(h.notes)
                self.history.setItem(row, col, cell)

    def select_phone(self, phone_id: int) -> None:
        """Show `phone_id` as the chosen number (the session chose it)."""
        for row in range(self.phones.count()):
            if self.phones.item(row).data(Qt.ItemDataRole.UserRole) == phone_id:
                self.phones.blockSignals(True)
                self.phones.setCurrentRow(row)
                self.phones.blockSignals(False)
                return

    def choose_phone(self, index: int) -> bool:
        item = self.phones.item(index)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        self.phones.setCurrentRow(index)
        return True

    def current_phone_id(self) -> int | None:
        item = self.phones.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def _phone_changed(self, current, _previous) -> None:
        if current is not None:
            self.phone_chosen.emit(current.data(Qt.ItemDataRole.UserRole))

    def _history_activated(self, row: int, _col: int) -> None:
        cell = self.history.item(row, 6)
        path = cell.data(Qt.ItemDataRole.UserRole) if cell else None
        if path and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            self.recording_failed.emit(self.tr("Cannot open the recording %1").replace("%1", path))
