"""What the desk session changed for the agent: every customer starts blank, quitting keeps the
call, no way of closing leaves a claim behind, the card and history follow a save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.store.models import CallAttempt, WorkItem
from app.telephony.events import SipConfig
from tests.ui.desks import next_customer, open_desk
from tests.fixtures.world import without_valid_numbers


def close_and_wait(qtbot, desk, monkeypatch, answer: bool = True) -> None:
    monkeypatch.setattr("app.views.desk.window.ask_yes_no", lambda *_a: answer)
    desk.close()
    qtbot.waitUntil(lambda: not desk.isVisible(), timeout=10000)


@pytest.mark.sip
def test_the_next_customer_opens_with_a_blank_wrapup_and_call_panel(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    desk = open_desk(qtbot, ui_ctx)
    next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.dial()
    assert "486" in desk.call.outcome_label.text()
    desk.wrapup.reason.setCurrentIndex(0)                       # a wrong first try: no reason
    desk.wrapup.notes.setPlainText("pelanggan pertama: sibuk")
    desk.wrapup.save_button.click()
    qtbot.waitUntil(lambda: desk.wrapup.reason_error.isVisible())
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("NC-BSY"))
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()
    assert desk.outcome_summary.text()

    second = next_customer(qtbot, desk)
    assert second == ui_ctx.services["ids"]["item2"]
    assert desk.wrapup.reason_code() == "" and desk.wrapup.reason.count() == 0
    assert desk.wrapup.notes.toPlainText() == "" and not desk.wrapup.inputs
    assert not desk.wrapup.reason_error.isVisible() and not desk.wrapup.isEnabled()
    assert desk.call.outcome_label.text() == "" and desk.call.timer_label.text() == "00:00"
    assert desk.call.state == "idle" and desk.outcome_summary.text() == ""


@pytest.mark.sip
def test_quitting_mid_call_stores_the_sip_status_talk_time_and_recording(qtbot, ui_ctx, desk_phone, sipp_uas,
                                                                         monkeypatch):
    sipp = sipp_uas("uas_answer.xml")
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    qtbot.keyClick(desk, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    close_and_wait(qtbot, desk, monkeypatch)
    with ui_ctx.database.session() as s:
        attempt = s.scalars(select(CallAttempt).where(CallAttempt.work_item_id == item_id)).one()
        assert attempt.sip_status == 200 and attempt.answered and attempt.ended_at is not None
        assert attempt.talk_seconds is not None and attempt.talk_seconds >= 0
        assert attempt.recording_path and Path(attempt.recording_path).is_file()
        item = s.get(WorkItem, item_id)
        assert item.state == "wrap_up" and item.claim_expires_at is not None, \
            "the result is owed: the claim lasts its time to live, the next login resumes it"


def test_closing_with_a_customer_open_gives_it_back(qtbot, ui_ctx, monkeypatch):
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    close_and_wait(qtbot, desk, monkeypatch)
    with ui_ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        assert (item.state, item.claimed_by_id) == ("new", None)


def test_closing_in_a_wrapup_without_a_call_gives_the_customer_back(qtbot, ui_ctx, monkeypatch):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    close_and_wait(qtbot, desk, monkeypatch)
    with ui_ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        assert (item.state, item.claimed_by_id) == ("new", None), "nothing was dialled: nothing is owed"


def test_refusing_to_close_in_a_wrapup_keeps_the_window_and_the_customer(qtbot, ui_ctx, monkeypatch):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    monkeypatch.setattr("app.views.desk.window.ask_yes_no", lambda *_a: False)
    desk.close()
    assert desk.isVisible() and desk.wrapup.isEnabled()
    with ui_ctx.database.session() as s:
        assert s.get(WorkItem, item_id).claimed_by_id == ui_ctx.user.id


def test_the_card_history_and_queue_follow_a_save(qtbot, ui_ctx):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: any(desk.queue_model.row_at(r).item_id == item_id
                                and desk.queue_model.row_at(r).state == "claimed"
                                for r in range(desk.queue_model.rowCount())))
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(desk.result_saved):
        qtbot.keyClick(desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.card.history.rowCount() == 1)
    assert desk.card.history.item(0, 4).text() == "NC-NON", "the history shows the saved reason at once"
    assert "Selesai" in desk.card.fields["state"].text() or "Done" in desk.card.fields["state"].text()
    qtbot.waitUntil(lambda: all(desk.queue_model.row_at(r).item_id != item_id
                                for r in range(desk.queue_model.rowCount())),
                    timeout=5000)       # done: it left the agent's queue without a manual refresh


def test_the_phone_starts_off_the_gui_thread_and_the_desk_says_connecting(qtbot, ui_ctx, qt_event_loop,
                                                                         monkeypatch):
    import asyncio
    import threading

    from app.core.phone import Phone
    release = threading.Event()
    real_start = Phone._start_blocking

    def slow_start(self):
        release.wait(10)            # an engine start that takes its time (a slow sound device)
        return real_start(self)
    monkeypatch.setattr(Phone, "_start_blocking", slow_start)
    phone = Phone(SipConfig(domain="127.0.0.1", null_audio=True, bind_address="127.0.0.1"), None, qt_event_loop)
    ui_ctx.phone = phone
    asyncio.ensure_future(phone.start(ui_ctx.io))
    try:
        desk = open_desk(qtbot, ui_ctx)          # the window opens and lists the queue meanwhile
        qtbot.waitUntil(lambda: "menyambung" in desk.call.registration_label.text()
                        or "connecting" in desk.call.registration_label.text())
        assert not desk.call.dial_button.isEnabled()
        release.set()
        qtbot.waitUntil(lambda: phone.running, timeout=10000)
        qtbot.waitUntil(lambda: "menyambung" not in desk.call.registration_label.text())
    finally:
        release.set()
        qtbot.waitUntil(lambda: phone.status in ("running", "failed"), timeout=10000)
        phone.stop()


def test_a_queue_that_cannot_be_loaded_says_so_in_the_window(qtbot, ui_ctx, monkeypatch):
    desk = open_desk(qtbot, ui_ctx)

    def broken(*_args):
        raise RuntimeError("database is locked")
    monkeypatch.setattr(desk.desk, "queue_page", broken)
    desk.queue_view.refresh()
    qtbot.waitUntil(lambda: "database is locked" in desk.statusBar().currentMessage())
    assert "Antrean" in desk.statusBar().currentMessage() or "queue" in desk.statusBar().currentMessage()
