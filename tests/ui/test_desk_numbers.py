"""Every number of a customer in one go (issue 16, item 8): after a not-reached result the agent
keeps the customer and the next number is chosen; a number the customer gives is added and dialled;
Ctrl+F5 redials."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.store.models import CallAttempt, Phone, Result, WorkItem
from app.telephony.events import SipConfig
from tests.ui.desks import desk_ready_to_dial

pytestmark = pytest.mark.sip


@pytest.fixture
def busy_desk(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    return desk_ready_to_dial(qtbot, ui_ctx)


def call_and_save(qtbot, desk, dial) -> object:
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        dial()
    with qtbot.waitSignal(desk.result_saved) as saved:
        desk.wrapup.save_button.click()
    return saved.args[0]


def test_after_a_busy_first_number_the_second_is_tried_in_the_same_session(qtbot, ui_ctx, busy_desk):
    desk, ids = busy_desk, ui_ctx.services["ids"]
    first = call_and_save(qtbot, desk, desk.dial)
    assert first.kept and first.decision.next_state.value == "retry_later"
    qtbot.waitUntil(lambda: desk.card.current_phone_id() == ids["phone1b"])     # the next number is chosen
    assert "F5" in desk.outcome_summary.text() and not desk.wrapup.isEnabled()
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    second = call_and_save(qtbot, desk, lambda: qtbot.keyClick(desk, Qt.Key.Key_F5))
    assert not second.kept, "no untried number left: the customer is let go"
    assert desk.next_button.isEnabled()
    with ui_ctx.database.session() as s:
        attempts = s.scalars(select(CallAttempt).order_by(CallAttempt.id)).all()
        assert [a.phone_id for a in attempts] == [ids["phone1"], ids["phone1b"]]
        assert len(s.scalars(select(Result)).all()) == 2, "one result per attempt"
        item = s.get(WorkItem, ids["item1"])
        assert (item.state, item.claimed_by_id, item.attempts_in_round) == ("retry_later", None, 2)


def test_leaving_a_kept_customer_returns_them_to_their_schedule(qtbot, ui_ctx, busy_desk):
    desk, ids = busy_desk, ui_ctx.services["ids"]
    first = call_and_save(qtbot, desk, desk.dial)
    assert first.kept
    qtbot.waitUntil(lambda: desk.card.current_phone_id() == ids["phone1b"])
    desk.release_item()

    def item():
        with ui_ctx.database.session() as s:
            return s.get(WorkItem, ids["item1"])
    qtbot.waitUntil(lambda: item().state == "retry_later")
    assert item().next_attempt_at == first.decision.next_attempt_at and item().claimed_by_id is None


def test_a_number_the_customer_gives_is_added_and_dialled_and_ctrl_f5_redials_it(qtbot, ui_ctx, busy_desk):
    desk, ids = busy_desk, ui_ctx.services["ids"]
    desk.call.number.setText("0812-9999-0001")
    call_and_save(qtbot, desk, desk.call.number_button.click)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    call_and_save(qtbot, desk, lambda: qtbot.keyClick(desk, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier))
    with ui_ctx.database.session() as s:
        added = s.scalars(select(Phone).where(Phone.e164 == "+6281299990001")).one()
        assert (added.label, added.customer_id) == ("manual", s.get(WorkItem, ids["item1"]).customer_id)
        dialled = [a.phone_id for a in s.scalars(select(CallAttempt).order_by(CallAttempt.id))]
        assert dialled == [added.id, added.id]


def test_a_number_that_is_not_one_is_refused_with_the_reason(qtbot, ui_ctx, busy_desk):
    desk = busy_desk
    desk.call.number.setText("12345")
    desk.call.number_button.click()
    qtbot.waitUntil(lambda: any(w in desk.statusBar().currentMessage() for w in ("tidak valid", "Not a valid")))
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
