"""End to end at the desk: a real pjsua2 call to a sipp customer, the stand-in behind the bill and the outbox.

pick → dial → answered → agree with a promise date → saved → outbox rows → next;
and busy three times → the PRANPC item closes exactly as the 3-call rule says (frozen clock).
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from app.store.models import CallAttempt, OutboxMessage, Result, WorkItem
from app.telephony.events import SipConfig
from app.views.desk.window import AgentDeskWindow

pytestmark = pytest.mark.sip


@pytest.fixture
def phone(ui_ctx, desk_phone):
    def start(sipp) -> None:
        desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1",
                                     ring_timeout_seconds=8))
    return start


def open_desk(qtbot, ctx) -> AgentDeskWindow:
    desk = AgentDeskWindow(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    return desk


def key(qtbot, desk, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(desk, k, mod)


def test_pick_dial_agree_save_and_next_by_keyboard(qtbot, ui_ctx, phone, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")
    phone(sipp)
    desk = open_desk(qtbot, ui_ctx)
    with qtbot.waitSignal(desk.item_opened):
        key(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    seen: list[str] = []
    ui_ctx.phone.events.call_state_changed.connect(lambda s: seen.append(s.state))
    key(qtbot, desk, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    assert "Terhubung" in desk.call.state_label.text() or "Connected" in desk.call.state_label.text()
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        key(qtbot, desk, Qt.Key.Key_F6)
    assert seen.index("connected") > 0 and seen[-1] == "ended"
    assert not desk.next_button.isEnabled()
    # Agree: choose the reason, fill the promise, save.
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-AGR"))
    desk.wrapup.inputs["promise_date"].setDate(QDate(2026, 11, 28))
    desk.wrapup.inputs["promise_amount"].setText("385.000")
    with qtbot.waitSignal(desk.result_saved) as saved:
        key(qtbot, desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].decision.next_state.value == "done"
    assert "selesai" in desk.outcome_summary.text() or "done" in desk.outcome_summary.text()
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:
        attempt = s.scalars(select(CallAttempt)).one()
        assert attempt.answered and attempt.sip_status == 200 and attempt.talk_seconds >= 0
        result = s.scalars(select(Result)).one()
        assert result.reason_code == "CT-AGR" and result.attempt_id == attempt.id
        assert sorted(m.destination for m in s.scalars(select(OutboxMessage))) == ["mycx", "tamara"]
        assert s.get(WorkItem, ids["item1"]).state == "done"
    with qtbot.waitSignal(desk.item_opened) as nxt:
        key(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert nxt.args[0] == ids["item2"]


def test_busy_three_times_closes_the_pranpc_item(qtbot, ui_ctx, phone, sipp_uas):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    phone(sipp)
    desk = open_desk(qtbot, ui_ctx)
    item_id = ui_ctx.services["ids"]["item1"]
    for attempt in range(1, 4):
        with qtbot.waitSignal(desk.item_opened) as opened:
            desk.next_item()
        assert opened.args[0] == item_id, f"attempt {attempt}: the due retry comes first"
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
        with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
            desk.dial()
        assert desk.wrapup.reason_code() == "NC-BSY", "486 pre-selects 'busy'"
        assert "486" in desk.call.outcome_label.text()
        with qtbot.waitSignal(desk.result_saved) as saved:
            desk.wrapup.save_button.click()
        decision = saved.args[0].decision
        state_line = desk.card.fields["state"].text()
        if attempt < 3:
            assert decision.next_state.value == "retry_later"
            assert f"{attempt} dari 3" in decision.summary_id
            assert "Wrap-up" not in state_line and ("Coba lagi" in state_line or "Retry" in state_line), state_line
            ui_ctx.clock.set(decision.next_attempt_at + timedelta(seconds=1))
    assert decision.next_state.value == "closed_unreachable"
    assert "tidak terjangkau" in state_line.lower() or "unreachable" in state_line.lower(), state_line
    with ui_ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        assert item.state == "closed_unreachable" and item.attempts_total == 3
        assert [a.sip_status for a in s.scalars(select(CallAttempt).order_by(CallAttempt.id))] == [486] * 3


def test_f5_sends_the_invite_while_the_window_is_still_busy(qtbot, ui_ctx, phone, sipp_uas, tmp_path):
    """F5 hands the attempt's write and the INVITE to the io pool at once: the GUI thread still busy
    after the key (repainting for the new state) does not hold the call back, and the attempt is
    committed before the INVITE leaves."""
    trace = tmp_path / "sipp-messages.log"
    sipp = sipp_uas("uas_answer.xml", extra=["-trace_msg", "-message_file", str(trace)])
    phone(sipp)
    desk = open_desk(qtbot, ui_ctx)
    with qtbot.waitSignal(desk.item_opened):
        key(qtbot, desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())

    def invite_seen() -> bool:
        return trace.exists() and "INVITE sip:" in trace.read_text(errors="replace")
    assert not invite_seen()
    desk.dial()
    # The event loop does not run until this returns: wait on the GUI thread itself.
    deadline = time.monotonic() + 10
    while not invite_seen() and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert invite_seen(), "the INVITE waited for the event loop"
    with ui_ctx.database.session() as s:
        assert s.scalars(select(CallAttempt)).one().ended_at is None     # written before the INVITE
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        key(qtbot, desk, Qt.Key.Key_F6)
