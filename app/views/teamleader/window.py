"""The team leader's window: Dasbor, Hasil, Dikembalikan, Ekspor, Impor and Tiket janji tabs, and the
panels of customers agents hold (Pelanggan yang dipegang) and of the team's deliveries not made yet
(Pengiriman: failed ones first, with resend).

Each tab is its own module; the window only assembles them and wires the one
cross-tab fact (`results_returned`) so the returned list and the dashboard
refresh after a return, without tabs reaching into each other.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget

from app.views.app_menu import install_app_menu
from app.views.deliveries import DeliveriesPanel
from app.views.teamleader.dashboard_tab import REFRESH_MS, DashboardTab
from app.views.teamleader.escort_panel import EscortPanel
from app.views.teamleader.import_tab import ImportTab
from app.views.teamleader.export_tab import ExportTab
from app.views.teamleader.held_tab import HeldTab
from app.views.teamleader.results_tab import ResultsTab
from app.views.teamleader.returned_tab import ReturnedTab


class TeamLeaderWindow(QMainWindow):
    results_returned = Signal()

    def __init__(self, ctx, refresh_ms: int = REFRESH_MS, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        user = ctx.user
        self.setWindowTitle(self.tr("Sambung – Team leader – %1").replace("%1", user.full_name if user else ""))
        self.tabs = QTabWidget()
        self.dashboard = DashboardTab(ctx, refresh_ms)
        self.results = ResultsTab(ctx)
        self.returned = ReturnedTab(ctx)
        self.export = ExportTab(ctx)
        self.tabs.addTab(self.dashboard, self.tr("Dashboard"))
        self.tabs.addTab(self.results, self.tr("Results"))
        self.tabs.addTab(self.returned, self.tr("Returned"))
        self.tabs.addTab(self.export, self.tr("Export"))
        self.tabs.addTab(ImportTab(ctx), self.tr("Import dapros"))
        self.escort = EscortPanel(ctx)
        self.tabs.addTab(self.escort, self.tr("Promise tickets"))
        self.setCentralWidget(self.tabs)
        # Held customers: a panel beside the tabs, so a crashed desk's call is seen from any tab.
        self.held = HeldTab(ctx)
        self.held_dock = QDockWidget(self.tr("Held customers"), self)
        self.held_dock.setObjectName("heldDock")
        self.held_dock.setWidget(self.held)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.held_dock)
        # Deliveries that failed: the agents' indicator shows only their own, the team's come here.
        self.deliveries = DeliveriesPanel(ctx)
        self.deliveries_dock = QDockWidget(self.tr("Deliveries"), self)
        self.deliveries_dock.setObjectName("deliveriesDock")
        self.deliveries_dock.setWidget(self.deliveries)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.deliveries_dock)
        self.tabifyDockWidget(self.held_dock, self.deliveries_dock)
        self.held_dock.raise_()
        self.statusBar().addPermanentWidget(QLabel(user.full_name if user else ""))
        self.results_returned.connect(self.returned.refresh)
        self.results_returned.connect(self.dashboard.refresh)
        install_app_menu(self, ctx)
        self.resize(1366, 768)
        self.dashboard.refresh()
