"""Support HC (W-24) through real HTTP, the stand-in failing 30% of requests: a hard complaint flagged
at a desk is pulled back from Sephia with its number, forwarded to TIAL REG, and its progress reaches the
Callback app; a TL's super emergency lands in Support HC's queue and its progress feeds the TL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.desk.desk import Desk
from app.core.desk.hard_complaint import flag_hard_complaint
from app.core.supporthc.cases import CaseError, case_page, forward_case, pull_from_sephia, record_progress
from app.core.tier2.escalation import set_super_emergency
from app.domain.roles import PermissionDenied
from app.platform.secrets import set_secret
from app.services.sephia import SephiaClient
from app.services.standin import StandinServer
from app.store.models import SupportCase, Ticket
from tests.integration.loops import deliver_under_faults, loop_settings, once_each

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # HTTP loops; SQL covered elsewhere


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=3, token="hc-token-12345").start()
    set_secret("api_token", server.token)
    yield server
    server.stop()


def pull(ctx):
    client = SephiaClient.from_settings(ctx.settings)
    try:
        return pull_from_sephia(ctx, client, page_size=10)
    finally:
        client.close()


def test_a_flagged_hard_complaint_is_pulled_forwarded_and_its_progress_reaches_the_callback_app(
        database, make_ctx, hcworld, standin):
    settings = loop_settings(standin)
    agent, hc = make_ctx("t2.ayu", settings), make_ctx("hc.dewi", settings)
    assert Desk(agent).claim(hcworld["dcs"])
    flagged = flag_hard_complaint(agent, hcworld["dcs"], {"threat_cancel_or_media": True}, "Ancam lapor media")
    deliver_under_faults(database, settings, standin)
    assert once_each(standin.received("sephia"))
    summary = pull(hc)
    seeded = [t for t in standin.catalogue.tickets() if t["ticket_type"] == "hard_complaint"]
    assert (summary.new, summary.updated) == (len(seeded), 1), "Sephia's own complaints join the queue"
    rows, total = case_page(hc)
    assert total == 1 + len(seeded)
    mine = next(r for r in rows if r.reference == flagged.case_reference)
    assert mine.sephia_id == standin.received("sephia")[0]["answer"]["sephia_id"]
    assert mine.ticket_number == "IN100000004" and mine.criteria == ("mengancam berhenti berlangganan / ke media",)
    forwarded = forward_case(hc, mine.case_id, "tial_reg", "Mohon percepatan")
    assert forwarded.status == "forwarded" and "Diteruskan ke TIAL REG" in forwarded.progress
    progressed = record_progress(hc, mine.case_id, "Teknisi ganti ONT, pelanggan sudah normal")
    assert progressed.status == "in_progress"
    deliver_under_faults(database, settings, standin)
    escalations = standin.received("escalation")
    assert once_each(escalations)
    assert sorted(e["body"]["target"] for e in escalations) == ["dcs_unit", "tial_reg"]
    progress = standin.received("callback_progress")
    assert once_each(progress) and [(p["path"], p["body"]["case_id"]) for p in progress] == \
        [("/callback/v1/tickets/IN100000004/progress", flagged.case_reference)]
    with database.session() as s:
        assert "Teknisi ganti ONT" in s.get(Ticket, hcworld["dcs_ticket"]).progress_notes, "the ticket shows it"
    again = pull(hc)
    assert again.new == 0, "a second pull adds nothing"
    assert "tial_reg" in next(r for r in case_page(hc)[0] if r.case_id == mine.case_id).progress


def test_a_super_emergency_reaches_support_hc_and_its_progress_feeds_the_escort_tl(database, make_ctx, hcworld,
                                                                                   standin):
    settings = loop_settings(standin)
    tl, hc = make_ctx("tl.rina", settings), make_ctx("hc.dewi", settings)
    set_super_emergency(tl, hcworld["datin_ticket"], "Link kantor pusat mati")
    rows, _ = case_page(hc)
    case = next(r for r in rows if r.kind == "super_emergency")
    assert case.ticket_number == "IN100000001" and case.source == "tl"
    forward_case(hc, case.case_id, "c4")
    record_progress(hc, case.case_id, "Kabel feeder disambung, menunggu uji link", close=True)
    deliver_under_faults(database, settings, standin)
    escalations = standin.received("escalation")
    assert once_each(escalations)
    assert sorted(e["body"]["target"] for e in escalations) == ["c4", "team_leader"]
    tl_note = next(e["body"] for e in escalations if e["body"]["target"] == "team_leader")
    assert "Rina Wulandari" in tl_note["reason"] and "Kabel feeder" in tl_note["note"]
    assert [p["body"]["text"] for p in standin.received("callback_progress")] == \
        ["Kabel feeder disambung, menunggu uji link"]
    assert standin.received("sephia") == [], "a promise ticket is not a Sephia hard complaint"
    with database.session() as s:
        assert s.get(SupportCase, case.case_id).status == "closed"
    with pytest.raises(CaseError, match="sudah ditutup"):
        record_progress(hc, case.case_id, "lagi")


def test_only_support_hc_works_the_cases(make_ctx, hcworld):
    for username in ("t2.ayu", "agent1", "tl.rina"):
        with pytest.raises(PermissionDenied):
            case_page(make_ctx(username))
    with pytest.raises(CaseError, match="TIAL REG atau C4"):
        forward_case(make_ctx("hc.dewi"), 1, "media")


def test_a_buzzer_ticket_handed_to_a_tl_reaches_support_hc_once(database, make_ctx, hcworld):
    from app.core.tier2.escalation import assign_escort
    with database.session() as s:
        s.get(Ticket, hcworld["pots_ticket"]).ticket_type = "buzzer"
    tl = make_ctx("tl.rina")
    assign_escort(tl, hcworld["pots_ticket"], hcworld["tl.hendra"])
    assign_escort(tl, hcworld["pots_ticket"], hcworld["tl.rina"])
    rows, _ = case_page(make_ctx("hc.dewi"))
    assert [(r.kind, r.ticket_number, r.source) for r in rows] == [("buzzer", "IN100000003", "tl")]
