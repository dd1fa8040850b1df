"""The strip at the top of the desk: who is working, ready or paused (and why), delivery health.

The delivery indicator counts the deliveries of the agent's own results (app.core.deliveries);
its tool tip says what the numbers are, and a click opens the list (app.views.deliveries).
`watch_deliveries` keeps it current: off the GUI thread, every minute and soon after a change."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.core.deliveries import delivery_totals
from app.views.agent_states import CHOICES, agent_state
from app.views.background import BackgroundOp
from app.views.deliveries import DeliveriesDialog
from app.views.formatting import hours_minutes, local_time

class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class AgentBar(QWidget):
    state_chosen = Signal(str, object)     # state, pause reason
    outbox_clicked = Signal()              # the agent wants the list of their waiting / failed deliveries

    def __init__(self, user_label: str, parent=None) -> None:
        super().__init__(parent)
        self.user = QLabel(user_label)
        self.user.setStyleSheet("font-weight: 600;")
        self.state = QComboBox()
        self.state.setObjectName("agentState")
        for state, reason in CHOICES:
            self.state.addItem(agent_state(state, reason), (state, reason))
        self.state.setToolTip(self.tr("Ready / not ready (Ctrl+P)"))
        self.state.currentIndexChanged.connect(
            lambda _i: self.state_chosen.emit(*self.state.currentData()))
        self.shift = QLabel()
        self.shift.setObjectName("shift")
        # Texts that change all day keep their width: a label that grows relays out the whole desk.
        self.shift.setMinimumWidth(self.shift.fontMetrics().horizontalAdvance(self.tr("Shift %1") + "88:88") + 8)
        self.outbox = _ClickableLabel()
        self.outbox.setObjectName("outboxIndicator")
        self.outbox.setCursor(Qt.CursorShape.PointingHandCursor)
        self.outbox.clicked.connect(self.outbox_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.user)
        layout.addWidget(self.state)
        layout.addWidget(self.shift)
        layout.addStretch(1)
        layout.addWidget(self.outbox)

    def choose(self, state: str, reason: str | None = None) -> bool:
        """Pick a state by its values (as the menu does); False when there is no such entry."""
        for index, choice in enumerate(CHOICES):
            if choice == (state, reason):
                self.state.setCurrentIndex(index)
                return True
        return False

    def is_ready(self) -> bool:
        return self.state.currentData()[0] == "ready"

    def toggle_ready(self) -> None:
        self.state.setCurrentIndex(1 if self.is_ready() else 0)

    def watch_deliveries(self, ctx) -> None:
        self.outbox_clicked.connect(lambda: DeliveriesDialog(ctx, self.window()).exec())
        refresh = QTimer(self, singleShot=True, interval=300, timeout=lambda: BackgroundOp(
            self, lambda: delivery_totals(ctx), lambda totals: self.show_outbox(totals.pending, totals.failed)).run())
        self.deliveries_changed = refresh.start         # a burst of changes: one look
        QTimer(self, interval=60000, timeout=refresh.start).start()     # other desktops deliver too
        refresh.start()

    def show_shift(self, started_at, now) -> None:
        """How long the shift has run (hours:minutes), from the day's first state: a restart keeps it."""
        if started_at is None:
            self.shift.clear()
            return
        self.shift.setText(self.tr("Shift %1").replace("%1", hours_minutes((now - started_at).total_seconds())))
        self.shift.setToolTip(self.tr("Since %1").replace("%1", local_time(started_at, "WIB", with_date=False)))

    def show_outbox(self, pending: int, failed: int) -> None:
        if failed:
            text, colour = self.tr("Delivery: %1 failed, needs attention").replace("%1", str(failed)), "#b3261e"
        elif pending:
            text, colour = self.tr("Delivery: %1 waiting").replace("%1", str(pending)), "#b26a00"
        else:
            text, colour = self.tr("Delivery: all sent"), "#1b7f3b"
        self.outbox.setText(text)
        self.outbox.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.outbox.setToolTip(self.tr("Deliveries of your results to MyCX, TAMARA and the Callback app: "
                                       "%1 waiting, %2 failed. Failures also go to your team leader. "
                                       "Click to see them.").replace("%1", str(pending)).replace("%2", str(failed)))
