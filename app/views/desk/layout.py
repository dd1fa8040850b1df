"""The agent desk's three columns: the queue; the customer (card, ticket, what comes next,
wrap-up); the bill and history beside the call.  It makes the panels and places them on the
window (`lay_out`); what they do is theirs and the window's.  Sized for 1366×700."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QStatusBar, QTabWidget, QVBoxLayout, QWidget

from app.views.desk.agent_bar import AgentBar
from app.views.desk.bill_panel import BillPanel
from app.views.desk.call_panel import CallPanel
from app.views.desk.card import CustomerCardWidget
from app.views.desk.fault_ticket_panel import FaultTicketPanel
from app.views.desk.hard_complaint_flag import HardComplaintFlag
from app.views.desk.my_day_panel import MyDayPanel
from app.views.desk.next_step import NextStepLabel
from app.views.desk.queue_view import QueueView
from app.views.desk.script_panel import ScriptPanel
from app.views.desk.ticket_lookups_panel import TicketLookupsPanel
from app.views.desk.ticket_panel import TicketPanel
from app.views.desk.wrapup import WrapUpForm
from app.views.formatting import role_label


def _scrolled(*widgets: QWidget) -> QScrollArea:
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    area = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
    area.setWidget(inner)
    return area


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
    w.side_tabs = QTabWidget(objectName="sideTabs")
    w.side_tabs.addTab(_scrolled(w.bill), QCoreApplication.translate("AgentDeskWindow", "Bill"))
    w.side_tabs.addTab(_scrolled(w.card.history_box), QCoreApplication.translate("AgentDeskWindow", "History"))
    w.fault_ticket, w.hard_complaint, w.lookups = FaultTicketPanel(ctx), HardComplaintFlag(ctx), TicketLookupsPanel(ctx)
    w.side_tabs.addTab(_scrolled(w.fault_ticket), QCoreApplication.translate("AgentDeskWindow", "Fault"))
    w.script, w.my_day = ScriptPanel(ctx), MyDayPanel(ctx)
    w.side_tabs.addTab(w.script, QCoreApplication.translate("AgentDeskWindow", "Script"))
    w.side_tabs.addTab(_scrolled(w.my_day), QCoreApplication.translate("AgentDeskWindow", "My day"))
    # The customer above, the wrap-up below, each scrolling on its own: a Tier-2 ticket or a long
    # card never pushes the wrap-up off a 700 px screen, and the agent can move the line between.
    customer = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
    customer.addWidget(_scrolled(w.card, w.ticket_panel, w.lookups, w.hard_complaint))
    customer.addWidget(_scrolled(w.next_step, w.wrapup))
    customer.setSizes([330, 300])
    columns = (((w.queue_view, 1),), ((customer, 1),), ((w.side_tabs, 1), w.call))
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
    # Made with the window: QMainWindow makes its status bar at the first message, and its
    # arrival moved every panel up by its height (the first save laid the whole desk out again,
    # 10 ms of the GUI thread: the worst tick of a day's first customer).
    w.setStatusBar(QStatusBar(objectName="deskStatus"))
