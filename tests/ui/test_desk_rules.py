"""The calling rules as the agent meets them at the desk (issue 18): a PBX fault does not count,
a public holiday asks for the customer's agreement, a number at its limit is not dialled, a
returned result is re-input without a call, a pause chosen in a wrap-up waits for the save,
and the card shows the customer's own time."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.context import AppContext, CurrentUser
from app.core.supervision.review import return_result
from app.store.models import AgentStateSpan, CallAttempt, Customer, Result, Team, User, WorkItem
from app.telephony.events import SipConfig
from tests.ui.desks import next_customer, open_desk
from tests.fixtures.world import without_valid_numbers


@pytest.mark.sip
def test_a_pbx_failure_is_shown_as_not_counted_and_gives_the_attempt_back(qtbot, ui_ctx, desk_phone, sipp_uas):
    sipp = sipp_uas("uas_reject.xml", keys={"code": "503", "reason": "Service Unavailable"})
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.dial()
    assert "503" in desk.call.outcome_label.text()
    assert "tidak dihitung" in desk.call.outcome_label.text() or "not counted" in desk.call.outcome_label.text()
    assert desk.wrapup.reason_code() == "", "a site fault suggests no reason (never 'no answer')"
    qtbot.waitUntil(lambda: desk.card.history.rowCount() == 1)
    assert "503" in desk.card.history.item(0, 2).text()
    assert "tidak dihitung" in desk.card.history.item(0, 2).text() or "not counted" in desk.card.history.item(0, 2).text()
    with ui_ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        assert (item.attempts_in_round, item.attempts_total) == (0, 0)
        assert s.scalars(select(CallAttempt.counts)).one() is False


@pytest.mark.sip
@pytest.mark.parametrize("agrees", [True, False], ids=["agrees", "refuses"])
def test_a_call_on_a_public_holiday_asks_whether_the_customer_agreed(qtbot, ui_ctx, desk_phone, sipp_uas,
                                                                     monkeypatch, agrees):
    ui_ctx.clock.set(datetime(2026, 12, 25, 3, 0, tzinfo=timezone.utc))     # Christmas, 10:00 WIB, a Friday
    sipp = sipp_uas("uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    desk_phone(ui_ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1"))
    asked: list[str] = []
    monkeypatch.setattr("app.views.desk.window.ask_yes_no", lambda _w, title, q: asked.append(q) or agrees)
    desk = open_desk(qtbot, ui_ctx)
    next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    if agrees:
        with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
            desk.dial()
    else:
        desk.dial()
        qtbot.waitUntil(lambda: bool(asked))
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    assert len(asked) == 1 and ("Natal" in asked[0] or "Christmas" in asked[0])
    with ui_ctx.database.session() as s:
        consents = s.scalars(select(CallAttempt.holiday_consent)).all()
    assert consents == ([True] if agrees else [])


def test_a_number_at_its_daily_limit_is_not_dialled_and_the_agent_is_told(qtbot, ui_ctx, desk_phone, tmp_path):
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:        # the same number, called 3 times today from another account
        other = s.get(WorkItem, ids["item3"])
        number = s.get(Customer, s.get(WorkItem, ids["item1"]).customer_id).phones[0].e164
        for minute in range(3):
            s.add(CallAttempt(work_item_id=other.id, agent_id=ids["agent2"], dialled=number, answered=False,
                              sip_status=486, started_at=ui_ctx.clock.now().replace(minute=minute)))
    desk_phone(ui_ctx, SipConfig(domain="127.0.0.1:9", null_audio=True, bind_address="127.0.0.1"))
    desk = open_desk(qtbot, ui_ctx)
    next_customer(qtbot, desk)
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    desk.dial()
    qtbot.waitUntil(lambda: any(w in desk.statusBar().currentMessage() for w in ("3 kali", "3 times")))
    qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
    with ui_ctx.database.session() as s:
        assert s.query(CallAttempt).count() == 3, "nothing was dialled"


def test_a_returned_result_is_re_input_without_a_call_and_both_revisions_stay(qtbot, ui_ctx):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    agent_desk = open_desk(qtbot, ui_ctx)
    item_id = next_customer(qtbot, agent_desk)
    with qtbot.waitSignal(agent_desk.wrapup_started):
        qtbot.keyClick(agent_desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    agent_desk.wrapup.notes.setPlainText("tidak ada nomor")
    with qtbot.waitSignal(agent_desk.result_saved) as saved:
        agent_desk.wrapup.save_button.click()
    with ui_ctx.database.session() as s:
        team = s.scalar(select(Team.id))
        tl = User(username="tl1", full_name="Team Leader", role="team_leader", team_id=team)
        s.add(tl)
        s.flush()
        tl_user = CurrentUser(tl.id, "tl1", "Team Leader", "team_leader", team)
    tl_ctx = AppContext(database=ui_ctx.database, settings=ui_ctx.settings, clock=ui_ctx.clock,
                        catalogue=ui_ctx.catalogue, user=tl_user)
    return_result(tl_ctx, saved.args[0].result_id, "nomor rumah masih aktif, catat ulang")

    assert next_customer(qtbot, agent_desk) == item_id, "the returned item comes first"
    assert agent_desk.card.reinput_button.isVisible()
    with qtbot.waitSignal(agent_desk.wrapup_started):
        qtbot.keyClick(agent_desk, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert agent_desk.wrapup.reason_code() == "NC-NON"
    assert agent_desk.wrapup.notes.toPlainText() == "tidak ada nomor", "the returned result is the starting point"
    agent_desk.wrapup.notes.setPlainText("nomor rumah aktif tetapi tidak diangkat")
    with qtbot.waitSignal(agent_desk.result_saved):
        agent_desk.wrapup.save_button.click()
    with ui_ctx.database.session() as s:
        results = s.scalars(select(Result).where(Result.work_item_id == item_id).order_by(Result.id)).all()
        assert [(r.revision, r.is_current) for r in results] == [(1, False), (2, True)]
        assert results[1].notes == "nomor rumah aktif tetapi tidak diangkat"
        assert s.query(CallAttempt).count() == 0, "re-input needs no call"


def test_a_pause_chosen_during_the_wrap_up_takes_effect_when_the_result_is_saved(qtbot, ui_ctx):
    without_valid_numbers(ui_ctx.database, ui_ctx.services["ids"]["item1"])   # Ctrl+W fits only then
    desk = open_desk(qtbot, ui_ctx)
    next_customer(qtbot, desk)
    with qtbot.waitSignal(desk.wrapup_started):
        qtbot.keyClick(desk, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert desk.bar.choose("not_ready", "prayer")
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()

    def last_state():
        with ui_ctx.database.session() as s:
            span = s.scalars(select(AgentStateSpan).where(AgentStateSpan.ended_at.is_(None))
                             .order_by(AgentStateSpan.id.desc())).first()
            return (span.state, span.pause_reason) if span else None
    qtbot.waitUntil(lambda: last_state() == ("not_ready", "prayer"))
    desk.next_item()
    assert "Ctrl+P" in desk.statusBar().currentMessage(), "paused: no next customer until Ready"


@pytest.mark.parametrize("zone, expected", [("WITA", "11:00 WITA"), ("UNK", "10:00 WIB")])
def test_the_card_shows_the_customers_own_time(qtbot, ui_ctx, zone, expected):
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:
        s.get(Customer, s.get(WorkItem, ids["item1"]).customer_id).region = zone
    desk = open_desk(qtbot, ui_ctx)
    next_customer(qtbot, desk)
    text = desk.card.fields["local_time"].text()
    assert expected in text
    if zone == "UNK":
        assert "08.00–18.00" in text or "08:00–18:00" in text
