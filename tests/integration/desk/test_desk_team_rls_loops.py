"""What the desks of issues 16-17 do, on a team's PostgreSQL with each person as their own role and
RLS on: an agent adds the number a customer gives, flags a hard complaint and files a fault ticket
during the call; a Tier-2 agent marks a ticket a hard complaint (the item becomes more urgent);
Support HC sees and forwards the cases; a team leader sets a super emergency (the escort lock needs
no right on `users`); and another agent reads none of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.desk import Desk
from app.core.desk.fault_ticket import fault_tickets_of, file_fault_ticket
from app.core.desk.hard_complaint import flag_hard_complaint
from app.core.desk.my_day import my_day
from app.core.supporthc.cases import case_page, forward_case
from app.core.tier2.escalation import mark_hard_complaint, set_super_emergency
from app.store.models import Customer, OutboxMessage, Phone, Ticket, User, WorkItem
from tests.integration.desk.test_desk_team_rls import login

pytestmark = pytest.mark.postgres

FAULT = {"fault_product_id": "122300000011", "fault_reporter_name": "Pelanggan 1",
         "fault_reporter_phone": "081234560001", "fault_email": "p1@example.id",
         "fault_symptom": "internet mati", "fault_description": "Lampu LOS merah sejak pagi"}


@pytest.fixture(scope="module")
def site(team_site):
    for short, role, team in (("ag1", "agent", "Tim A"), ("ag2", "agent", "Tim A"), ("t2", "tier2", "Tim A"),
                              ("tl", "team_leader", "Tim A"), ("hc", "support_hc", None)):
        team_site.add_user(short, role, team)
    db = team_site.owner_database()
    ids = {}
    with db.session() as s:
        team_a = s.scalar(select(User.team_id).where(User.id == team_site.ids["ag1"]))
        for key, program, segment in (("ct0", "CT0", "DCS"), ("t2a", "TIER2", "DCS"), ("t2b", "TIER2", "DBS")):
            c = Customer(account_number=f"1223{len(ids):04d}00011", name=f"Pelanggan {key}", region="WIB",
                         segment=segment)
            c.phones = [Phone(e164=f"+62812345{len(ids):05d}")]
            s.add(c)
            s.flush()
            w = WorkItem(customer_id=c.id, program=program, priority=50, team_id=team_a,
                         arrears_amount=Decimal("385000"), arrears_months=2)
            s.add(w)
            s.flush()
            ids[key], ids[f"{key}_phone"] = w.id, c.phones[0].id
            if program == "TIER2":
                t = Ticket(work_item_id=w.id, ticket_number=f"IN9{w.id:08d}", ticket_type="repaired_fault",
                           service="INDIHOME")
                s.add(t)
                s.flush()
                ids[f"{key}_ticket"] = t.id
    db.dispose()
    team_site.world = ids
    return team_site


def test_an_agents_hard_complaint_fault_ticket_and_new_number_under_rls(site):
    w = site.world
    agent, other, hc = login(site, "ag1"), login(site, "ag2"), login(site, "hc")
    try:
        desk = Desk(agent)
        assert desk.claim(w["ct0"])
        phone_id = desk.add_phone(w["ct0"], "081298765432")
        assert phone_id and phone_id != w["ct0_phone"]
        flagged = flag_hard_complaint(agent, w["ct0"], {"abusive_language": True}, "Berkata kasar ke agen")
        again = flag_hard_complaint(agent, w["ct0"], {"abusive_language": True, "asks_supervisor": True})
        assert again.case_reference == flagged.case_reference, "flagging again updates the one case"
        started = desk.start_attempt(w["ct0"], phone_id)
        filed = file_fault_ticket(agent, w["ct0"], FAULT)
        assert [f.report_id for f in fault_tickets_of(agent, w["ct0"])] == [filed.report_id]
        with agent.database.session() as s:
            mine = s.scalars(select(OutboxMessage.destination).where(OutboxMessage.result_id.is_(None))).all()
            assert {"sephia", "mycx_ticket"} <= set(mine), "the agent reads the messages it queued"
            authors = set(s.scalars(select(OutboxMessage.created_by_id).where(OutboxMessage.result_id.is_(None))))
            assert authors == {site.ids["ag1"]}, "the database names the author"
        desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                            talk_seconds=90, recording_path=None, recording_error=None, suggested_reason=None)
        saved = desk.save_result(w["ct0"], started.attempt_id, "CT-CMP", {}, "Gangguan dilaporkan")
        assert saved.result_id
        day = my_day(agent)                     # the agent's own day, read under RLS
        assert (day.figures.calls, day.figures.results) == (1, 1)
        assert my_day(other).figures.calls == 0, "the other agent's day counts only their own calls"

        # Another agent of the same team sees none of it, neither through Sambung nor through psql.
        with other.database.session() as s:
            assert s.scalars(select(OutboxMessage.id).where(OutboxMessage.result_id.is_(None))).all() == []
        seen = site.psql("ag2", "SELECT count(*) FROM support_cases; SELECT count(*) FROM fault_reports")
        assert seen.returncode == 0 and seen.stdout.split() == ["0", "0"], seen.stderr
        forged = site.psql("ag2", "INSERT INTO outbox (destination, payload, idempotency_key, status, attempts, "
                                  "next_attempt_at, created_at) VALUES ('mycx', '{}', 'x1', 'pending', 0, now(), "
                                  f"now()) RETURNING created_by_id")
        assert forged.returncode == 0 and forged.stdout.strip() == str(site.ids["ag2"]), \
            "a message without a result is always its author's"
        refused = site.psql("ag2", "UPDATE support_cases SET status = 'closed'")
        assert refused.returncode == 0 and refused.stdout.strip() == "", "no row of another's case to touch"

        # Support HC sees the case and forwards it.
        rows, total = case_page(hc)
        case = next(r for r in rows if r.reference == flagged.case_reference)
        forwarded = forward_case(hc, case.case_id, "tial_reg", "Mohon percepatan")
        assert forwarded.status == "forwarded"
        with hc.database.session() as s:
            assert s.scalar(select(OutboxMessage.destination).where(OutboxMessage.created_by_id == site.ids["hc"])) \
                == "escalation"
        denied = site.psql("hc", "UPDATE work_items SET priority = 1")
        assert denied.returncode != 0 and "permission denied" in denied.stderr
    finally:
        for ctx in (agent, other, hc):
            ctx.database.dispose()


def test_tier2_hard_complaint_and_a_team_leaders_super_emergency_under_rls(site):
    w = site.world
    t2, tl, hc = login(site, "t2"), login(site, "tl"), login(site, "hc")
    try:
        assert Desk(t2).claim(w["t2a"])
        outcome = mark_hard_complaint(t2, w["t2a"], {"threat_cancel_or_media": True})
        assert outcome.hard_complaint
        with t2.database.session() as s:
            assert s.get(WorkItem, w["t2a"]).priority < 50, "a hard complaint makes the item more urgent"
            assert s.get(Ticket, w["t2a_ticket"]).routed_to
        demoted = site.psql("t2", f"UPDATE work_items SET priority = 99 WHERE id = {w['t2a']}")
        assert demoted.returncode != 0 and "menolak" in demoted.stderr, "never less urgent"

        escorted = set_super_emergency(tl, w["t2b_ticket"], "Link kantor pusat mati")
        assert escorted.ticket_number == f"IN9{w['t2b']:08d}"
        with tl.database.session() as s:
            assert s.scalar(select(Ticket.ticket_type).where(Ticket.id == w["t2b_ticket"])) == "super_emergency"
        kinds = {r.kind for r in case_page(hc)[0]}
        assert {"hard_complaint", "super_emergency"} <= kinds
    finally:
        for ctx in (t2, tl, hc):
            ctx.database.dispose()
