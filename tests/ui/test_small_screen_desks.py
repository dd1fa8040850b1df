"""The agent desk and the Tier-2 desk fit 1366×700 (a call-center PC's screen less its taskbar)
with a customer or a ticket open: the window does not grow, Dial, the keypad and the wrap-up stay
on screen, the wrap-up keeps room to work in, and no label, button or header is cut off
(issue 16, item 11; docs/screenshots/<desk>_1366x700.png come from scripts/screenshots.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtWidgets import QApplication, QScrollArea

from app.views.desk.window import AgentDeskWindow
from tests.integration.tier2.world import TICKETS, seed_tier2
from tests.ui.test_small_screen_supervision import SCREEN, clipped, indonesian  # noqa: F401 - a fixture
from tests.ui.test_tier2_desk import context


def _on_screen(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return (widget.isVisibleTo(window) and top_left.y() >= 0 and top_left.y() + widget.height() <= SCREEN[1]
            and top_left.x() + widget.width() <= SCREEN[0])


def _check(qtbot, desk) -> None:
    QApplication.processEvents()            # the layouts settle once the card has arrived,
    for _ in range(3):                      # and once what those events changed (an indicator's
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)   # new text) is laid out
    assert (desk.width(), desk.height()) == SCREEN, f"the desk grew to {desk.width()}×{desk.height()}"
    for widget in (desk.call.dial_button, desk.call.hangup_button, desk.call.pad_buttons["#"],
                   desk.call.handover.back_button, desk.wrapup.save_button.parentWidget(), desk.next_button):
        assert _on_screen(desk, widget), f"{widget.objectName() or type(widget).__name__} is off-screen"
    wrapup_room = desk.wrapup
    while not isinstance(wrapup_room, QScrollArea):
        wrapup_room = wrapup_room.parentWidget()
    assert wrapup_room.height() >= 150, \
        f"the wrap-up is a {wrapup_room.height()} px strip"
    assert not clipped(desk), "\n".join(clipped(desk))


def _open(qtbot, desk) -> None:
    desk.resize(*SCREEN)
    desk.show()
    qtbot.waitExposed(desk)
    with qtbot.waitSignal(desk.item_opened, timeout=5000):
        desk.next_item()
    qtbot.waitUntil(lambda: desk.bill.state not in ("loading", "empty"), timeout=5000)


def test_the_agent_desk_fits_1366_by_700_with_a_customer_open(qtbot, ui_ctx, indonesian):  # noqa: F811
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    _open(qtbot, desk)
    _check(qtbot, desk)


def test_the_tier2_desk_fits_1366_by_700_with_a_ticket_open(qtbot, ui_db, standin, indonesian):  # noqa: F811
    from app.platform.config import Settings
    ids = seed_tier2(ui_db, TICKETS[:1])
    settings = Settings()
    for key in ("ipayment_url", "mycx_url", "tamara_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    desk = AgentDeskWindow(context(ui_db, ids, "t2.ayu", settings))
    qtbot.addWidget(desk)
    _open(qtbot, desk)
    assert desk.ticket_panel.isVisibleTo(desk), "the ticket is shown"
    _check(qtbot, desk)
