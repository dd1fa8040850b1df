"""Data that must not be possible (issue 16, items 1, 2 and 20): the reason agrees with the call,
a promise is plausible, the Tier-2 desk pre-selects from the SIP outcome and a hard complaint
needs a note."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from app.core.desk.desk import Desk
from app.core.desk.errors import ResultInvalid
from app.platform.config import Settings
from app.store.models import Result
from app.telephony.events import SipConfig
from app.views.desk.window import AgentDeskWindow

pytestmark = pytest.mark.sip


def desk_after_a_call(qtbot, ctx, desk_phone, sipp) -> AgentDeskWindow:
    desk_phone(ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1",
                              ring_timeout_seconds=8))
    desk = AgentDeskWindow(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() > 0)
    with qtbot.waitSignal(desk.item_opened):
        desk.next_item()
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    return desk


def offered(desk) -> list[str]:
    return [desk.wrapup.reason.itemData(i) for i in range(desk.wrapup.reason.count()) if desk.wrapup.reason.itemData(i)]


def test_after_a_busy_call_no_contacted_reason_is_offered_or_accepted(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    desk = desk_after_a_call(qtbot, ui_ctx, desk_phone, sipp)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.dial()
    codes = offered(desk)
    assert "NC-BSY" in codes and "NC-RNA" in codes
    assert not {"CT-AGR", "CT-PAID", "CT-RTP", "CT-TPY", "NC-WRN"} & set(codes), codes
    # Whatever a client sends, the core refuses an agree for a call nobody answered.
    session = desk.session
    with pytest.raises(ResultInvalid) as refused:
        Desk(ui_ctx).save_result(session.item_id, session.attempt_id, "CT-AGR",
                                 {"promise_date": "2026-11-27", "promise_amount": "100000"})
    assert "tersambung" in refused.value.errors["reason"]


def test_a_not_reached_reason_after_an_answered_call_asks_for_a_note(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")
    desk = desk_after_a_call(qtbot, ui_ctx, desk_phone, sipp)
    desk.dial()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("NC-RNA"))
    desk.wrapup.save_button.click()
    qtbot.waitUntil(lambda: desk.wrapup.reason_error.isVisible())
    assert "catatan" in desk.wrapup.reason_error.text()
    desk.wrapup.notes.setPlainText("diangkat anak kecil, lalu ditutup")
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()


def test_a_promise_above_the_arrears_is_refused_and_a_partial_one_is_kept(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")
    desk = desk_after_a_call(qtbot, ui_ctx, desk_phone, sipp)
    desk.dial()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-AGR"))
    desk.wrapup.inputs["promise_date"].setDate(QDate(2026, 11, 27))
    desk.wrapup.inputs["promise_amount"].setText("99.999.999.999")
    desk.wrapup.save_button.click()
    qtbot.waitUntil(lambda: desk.wrapup.errors["promise_amount"].isVisible())
    assert "385.000" in desk.wrapup.errors["promise_amount"].text()
    desk.wrapup.inputs["promise_amount"].setText("200.000")          # a partial payment
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()
    with ui_ctx.database.session() as s:
        assert int(s.scalars(select(Result.promise_amount)).one()) == 200000


def test_the_promise_window_is_a_site_setting_per_program(ui_ctx):
    from app.core.desk.result import validate_form
    ui_ctx.settings.set("programs.PRANPC.promise_max_days", 3)
    today = ui_ctx.clock.now().date()
    late = {"promise_date": (today + timedelta(days=5)).isoformat(), "promise_amount": "100000"}
    assert "3 hari" in validate_form(ui_ctx, "PRANPC", "CT-AGR", late)["promise_date"]
    ui_ctx.settings.set("programs.PRANPC.promise_max_days", 14)
    assert validate_form(ui_ctx, "PRANPC", "CT-AGR", late) == {}


@pytest.fixture
def tier2_ctx(ui_db):
    from tests.integration.tier2.world import TICKETS, seed_tier2
    from tests.fixtures.qt_loop import finish_closing_windows
    from tests.ui.test_tier2_desk import context
    ids = seed_tier2(ui_db, TICKETS[:1])
    ctx = context(ui_db, ids, "t2.ayu", Settings())
    yield ctx
    finish_closing_windows()
    ctx.io.shutdown(wait=False)


@pytest.mark.parametrize("code, reason, suggested", [("486", "Busy Here", "T2-BSY"), ("603", "Decline", "T2-REJ")])
def test_the_tier2_desk_pre_selects_from_the_sip_outcome_and_offers_no_solved_after_a_refusal(
        qtbot, tier2_ctx, desk_phone, sipp_uas, code, reason, suggested):
    sipp = sipp_uas("uas_reject.xml", keys={"code": code, "reason": reason})
    desk = desk_after_a_call(qtbot, tier2_ctx, desk_phone, sipp)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.dial()
    assert desk.wrapup.reason_code() == suggested
    assert "T2-OK" not in offered(desk) and "T2-HC" not in offered(desk)


def test_a_tier2_hard_complaint_needs_a_note(qtbot, tier2_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")
    desk = desk_after_a_call(qtbot, tier2_ctx, desk_phone, sipp)
    desk.dial()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("T2-HC"))
    desk.wrapup.save_button.click()
    qtbot.waitUntil(lambda: desk.wrapup.reason_error.isVisible())
    assert "catatan" in desk.wrapup.reason_error.text()
    desk.wrapup.notes.setPlainText("pelanggan mengancam lapor ke media, minta atasan")
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()
