"""The team leader's promise tickets (manajemen janji): what they escort, and "set super emergency".

A QWidget meant to be a tab of the TL window.  It shows the promise tickets (super
emergency, buzzer, buzzer visit) the logged-in TL escorts — at most 3 — and the open
tickets to choose from; setting one to super emergency goes through
app.core.tier2.escalation.set_super_emergency (BackgroundOp), and a refusal (the 4th promise ticket,
a role without the right) is shown in plain words on the panel.  New tickets are
brought in from here too: from the Callback app or a ticket spreadsheet
(app.core.tier2.intake, BackgroundOp), with the import's summary.  "Caring call" opens the
agent desk for the TL on a super-emergency ticket (W-24 5.2.8; the desk lets a TL open
nothing else).  No rules here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.domain.roles import Permission, has_permission
from app.domain.tier2 import MAX_PROMISE_TICKETS_PER_TL
from app.views.i18n import message, user_message
from app.views.file_dialogs import open_file
from app.views.background import BackgroundOp
from app.views.formatting import ticket_status_label, ticket_type_label
from app.views.paged import Column, PagedTableModel, row_table


class EscortPanel(QWidget):
    super_emergency_set = Signal(object)          # app.core.tier2.escalation.EscortedTicket
    tickets_imported = Signal(object)             # app.core.tier2.intake.ImportSummary
    caring_call_opened = Signal(object)           # the AgentDeskWindow opened on a super-emergency ticket

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("escortPanel")
        self.ctx = ctx
        columns = [
            Column(self.tr("Ticket"), lambda t: t.ticket_number),
            Column(self.tr("Type"), lambda t: ticket_type_label(t.ticket_type)),
            Column(self.tr("Service"), lambda t: t.service),
            Column(self.tr("Customer"), lambda t: t.customer_name),
            Column(self.tr("Segment"), lambda t: t.segment),
            Column(self.tr("Status"), lambda t: ticket_status_label(t.status)),
            Column(self.tr("Escorted by"), lambda t: t.escort_tl or ""),
        ]
        self.load_label = QLabel()
        self.load_label.setObjectName("escortLoad")
        self.escorted_model = PagedTableModel(columns, lambda _o, _l: self._fetch_escorted(), self)
        self.escorted_model.loaded.connect(self._escorted_loaded)
        self.escorted = self._table("escortedTable", self.escorted_model)
        self.escorted.setMaximumHeight(140)

        self.search = QLineEdit()
        self.search.setObjectName("ticketSearch")
        self.search.setPlaceholderText(self.tr("Search ticket number or customer"))
        self.search.returnPressed.connect(self.refresh)
        self.open_model = PagedTableModel(columns, self._fetch_open, self)
        self.open_model.loaded.connect(lambda n: self.open_count.setText(
            self.tr("%1 open ticket(s)").replace("%1", str(n))))
        self.open_table = self._table("openTickets", self.open_model)
        self.open_count = QLabel()
        self.set_button = QPushButton(self.tr("Set super emergency"))
        self.set_button.setObjectName("setSuperEmergency")
        self.set_button.clicked.connect(self.set_super_emergency)
        allowed = self.ctx.user is not None and has_permission(self.ctx.user.role, Permission.SET_SUPER_EMERGENCY)
        self.set_button.setEnabled(allowed)
        if not allowed:
            self.set_button.setToolTip(self.tr("Only a team leader can set a ticket to super emergency."))
        # W-24 5.2.8: the TL calls the super-emergency customer to confirm the problem is solved.
        self.caring_button = QPushButton(self.tr("Caring call (super emergency)"))
        self.caring_button.setObjectName("caringCall")
        self.caring_button.clicked.connect(self.open_caring_call)
        self.caring_button.setEnabled(allowed)
        self.caring_desk = None
        self.message = QLabel()
        self.message.setObjectName("escortMessage")
        self.message.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.pull_button = QPushButton(self.tr("Get tickets from the Callback app"))
        self.pull_button.setObjectName("pullTickets")
        self.pull_button.clicked.connect(self.pull_from_callback)
        self.file_button = QPushButton(self.tr("Import ticket file…"))
        self.file_button.setObjectName("importTicketFile")
        self.file_button.clicked.connect(self.choose_ticket_file)
        from app.core.tier2.intake import may_import_tickets
        self._import_buttons(may_import_tickets(self.ctx.user.role if self.ctx.user else None))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Promise tickets you escort")))
        top.addStretch(1)
        top.addWidget(self.load_label)
        top.addWidget(self.caring_button)
        bar = QHBoxLayout()
        bar.addWidget(self.open_count)
        bar.addStretch(1)
        bar.addWidget(self.pull_button)
        bar.addWidget(self.file_button)
        bar.addWidget(refresh)
        bar.addWidget(self.set_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.escorted)
        layout.addWidget(QLabel(self.tr("Open tickets")))
        layout.addWidget(self.search)
        layout.addWidget(self.open_table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        self.refresh()

    @staticmethod
    def _table(name: str, model) -> QTableView:
        table = row_table(model, name)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- data ------------------------------------------------------------------------------------
    def _fetch_escorted(self):
        from app.core.tier2.escalation import escort_load
        rows = list(escort_load(self.ctx, self.ctx.user.id)) if self.ctx.user else []
        return rows, len(rows)

    def _fetch_open(self, offset: int, limit: int):
        from app.core.tier2.escalation import open_tickets
        return open_tickets(self.ctx, self.search.text(), offset, limit)

    def refresh(self) -> None:
        self.escorted_model.refresh()
        self.open_model.refresh()

    def _escorted_loaded(self, count: int) -> None:
        self.load_label.setText(self.tr("%1 of %2 promise tickets").replace("%1", str(count))
                                .replace("%2", str(MAX_PROMISE_TICKETS_PER_TL)))

    # -- action ----------------------------------------------------------------------------------
    def selected_ticket(self):
        index = self.open_table.currentIndex()
        return self.open_model.row_at(index.row()) if index.isValid() else None

    def open_caring_call(self) -> None:
        """The agent desk, for this TL, on the chosen super-emergency ticket (escorted ones first)."""
        index = self.escorted.currentIndex()
        ticket = self.escorted_model.row_at(index.row()) if index.isValid() else self.selected_ticket()
        if ticket is None or ticket.ticket_type != "super_emergency" or ticket.work_item_id is None:
            self._show(self.tr("Choose a super-emergency ticket for the caring call."), error=True)
            return
        start_phone = self.ctx.services.get("start_phone")
        if self.ctx.phone is None and start_phone is not None:
            start_phone()
        from app.views.desk.window import AgentDeskWindow
        if self.caring_desk is None or not self.caring_desk.isVisible():
            self.caring_desk = AgentDeskWindow(self.ctx)
        self.caring_desk.show()
        self.caring_desk.raise_()
        self.caring_desk.open_item(ticket.work_item_id)
        self._show(self.tr("Caring call for ticket %1: the desk is open.").replace("%1", ticket.ticket_number))
        self.caring_call_opened.emit(self.caring_desk)

    def set_super_emergency(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None:
            self._show(self.tr("Choose a ticket first."), error=True)
            return
        from app.core.tier2.escalation import set_super_emergency
        self.set_button.setEnabled(False)
        BackgroundOp(self, lambda: set_super_emergency(self.ctx, ticket.ticket_id),
                     self._set_done).failure(self._set_failed).run()

    def _set_done(self, escorted) -> None:
        self.set_button.setEnabled(True)
        self._show(self.tr("Ticket %1 is now super emergency, escorted by %2.")
                   .replace("%1", escorted.ticket_number).replace("%2", escorted.escort_tl or "-"))
        self.refresh()
        self.super_emergency_set.emit(escorted)

    def _set_failed(self, exc: BaseException) -> None:
        self.set_button.setEnabled(True)
        self._show(message(exc), error=True)       # the use case's message, in the user's language

    def pull_from_callback(self) -> None:
        client = self.ctx.services.get("callback")
        if client is None:
            self._show(self.tr("The Callback app's address is not set (Settings → Connections)."), error=True)
            return
        from app.core.tier2.intake import import_callback_tickets
        self._import(lambda: import_callback_tickets(self.ctx, client))

    def choose_ticket_file(self) -> None:
        path = open_file(self, self.tr("Ticket file"), "",
                         self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if path:
            self.import_ticket_file(path)

    def import_ticket_file(self, path: str) -> None:
        from app.core.tier2.intake import import_ticket_xlsx
        self._import(lambda: import_ticket_xlsx(self.ctx, path))

    def _import_buttons(self, enabled: bool) -> None:
        for button in (self.pull_button, self.file_button):
            button.setEnabled(enabled)

    def _import(self, work) -> None:
        self._import_buttons(False)
        self._show(self.tr("Importing tickets…"))
        BackgroundOp(self, work, self._imported).failure(self._import_failed).run()

    def _imported(self, summary) -> None:
        self._import_buttons(True)
        details = "\n".join((summary.errors + summary.warnings)[:5])
        self._show(self.tr("Tickets imported: %1").replace("%1", summary.text()) + ("\n" + details if details else ""),
                   error=bool(summary.errors))
        self.refresh()
        self.tickets_imported.emit(summary)

    def _import_failed(self, exc: BaseException) -> None:
        self._import_buttons(True)
        self._show(user_message(exc), error=True)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;" if error else "color: #2e7d32;")
        self.message.setText(text)
