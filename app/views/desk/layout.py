"""The agent desk's three columns: the queue; the customer (card, ticket, what comes next,
wrap-up); the bill and history beside the call.  It makes the panels and places them on the
window (`lay_out`); what they do is theirs and the window's.  Sized for 1366×700."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.views.desk.agent_bar import AgentBar
from app.views.desk.bill_panel import BillPanel
from app.views.desk.call_panel import CallPanel
from app.views.desk.card import CustomerCardWidget
from app.views.desk.fault_ticket_panel import FaultTicketPanel
from app.views.desk.hard_complaint_flag import HardComplaintFlag
from app.views.desk.next_step import NextStepLabel
from app.views.desk.queue_view import QueueView
from app.views.desk.ticket_lookups_panel import TicketLookupsPanel
from app.views.desk.ticket_panel import TicketPanel
from app.views.desk.wrapup import WrapUpForm
from app.views.formatting import role_label


def lay_out(w) -> None:
    ctx = w.ctx
    w.bar = AgentBar(f"{ctx.user.full_name} · {role_label(ctx.user.role)}")
    w.queue_view = QueueView(w.desk)
    # What the shortcuts and the tests reach: the column's parts.
    w.next_button, w.search = w.queue_view.next_button, w.queue_view.search
    w.queue_model, w.queue, w.queue_count = w.queue_view.model, w.queue_view.table, w.queue_view.count
    w.card = CustomerCardWidget()
    w.ticket_panel = TicketPanel(ctx)
    w.next_step = NextStepLabel()
    w.outcome_summary = w.next_step.summary
    w.bill = BillPanel()
    w.call = CallPanel()
    w.wrapup = WrapUpForm()
    wrapup_scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
    wrapup_scroll.setWidget(w.wrapup)
    w.side_tabs = QTabWidget(objectName="sideTabs")
    w.side_tabs.addTab(w.bill, w.tr("Bill (i-payment)"))
    w.side_tabs.addTab(w.card.history_box, w.tr("History"))
    w.fault_ticket, w.hard_complaint, w.lookups = FaultTicketPanel(ctx), HardComplaintFlag(ctx), TicketLookupsPanel(ctx)
    w.side_tabs.addTab(w.fault_ticket, w.tr("Fault ticket"))
    columns = (((w.queue_view, 1),),
               (w.card, w.ticket_panel, w.lookups, w.hard_complaint, w.next_step, (wrapup_scroll, 1)),
               ((w.side_tabs, 1), w.call))
    split = QSplitter(Qt.Orientation.Horizontal)
    for widgets, stretch in zip(columns, (3, 4, 4)):
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(*(widget if isinstance(widget, tuple) else (widget,)))
        split.addWidget(column)
        split.setStretchFactor(split.count() - 1, stretch)
    split.setSizes([420, 470, 476])
    root = QWidget()
    layout = QVBoxLayout(root)
    layout.setContentsMargins(6, 4, 6, 4)
    layout.addWidget(w.bar)
    layout.addWidget(split, 1)
    w.setCentralWidget(root)
