"""Collection-desk loops through real HTTP (the stand-in failing 30% of requests): every call's reason
reaches CWC and Nonatero as well as MyCX and TAMARA (P-01 8.1 step 6, 11.6), a bill dispute is escalated
to billing, a collection agent's hard complaint reaches Sephia (and the DCS unit), the fault ticket filed
during the call gets its MyCX number before the wrap-up and is not sent twice (W-08 1.2.6), and dapros
pulled from MyCX are checked against the program definition and their picks told to MyCX (P-01 5.1, 6.1-6.2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.context import AppContext, CurrentUser
from app.core.desk.desk import Desk
from app.core.desk.fault_ticket import fault_ticket_state, file_fault_ticket
from app.core.desk.hard_complaint import flag_hard_complaint
from app.core.desk.errors import ResultInvalid
from app.core.supervision.dapros_pull import pull_dapros
from app.domain.reasons import ReasonCatalogue
from app.platform.secrets import set_secret
from app.services.mycx import MyCXClient
from app.services.standin import StandinServer
from app.store.models import FaultReport, OutboxMessage, User, WorkItem
from tests.integration.loops import deliver_under_faults, loop_settings, once_each

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # HTTP loops; SQL covered elsewhere

FAULT = {"fault_product_id": "122300000011", "fault_reporter_name": "Pelanggan 1",
         "fault_reporter_phone": "081234560001", "fault_email": "p1@example.id",
         "fault_symptom": "internet mati", "fault_description": "Lampu LOS merah sejak pagi"}


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=5, token="desk-loops-token").start()
    set_secret("api_token", server.token)
    yield server
    server.stop()


@pytest.fixture
def agent(make_ctx, standin):
    ctx = make_ctx("agent1")
    ctx.settings = loop_settings(standin)
    return ctx


def call(desk: Desk, item: int, phone: int, code: str, fields=None, notes: str = ""):
    assert desk.claim(item)
    started = desk.start_attempt(item, phone)
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=3.0,
                        talk_seconds=40.0, recording_path=None, recording_error=None, suggested_reason=None)
    return desk.save_result(item, started.attempt_id, code, fields or {}, notes)


def destinations(database) -> list[str]:
    with database.session() as s:
        return sorted(s.scalars(select(OutboxMessage.destination)))


def test_every_call_reason_reaches_cwc_and_nonatero_as_well_as_mycx_and_tamara(database, agent, world,
                                                                               standin):
    call(Desk(agent), world["item2"], world["phone2"], "CT-AGR",
         {"promise_date": "2026-11-30", "promise_amount": "385000"})
    assert destinations(database) == ["cwc", "mycx", "nonatero", "tamara"]
    statuses = deliver_under_faults(database, agent.settings, standin)
    assert statuses == {"delivered": 4}
    bodies = {}
    for d in ("cwc", "mycx", "nonatero", "tamara"):
        assert once_each(standin.received(d)), d
        bodies[d] = standin.received(d)[0]["body"]
    assert bodies["cwc"] == bodies["mycx"] == bodies["nonatero"] == bodies["tamara"]
    assert bodies["cwc"]["reason_code"] == "CT-AGR" and bodies["cwc"]["result_id"].endswith("-r1")


def test_a_site_without_cwc_or_nonatero_writes_only_mycx_and_tamara(database, make_ctx, world):
    call(Desk(make_ctx("agent1")), world["item2"], world["phone2"], "CT-RTP")
    assert destinations(database) == ["mycx", "tamara"]


def test_a_bill_dispute_is_escalated_to_billing(database, agent, world, standin):
    call(Desk(agent), world["item2"], world["phone2"], "CT-DSP", notes="Tagihan Oktober dobel")
    deliver_under_faults(database, agent.settings, standin)
    escalations = standin.received("escalation")
    assert once_each(escalations)
    assert [(e["body"]["target"], e["body"]["note"]) for e in escalations] == [("billing", "Tagihan Oktober dobel")]


def test_a_collection_agent_flags_a_hard_complaint_once_to_sephia_and_dcs_to_its_unit(database, agent, world,
                                                                                      standin):
    desk = Desk(agent)
    assert desk.claim(world["item1"])
    first = flag_hard_complaint(agent, world["item1"], {"abusive_language": True}, "Berkata kasar ke agen")
    again = flag_hard_complaint(agent, world["item1"], {"abusive_language": True, "asks_supervisor": True})
    assert first.hard_complaint and first.new_report and first.escalated, "a DCS customer: escalated too"
    assert not again.new_report and again.case_reference == first.case_reference
    assert again.met == ("berkata kasar", "menolak agen / minta atasan")
    deliver_under_faults(database, agent.settings, standin)
    reports = standin.received("sephia")
    assert once_each(reports) and len(reports) == 1
    assert (reports[0]["body"]["source"], reports[0]["body"]["case_id"]) == ("call", first.case_reference)
    assert [e["body"]["target"] for e in standin.received("escalation")] == ["dcs_unit"]
    with pytest.raises(Exception, match="tidak sedang Anda kerjakan"):
        flag_hard_complaint(agent, world["item2"], {"abusive_language": True})


def test_the_fault_ticket_filed_during_the_call_gets_its_number_and_is_not_sent_twice(database, agent, world,
                                                                                      standin):
    desk = Desk(agent)
    assert desk.claim(world["item1"])
    started = desk.start_attempt(world["item1"], world["phone1"])
    with pytest.raises(ResultInvalid) as bad:
        file_fault_ticket(agent, world["item1"], dict(FAULT, fault_reporter_phone="12"))
    assert "fault_reporter_phone" in bad.value.errors
    filed = file_fault_ticket(agent, world["item1"], FAULT)
    assert (filed.status, filed.ticket_number) == ("queued", None), "menunggu: MyCX has not answered yet"
    deliver_under_faults(database, agent.settings, standin)
    told = fault_ticket_state(agent, filed.report_id)
    created = standin.received("mycx_ticket")
    assert once_each(created) and told.status == "created"
    assert told.ticket_number == created[0]["answer"]["ticket_number"] and told.ticket_number.startswith("IN")
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                        talk_seconds=90, recording_path=None, recording_error=None, suggested_reason=None)
    saved = desk.save_result(world["item1"], started.attempt_id, "CT-CMP", {}, "Gangguan dilaporkan")
    with database.session() as s:
        assert s.scalar(select(FaultReport.result_id)) == saved.result_id
        tickets = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "mycx_ticket")).all()
        assert len(tickets) == 1 and tickets[0].result_id == saved.result_id, "linked, not sent again"


def test_dapros_pulled_from_mycx_are_checked_against_the_program_and_picks_reach_mycx(database, make_ctx, world,
                                                                                      standin, clock):
    with database.session() as s:
        tl = User(username="tl.pull", full_name="TL Pull", role="team_leader")
        s.add(tl)
        s.flush()
        tl_id = tl.id
    settings = loop_settings(standin)
    tl_ctx = AppContext(database=database, settings=settings, clock=clock, catalogue=ReasonCatalogue.default(),
                        user=CurrentUser(tl_id, "tl.pull", "TL Pull", "team_leader", None))
    client = MyCXClient.from_settings(settings)
    try:
        pulled = pull_dapros(tl_ctx, "CT0", client, page_size=50)
    finally:
        client.close()
    offered = standin.catalogue.dapros("CT0")
    outside = [p for p in offered if p["arrears_months"] != 2]
    assert pulled.offered == len(offered) == 120
    assert pulled.outside_program == len(outside) > 0, "CT-0 is N+2 only (P-01 6.1)"
    assert pulled.imported == len(offered) - len(outside)
    assert any("tidak sesuai program CT0" in m for m in pulled.messages)
    with database.session() as s:
        item_id = s.scalar(select(WorkItem.id).where(WorkItem.source == "mycx:CT0").order_by(WorkItem.id).limit(1))
        account = s.get(WorkItem, item_id).customer.account_number
    agent = make_ctx("agent1")
    agent.settings = settings
    assert Desk(agent).claim(item_id)
    deliver_under_faults(database, settings, standin)
    picks = standin.received("mycx_pick")
    assert once_each(picks)
    assert [(p["body"]["account_number"], p["body"]["agent"], p["body"]["program"]) for p in picks] == \
        [(account, "agent1", "CT0")]


def test_sambung_dapros_pull_from_the_command_line(database, world, standin, capsys, monkeypatch):
    import json
    import os
    from app.cli import main
    from tests.fixtures.passwords import TEST_PASSWORD, give_passwords
    with database.session() as s:
        s.add(User(username="tl.cli", full_name="TL CLI", role="team_leader"))
        s.add(User(username="agen.cli", full_name="Agen CLI", role="agent"))
    give_passwords(database, "tl.cli", "agen.cli")
    monkeypatch.setenv("SAMBUNG_PASSWORD", TEST_PASSWORD)
    with open(os.environ["SAMBUNG_SITE_FILE"], "w", encoding="utf-8") as fh:
        json.dump({"api": {"mycx_url": standin.url}}, fh)
    code = main(["--db", database.url, "dapros", "pull", "--program", "PRANPC", "--user", "tl.cli"])
    out = capsys.readouterr()
    assert code == 1, out.err                      # some of MyCX's batch lies outside PRANPC: refused, listed
    assert "MyCX PRANPC: 120 prospek" in out.out and "di luar definisi program" in out.out
    assert main(["--db", database.url, "dapros", "pull", "--program", "CT0", "--user", "agen.cli"]) == 3
