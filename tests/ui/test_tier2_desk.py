"""Tier-2 on screen: a Datin ticket worked at the agent desk through pend and close with real calls
(pjsua2 → sipp answering 486 Busy), the ticket panel's hard-complaint ticking, and the TL's escort panel."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.core.desk.desk import Desk
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.store.models import CallAttempt, OutboxMessage, Ticket, WorkItem
from app.views.desk.ticket_panel import TicketPanel
from app.views.teamleader.escort_panel import EscortPanel
from tests.fixtures.qt_loop import finish_closing_windows
from tests.fixtures.world import DAYTIME
from tests.integration.tier2.world import TICKETS, USERS, seed_tier2


def context(db, ids, username: str, settings: Settings | None = None) -> AppContext:
    role = next(r for u, _n, r in USERS if u == username)
    return AppContext(database=db, settings=settings or Settings(), clock=FrozenClock(DAYTIME),
                      catalogue=ReasonCatalogue.default(), user=CurrentUser(ids[username], username, username,
                                                                             role, None))


@pytest.mark.sip
def test_tier2_agent_works_a_datin_ticket_through_pend_and_close_at_the_desk(qtbot, ui_db, standin, tmp_path,
                                                                           desk_phone):
    from app.core.runtime import Runtime
    from app.telephony.events import SipConfig
    from app.views.desk.window import AgentDeskWindow
    from tests.integration.sip.conftest import start_sipp

    ids = seed_tier2(ui_db, TICKETS[:1])                    # one Datin ticket (DES, WIB)
    settings = Settings()
    for key in ("ipayment_url", "mycx_url", "tamara_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    settings.set("api.read_timeout", 2.0)
    ctx = context(ui_db, ids, "t2.ayu", settings)
    runtime = Runtime(ctx)
    runtime._build_clients()
    sipp = start_sipp(tmp_path, "uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    phone = desk_phone(ctx, SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1",
                                      ring_timeout_seconds=8))
    try:
        desk = AgentDeskWindow(ctx)
        qtbot.addWidget(desk)
        desk.show()
        summaries = []
        for attempt in range(1, 7):
            with qtbot.waitSignal(desk.item_opened, timeout=5000) as opened:
                desk.next_item()
            assert opened.args[0] == ids["datin"], f"attempt {attempt}: the Datin ticket is due"
            assert desk.card_data.ticket["ticket_number"] == "IN100000001"
            qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
            with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
                desk.dial()
            assert "486" in desk.call.outcome_label.text()
            codes = [desk.wrapup.reason.itemData(i) for i in range(desk.wrapup.reason.count())]
            assert "T2-BSY" in codes and "NC-BSY" not in codes, "the Tier-2 reason list"
            desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("T2-BSY"))
            with qtbot.waitSignal(desk.result_saved, timeout=5000) as saved:
                desk.wrapup.save_button.click()
            decision = saved.args[0].decision
            summaries.append(decision.next_state.value)
            if decision.next_attempt_at is not None:
                ctx.clock.set(decision.next_attempt_at)
            if attempt == 3:
                assert "ditunda" in desk.outcome_summary.text() or "pending" in desk.outcome_summary.text()
                with ui_db.session() as s:
                    assert s.get(Ticket, ids["datin_ticket"]).status == "pending"
                    emails = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "email")).all()
                    assert [m.payload["ticket_number"] for m in emails] == ["IN100000001"]
        assert summaries == ["retry_later", "retry_later", "pending_until",
                             "retry_later", "retry_later", "closed_unreachable"]
        with ui_db.session() as s:
            item = s.get(WorkItem, ids["datin"])
            assert (item.state, item.attempts_total, item.ticket.status) == ("closed_unreachable", 6, "closed")
            assert [a.sip_status for a in s.scalars(select(CallAttempt))] == [486] * 6
            dests = [m.destination for m in s.scalars(select(OutboxMessage))]
            assert dests.count("callback") == 6 and dests.count("email") == 1
        desk.close()
        finish_closing_windows()
    finally:
        phone.stop()
        sipp.stop()
        runtime.stop()


def test_ticking_a_criterion_marks_hard_complaint_and_shows_dcs_routing_and_escalation(qtbot, ui_db):
    ids = seed_tier2(ui_db)
    ctx = context(ui_db, ids, "t2.ayu")
    desk = Desk(ctx)
    assert desk.claim(ids["dcs"])
    panel = TicketPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_ticket(None)
    assert panel.isHidden(), "no ticket: no panel"
    panel.show_ticket(desk.card(ids["dcs"]))
    panel.show()
    assert panel.fields["number"].text() == "IN100000004"
    assert "Kabel fiber putus" in panel.fields["cause"].text()
    with qtbot.waitSignal(panel.hard_complaint_marked, timeout=5000) as marked:
        panel.criteria["threat_cancel_or_media"].setChecked(True)
    assert marked.args[0].hard_complaint and marked.args[0].routing.escalate
    assert "unit DCS" in panel.routing.text() and "DCS" in panel.routing.text()
    assert "\n" in panel.routing.text(), "the escalation is stated on its own line"
    with ui_db.session() as s:
        ticket = s.get(Ticket, ids["dcs_ticket"])
        assert ticket.hard_complaint and ticket.routed_to == "unit DCS; eskalasi"
    with qtbot.waitSignal(panel.transfer_to_tl_requested, timeout=2000):
        panel.transfer_button.click()
    assert panel.transfer_shortcut.key().toString() == "F10"
    # Reopened, the panel shows what was recorded.
    panel.show_ticket(desk.card(ids["dcs"]))
    qtbot.waitUntil(lambda: panel.criteria["threat_cancel_or_media"].isChecked())
    assert not panel.criteria["abusive_language"].isChecked()


def test_escort_panel_refuses_the_fourth_promise_ticket_with_a_clear_message(qtbot, ui_db):
    from app.core.tier2.escalation import set_super_emergency
    ids = seed_tier2(ui_db)
    tl = context(ui_db, ids, "tl.rina")
    for key in ("datin", "indihome", "pots"):
        set_super_emergency(tl, ids[f"{key}_ticket"])
    panel = EscortPanel(tl)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.escorted_model.rowCount() == 3 and panel.open_model.rowCount() == 5)
    assert panel.load_label.text() in ("3 of 3 promise tickets", "3 dari 3 tiket janji")
    row = next(r for r in range(5) if panel.open_model.row_at(r).ticket_number == "IN100000004")
    panel.open_table.selectRow(row)
    panel.set_button.click()
    qtbot.waitUntil(lambda: bool(panel.message.text()))
    said = panel.message.text()     # in the screen's language (app.domain.text)
    assert ("maksimal 3" in said and "sudah mengawal 3 tiket janji" in said) or \
        ("at most 3" in said and "already escorts 3 promise tickets" in said)
    with ui_db.session() as s:
        assert s.get(Ticket, ids["dcs_ticket"]).ticket_type == "repaired_fault"


def test_escort_panel_lets_a_tl_set_super_emergency_but_not_an_agent(qtbot, ui_db):
    ids = seed_tier2(ui_db)
    panel = EscortPanel(context(ui_db, ids, "tl.hendra"))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.open_model.rowCount() == 5)
    panel.open_table.selectRow(0)
    with qtbot.waitSignal(panel.super_emergency_set, timeout=5000) as done:
        panel.set_button.click()
    assert done.args[0].ticket_type == "super_emergency" and done.args[0].escort_tl == "Hendra Gunawan"
    qtbot.waitUntil(lambda: panel.escorted_model.rowCount() == 1)
    agent_panel = EscortPanel(context(ui_db, ids, "t2.ayu"))
    qtbot.addWidget(agent_panel)
    assert not agent_panel.set_button.isEnabled()


def test_tl_brings_tickets_in_from_the_callback_app_and_from_a_file(qtbot, ui_db, standin):
    from app.platform import paths
    from app.services.callback import CallbackClient
    ids = seed_tier2(ui_db)
    settings = Settings()
    settings.set("api.callback_url", standin.url)
    tl = context(ui_db, ids, "tl.rina", settings)
    panel = EscortPanel(tl)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.open_model.rowCount() == 5)
    panel.pull_from_callback()
    assert "belum diatur" in panel.message.text() or "not set" in panel.message.text()
    tl.services["callback"] = CallbackClient.from_settings(settings)
    try:
        with qtbot.waitSignal(panel.tickets_imported, timeout=15000) as pulled:
            panel.pull_button.click()
    finally:
        tl.services["callback"].close()
    assert pulled.args[0].created > 0 and not pulled.args[0].errors
    qtbot.waitUntil(lambda: int(panel.open_count.text().split()[0]) == 5 + pulled.args[0].created, timeout=5000)
    assert str(pulled.args[0].created) in panel.message.text()
    with qtbot.waitSignal(panel.tickets_imported, timeout=15000) as from_file:
        panel.import_ticket_file(str(paths.resource("samples", "tier2_tickets.xlsx")))
    assert from_file.args[0].created + from_file.args[0].updated > 0
    with ui_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == \
            5 + pulled.args[0].created + from_file.args[0].created


def test_a_collection_agent_cannot_import_tickets_but_a_tier2_agent_can(qtbot, ui_db):
    ids = seed_tier2(ui_db)
    agent = EscortPanel(context(ui_db, ids, "agent1"))
    tier2 = EscortPanel(context(ui_db, ids, "t2.ayu"))
    for panel in (agent, tier2):
        qtbot.addWidget(panel)
    assert not agent.pull_button.isEnabled() and not agent.file_button.isEnabled()
    assert tier2.pull_button.isEnabled() and tier2.file_button.isEnabled()
