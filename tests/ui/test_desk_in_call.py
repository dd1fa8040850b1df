"""During a call (issue 16, items 6, 9, 12, 13): digits send DTMF and never land in the search
box, notes can be typed while talking, the ring and talk timers show (with the ring timeout),
and mute says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.telephony.events import SipConfig
from tests.ui.desks import desk_ready_to_dial

pytestmark = pytest.mark.sip


@pytest.fixture
def calling_desk(qtbot, ui_ctx, desk_phone, simulator):
    """A desk whose customer (a number ending in 1) the demo simulator answers."""
    desk_phone(ui_ctx, SipConfig(domain=f"127.0.0.1:{simulator.port}", null_audio=True,
                                 bind_address="127.0.0.1", ring_timeout_seconds=30))
    return desk_ready_to_dial(qtbot, ui_ctx)


def test_digits_typed_during_a_call_are_dtmf_not_a_search(qtbot, calling_desk, simulator):
    desk = calling_desk
    qtbot.keyClick(desk, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: desk.call.state == "ringing" or desk.call.state == "connected", timeout=5000)
    assert not desk.search.isEnabled(), "the search box cannot take the focus during a call"
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    qtbot.keyClicks(desk.focusWidget() or desk, "12#")
    simulator.expect("DTMF diterima: 1")
    simulator.expect("DTMF diterima: 2")
    simulator.expect("DTMF diterima: #")
    assert desk.search.text() == ""
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        qtbot.keyClick(desk, Qt.Key.Key_F6)
    assert desk.search.isEnabled()


def test_notes_typed_while_talking_stay_for_the_wrap_up(qtbot, calling_desk):
    desk = calling_desk
    desk.dial()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    assert desk.wrapup.notes.isEnabled() and not desk.wrapup.save_button.isEnabled()
    desk.wrapup.notes.setFocus()
    qtbot.keyClicks(desk.wrapup.notes, "janji bayar tgl 5, nomor WA 0812")
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    assert desk.wrapup.notes.toPlainText() == "janji bayar tgl 5, nomor WA 0812"
    assert desk.wrapup.save_button.isEnabled()


def test_the_ring_timer_shows_the_ring_timeout_then_the_talk_timer(qtbot, calling_desk):
    desk = calling_desk
    desk.dial()
    qtbot.waitUntil(lambda: "30" in desk.call.timer_label.text() and desk.call.state != "connected")
    assert "Berdering" in desk.call.timer_label.text() or "Ringing" in desk.call.timer_label.text()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    qtbot.waitUntil(lambda: "Bicara" in desk.call.timer_label.text() or "Talk" in desk.call.timer_label.text())
    desk.hangup()


def test_mute_is_shown_while_it_lasts(qtbot, calling_desk):
    desk = calling_desk
    desk.dial()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    qtbot.keyClick(desk, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: desk.call.mute_label.isVisible())
    assert "F8" in desk.call.mute_button.text() and desk.call.mute_button.isChecked()
    qtbot.keyClick(desk, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: not desk.call.mute_label.isVisible())
    desk.hangup()
