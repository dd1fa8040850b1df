"""The procedures' loops on screen (issue 17): the fault ticket's number shown during the call the moment
MyCX answers ("menunggu"/pending while queued), the hard-complaint flag on the CT-0 desk, the Tier-2 card's
look-ups, the Support HC desk and the TL's caring call on a super-emergency ticket."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.core.context import AppContext, CurrentUser
from app.core.desk.desk import Desk
from app.core.runtime import Runtime
from app.core.tier2.escalation import set_super_emergency
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.platform.config import Settings
from app.services.service_status import ServiceStatusClient
from app.store.models import FaultReport, OutboxMessage, SupportCase, User
from app.views.desk.fault_ticket_panel import FaultTicketPanel
from app.views.desk.hard_complaint_flag import HardComplaintFlag
from app.views.desk.window import AgentDeskWindow
from app.views.supporthc import SupportHcWindow
from app.views.teamleader.escort_panel import EscortPanel
from tests.fixtures.qt_loop import finish_closing_windows
from tests.fixtures.world import DAYTIME
from tests.integration.tier2.world import USERS, seed_tier2


def test_fault_ticket_panel_shows_pending_then_the_number_mycx_returns(qtbot, ui_ctx, standin, qt_event_loop):
    ids = ui_ctx.services["ids"]
    ui_ctx.settings.set("api.service_status_url", standin.url)
    ui_ctx.services["service_status"] = ServiceStatusClient.from_settings(ui_ctx.settings)
    desk = Desk(ui_ctx)
    assert desk.claim(ids["item1"])
    desk.start_attempt(ids["item1"], ids["phone1"])           # the customer is on the line
    panel = FaultTicketPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_item(desk.card(ids["item1"]))
    assert panel.inputs["fault_product_id"].text() == "1223000000011", "the form starts from the card"
    assert panel.service.text() == "", "nothing asked before the agent looks"
    panel.show()
    qtbot.waitUntil(lambda: "normal" in panel.service.text(), timeout=5000)   # checked before ticketing
    panel.inputs["fault_symptom"].setText("internet mati")
    panel.inputs["fault_email"].setText("pelanggan1@example.id")
    panel.description.setPlainText("LOS merah sejak pagi")
    with qtbot.waitSignal(panel.filed, timeout=5000):
        panel.submit_button.click()
        qtbot.waitUntil(lambda: bool(panel.number.text() or panel.message.text()), timeout=5000)
        assert not panel.message.styleSheet().count("b3261e"), panel.message.text()
    assert panel.number.text() in ("Ticket number: pending (queued for MyCX)",
                                   "Nomor tiket: menunggu (antre ke MyCX)")
    Runtime(ui_ctx).start_outbox(qt_event_loop)               # MyCX answers through the outbox worker
    with qtbot.waitSignal(panel.ticket_number_shown, timeout=15000) as shown:
        ui_ctx.services["outbox"].wake()
    created = standin.received("mycx_ticket")
    assert len(created) == 1 and shown.args[0] == created[0]["answer"]["ticket_number"]
    assert shown.args[0] in panel.number.text()
    assert created[0]["body"]["description"] == "LOS merah sejak pagi"
    panel.show_item(desk.card(ids["item1"]))                  # reopened: the number is still there
    qtbot.waitUntil(lambda: shown.args[0] in panel.number.text(), timeout=5000)
    ui_ctx.services.pop("service_status").close()


def test_a_refused_report_lists_what_to_fix(qtbot, ui_ctx):
    ids = ui_ctx.services["ids"]
    desk = Desk(ui_ctx)
    assert desk.claim(ids["item2"])
    panel = FaultTicketPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_item(desk.card(ids["item2"]))
    panel.inputs["fault_reporter_phone"].setText("12")
    panel.submit_button.click()
    qtbot.waitUntil(lambda: bool(panel.message.text()), timeout=5000)
    assert "Telepon pelapor" in panel.message.text() and "Gejala" in panel.message.text()
    with ui_ctx.database.session() as s:
        assert s.scalar(select(FaultReport.id)) is None


def test_hard_complaint_flag_on_the_ct0_desk_reports_to_sephia_once(qtbot, ui_ctx):
    ids = ui_ctx.services["ids"]
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        desk.open_item(ids["item2"])                          # a CT-0 prospect
    assert desk.card_data.program == "CT0"
    flag = desk.hard_complaint
    assert flag.isVisible() and not flag.body.isVisible(), "on the desk, folded until needed"
    assert any(desk.side_tabs.widget(i).isAncestorOf(desk.fault_ticket) for i in range(desk.side_tabs.count())), \
        "the fault ticket is at hand during the call"
    flag.setChecked(True)
    flag.criteria["abusive_language"].setChecked(True)
    flag.note.setText("Memaki agen")
    with qtbot.waitSignal(flag.reported, timeout=5000) as reported:
        flag.report_button.click()
    assert reported.args[0].new_report and "Sephia" in flag.status.text()
    assert "DCS" in flag.status.text(), "a DCS customer is escalated to the DCS unit as well"
    with qtbot.waitSignal(flag.reported, timeout=5000) as again:
        flag.report_button.click()
    assert not again.args[0].new_report
    with ui_ctx.database.session() as s:
        reports = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "sephia")).all()
        assert [r.payload["criteria"] for r in reports] == [["berkata kasar"]]


def test_the_flag_alone_with_a_context_and_a_work_item(qtbot, ui_ctx):
    ids = ui_ctx.services["ids"]
    desk = Desk(ui_ctx)
    assert desk.claim(ids["item3"])
    flag = HardComplaintFlag(ui_ctx)
    qtbot.addWidget(flag)
    flag.show_item(None)
    assert flag.isHidden()
    flag.show_item(desk.card(ids["item3"]))
    flag.setChecked(True)
    flag.report_button.click()
    qtbot.waitUntil(lambda: bool(flag.status.text()), timeout=5000)
    assert "tick at least one" in flag.status.text() or "centang" in flag.status.text()
    flag.criteria["will_not_end_call"].setChecked(True)
    with qtbot.waitSignal(flag.reported, timeout=5000):
        flag.report_button.click()
    flag.show_item(desk.card(ids["item3"]))                   # reopened: what was reported is ticked
    qtbot.waitUntil(lambda: flag.criteria["will_not_end_call"].isChecked(), timeout=5000)


def context(db, ids, username: str, role: str, settings: Settings | None = None) -> AppContext:
    return AppContext(database=db, settings=settings or Settings(), clock=FrozenClock(DAYTIME),
                      catalogue=ReasonCatalogue.default(), user=CurrentUser(ids[username], username, username,
                                                                             role, None))


@pytest.fixture
def hc_world(ui_db):
    ids = seed_tier2(ui_db)
    with ui_db.session() as s:
        hc = User(username="hc.dewi", full_name="Dewi Support HC", role="support_hc")
        s.add(hc)
        s.flush()
        ids["hc.dewi"] = hc.id
    return ids


def test_support_hc_desk_pulls_from_sephia_forwards_and_records_progress(qtbot, ui_db, hc_world, standin):
    from app.services.sephia import SephiaClient
    roles = dict((u, r) for u, _n, r in USERS)
    agent = context(ui_db, hc_world, "t2.ayu", roles["t2.ayu"])
    assert Desk(agent).claim(hc_world["dcs"])
    from app.core.desk.hard_complaint import flag_hard_complaint
    flag_hard_complaint(agent, hc_world["dcs"], {"asks_supervisor": True})
    settings = Settings()
    settings.set("api.sephia_url", standin.url)
    hc = context(ui_db, hc_world, "hc.dewi", "support_hc", settings)
    window = SupportHcWindow(hc)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.pull()
    assert "Sephia" in window.message.text(), "not configured: said, not crashed"
    hc.services["sephia"] = SephiaClient.from_settings(settings)
    try:
        with qtbot.waitSignal(window.pulled, timeout=10000) as pulled:
            window.pull_button.click()
    finally:
        hc.services.pop("sephia").close()
    seeded = len([t for t in standin.catalogue.tickets() if t["ticket_type"] == "hard_complaint"])
    assert pulled.args[0].new == seeded
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 + seeded, timeout=5000)
    window.table.selectRow(0)
    assert window.selected_case().ticket_number == "IN100000004"
    with qtbot.waitSignal(window.case_changed, timeout=5000) as forwarded:
        window.forward_buttons["tial_reg"].click()
    assert forwarded.args[0].status == "forwarded"
    window.table.selectRow(0)
    window.progress.setPlainText("ONT diganti, layanan normal")
    window.close_case.setChecked(True)
    with qtbot.waitSignal(window.case_changed, timeout=5000) as closed:
        window.progress_button.click()
    assert closed.args[0].status == "closed"
    qtbot.waitUntil(lambda: window.model.rowCount() == seeded, timeout=5000)
    with ui_db.session() as s:
        dests = sorted(m.destination for m in s.scalars(select(OutboxMessage)))
        assert dests.count("escalation") == 2 and dests.count("callback_progress") == 1   # DCS unit + TIAL REG
        assert s.scalar(select(SupportCase.status).where(SupportCase.ticket_number == "IN100000004")) == "closed"


def test_tl_caring_call_opens_the_desk_on_the_super_emergency_ticket_only(qtbot, ui_db, standin):
    ids = seed_tier2(ui_db)
    settings = Settings()
    for key in ("ipayment_url", "mycx_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    tl = context(ui_db, ids, "tl.rina", "team_leader", settings)
    runtime = Runtime(tl)
    runtime._build_clients()
    set_super_emergency(tl, ids["datin_ticket"], "Link kantor pusat mati")
    phone_starts = []
    tl.services["start_phone"] = lambda: phone_starts.append(1)
    panel = EscortPanel(tl)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.escorted_model.rowCount() == 1 and panel.open_model.rowCount() == 5)
    panel.caring_button.click()
    assert "super-emergency" in panel.message.text() or "super emergency" in panel.message.text()
    panel.escorted.selectRow(0)
    with qtbot.waitSignal(panel.caring_call_opened, timeout=5000) as opened:
        panel.caring_button.click()
    desk = opened.args[0]
    qtbot.addWidget(desk)
    qtbot.waitUntil(lambda: desk.card_data is not None, timeout=5000)
    assert desk.card_data.ticket["ticket_number"] == "IN100000001" and desk.card_data.program == "TIER2"
    assert phone_starts == [1], "the phone is started for the call"
    assert desk.queue_model.rowCount() == 0, "a TL works no queue"
    from app.core.desk.errors import DeskError
    with pytest.raises(DeskError, match="super emergency"):
        Desk(tl).claim(ids["indihome"])
    assert Desk(tl).claim_next() is None
    desk.close()
    finish_closing_windows()
    runtime.stop()


def test_tier2_card_shows_service_nossa_and_eos_fetched_in_the_background(qtbot, ui_db, standin):
    from app.views.desk.ticket_lookups_panel import TicketLookupsPanel
    ids = seed_tier2(ui_db)
    settings = Settings()
    for key, url in standin.api_settings().items():
        settings.set(f"api.{key}", url)
    agent = context(ui_db, ids, "t2.ayu", "tier2", settings)
    runtime = Runtime(agent)
    runtime._build_clients()
    try:
        desk = Desk(agent)
        assert desk.claim(ids["datin"])
        panel = TicketLookupsPanel(agent)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.looked_up, timeout=10000) as found:
            panel.show_item(desk.card(ids["datin"]))
        assert "normal" in panel.service.text() and "in_progress" in panel.progress.text()
        assert panel.buttons["eos"].isEnabled() == (found.args[0].eos_name is not None)
        panel.note.setText("Mohon percepatan, link kantor pusat")
        with qtbot.waitSignal(panel.acted, timeout=5000) as acted:
            panel.buttons["backend"].click()
        assert "back-end" in acted.args[0]
        panel.show_item(desk.card(ids["datin"]))
        from app.views import i18n
        assert i18n.install(QApplication.instance(), "id")     # the refusal as the default interface shows it
        try:
            panel.email_button.click()
            qtbot.waitUntil(lambda: "Tulis perkembangan" in panel.message.text(), timeout=5000)
        finally:
            i18n.install(QApplication.instance(), "en")
        panel.message.clear()
        panel.email_button.click()
        qtbot.waitUntil(lambda: "Write the progress" in panel.message.text(), timeout=5000)
        panel.show_item(None)
        assert panel.isHidden()
        with ui_db.session() as s:
            rows = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "escalation")).all()
            assert [(r.payload["target"], r.payload["note"]) for r in rows] == \
                [("backend", "Mohon percepatan, link kantor pusat")]
    finally:
        runtime.stop()
