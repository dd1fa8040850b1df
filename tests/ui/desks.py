"""Opening the agent desk as an agent does, for the desk's UI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.views.desk.window import AgentDeskWindow


def open_desk(qtbot, ctx, queue_rows: int = 3) -> AgentDeskWindow:
    """The desk shown, its queue loaded (the test world has three customers)."""
    desk = AgentDeskWindow(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == queue_rows)
    return desk


def next_customer(qtbot, desk) -> int:
    """Ctrl+N; the id of the customer it opened."""
    with qtbot.waitSignal(desk.item_opened) as opened:
        qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return opened.args[0]


def desk_ready_to_dial(qtbot, ctx) -> AgentDeskWindow:
    """A desk with the next customer open and Dial enabled."""
    desk = open_desk(qtbot, ctx)
    next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    return desk
