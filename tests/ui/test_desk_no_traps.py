"""No trap at the desk (issue 16, items 7 and 14): a result without a call fits only a customer with
no valid number and Esc steps back from it; picking a customer who is not due says so and keeps
the open customer; a second F5 says a call is already running."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.store.models import WorkItem
from app.views.desk.window import AgentDeskWindow
from tests.fixtures.world import without_valid_numbers


def open_desk(qtbot, ctx) -> AgentDeskWindow:
    desk = AgentDeskWindow(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return desk


def test_ctrl_w_is_refused_while_the_customer_has_valid_numbers(qtbot, ui_ctx):
    desk = open_desk(qtbot, ui_ctx)
    qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    said = desk.statusBar().currentMessage()
    assert "2 nomor valid" in said or "2 valid numbers" in said      # the screen's language (app.domain.text)
    assert not desk.wrapup.isEnabled() and desk.next_button.isEnabled()


def test_esc_steps_back_from_a_result_without_a_call(qtbot, ui_ctx):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])
    desk = open_desk(qtbot, ui_ctx)
    item_id = desk.session.item_id
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not desk.next_button.isEnabled()
    qtbot.keyClick(desk, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.next_button.isEnabled() and not desk.wrapup.isEnabled())
    assert desk.session.item_id == item_id and desk.card.name.text() == "Pelanggan 1"
    with ui_ctx.database.session() as s:
        assert s.get(WorkItem, item_id).state == "claimed", "nothing was recorded"


def test_picking_a_customer_who_is_not_due_says_when_and_keeps_the_open_one(qtbot, ui_ctx):
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:
        later = s.get(WorkItem, ids["item3"])
        later.state, later.next_attempt_at = "retry_later", ui_ctx.clock.now() + timedelta(hours=2)
    desk = open_desk(qtbot, ui_ctx)
    desk.queue_model.refresh()
    qtbot.waitUntil(lambda: any(desk.queue_model.row_at(r).item_id == ids["item3"]
                                for r in range(desk.queue_model.rowCount())))
    row = next(r for r in range(desk.queue_model.rowCount()) if desk.queue_model.row_at(r).item_id == ids["item3"])
    desk.queue.selectRow(row)
    desk.queue_view.pick_selected()
    qtbot.waitUntil(lambda: any(w in desk.statusBar().currentMessage() for w in ("dijadwalkan", "is due")))
    assert "12:00 WIB" in desk.statusBar().currentMessage()
    assert desk.card.name.text() == "Pelanggan 1" and desk.session.item_id == ids["item1"]


def test_a_second_f5_says_a_call_is_already_running(qtbot, ui_ctx, desk_phone, sipp_uas):
    from app.telephony.events import SipConfig
    sipp = sipp_uas("uas_ring_forever.xml")
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    desk = open_desk(qtbot, ui_ctx)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    qtbot.keyClick(desk, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: desk.call.state in ("ringing", "dialing"))
    qtbot.keyClick(desk, Qt.Key.Key_F5)
    message = desk.statusBar().currentMessage()
    assert "Masih ada panggilan aktif" in message or "already active" in message, message
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        qtbot.keyClick(desk, Qt.Key.Key_F6)
