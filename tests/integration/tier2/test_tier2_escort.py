"""Hard complaints routed by segment (rules 7, 11); super emergency and the TL's 3-promise-ticket limit
(rules 8, 9); who may do what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.desk.desk import Desk
from app.domain.roles import PermissionDenied
from app.domain.tier2 import EscortLimitReached
from app.store.models import AuditEntry, OutboxMessage, Ticket, WorkItem
from app.core.tier2.escalation import Tier2Error, assign_escort, escort_load, mark_hard_complaint, set_super_emergency

# The escort limit takes row locks on PostgreSQL: those tests run on both back-ends, the rest on SQLite.
SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_any_one_criterion_marks_hard_complaint_and_dcs_is_routed_to_dcs_unit_and_escalated(
        database, make_ctx, t2world):
    ctx = make_ctx()
    Desk(ctx).claim(t2world["dcs"])
    outcome = mark_hard_complaint(ctx, t2world["dcs"], {"abusive_language": True})
    assert outcome.hard_complaint and outcome.reasons == ("berkata kasar",)
    assert (outcome.routing.unit, outcome.routing.escalate) == ("DCS", True)
    with database.session() as s:
        ticket = s.get(Ticket, t2world["dcs_ticket"])
        assert ticket.hard_complaint and ticket.routed_to == "unit DCS; eskalasi"
        assert ticket.hard_complaint_criteria["abusive_language"] is True
        assert ticket.hard_complaint_criteria["escalated"] is True
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "tier2.hard_complaint")).one()
        assert audit.target == "ticket:IN100000004" and audit.user_id == t2world["t2.ayu"]


@SQLITE_ONLY
def test_des_and_dbs_hard_complaints_are_handled_here_without_escalation(database, make_ctx, t2world):
    ctx = make_ctx()
    for key in ("datin", "dbs"):
        Desk(ctx).claim(t2world[key])
        outcome = mark_hard_complaint(ctx, t2world[key], {"repeat_reports": 3})
        assert outcome.hard_complaint and outcome.reasons == ("lapor ulang 3 kali",)
        assert not outcome.routing.escalate and outcome.routing.unit is None
        Desk(ctx).release(t2world[key])


@SQLITE_ONLY
def test_no_criterion_ticked_is_not_a_hard_complaint_and_unticking_clears_it(database, make_ctx, t2world):
    ctx = make_ctx()
    Desk(ctx).claim(t2world["dcs"])
    mark_hard_complaint(ctx, t2world["dcs"], {"asks_supervisor": True})
    outcome = mark_hard_complaint(ctx, t2world["dcs"], {"repeat_reports": 2})
    assert not outcome.hard_complaint
    with database.session() as s:
        ticket = s.get(Ticket, t2world["dcs_ticket"])
        assert (ticket.hard_complaint, ticket.routed_to) == (False, None)


@SQLITE_ONLY
def test_hard_complaint_on_a_ticket_someone_else_works_is_refused(make_ctx, t2world):
    with pytest.raises(Tier2Error, match="tidak sedang Anda kerjakan"):
        mark_hard_complaint(make_ctx(), t2world["dcs"], {"abusive_language": True})


def test_tl_escorts_at_most_three_promise_tickets_and_the_fourth_is_refused_with_a_clear_message(
        database, make_ctx, t2world):
    tl = make_ctx("tl.rina")
    for key in ("datin", "indihome", "pots"):
        set_super_emergency(tl, t2world[f"{key}_ticket"])
    assert [t.ticket_number for t in escort_load(tl, t2world["tl.rina"])] == \
        ["IN100000001", "IN100000002", "IN100000003"]
    with pytest.raises(EscortLimitReached) as refused:
        set_super_emergency(tl, t2world["dcs_ticket"])
    assert "sudah mengawal 3 tiket janji (maksimal 3" in str(refused.value)
    with database.session() as s:
        assert s.get(Ticket, t2world["dcs_ticket"]).ticket_type == "repaired_fault", "nothing written"
        status_rows = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "mycx_status")).all()
        assert [(m.payload["ticket_id"], m.payload["status"], m.payload["by"]) for m in status_rows] == \
            [(f"IN10000000{i}", "super_emergency", "tl.rina") for i in (1, 2, 3)]
        assert s.get(WorkItem, t2world["pots"]).priority == 1, "super emergency is called first"
    # Re-setting a ticket the TL already escorts does not count twice; another TL still has room.
    set_super_emergency(tl, t2world["datin_ticket"])
    assign_escort(tl, t2world["dcs_ticket"], t2world["tl.hendra"])
    assert set_super_emergency(tl, t2world["dcs_ticket"]).escort_tl == "Hendra Gunawan"
    with pytest.raises(EscortLimitReached):        # handing Hendra's promise ticket to Rina: her 4th
        assign_escort(tl, t2world["dcs_ticket"], t2world["tl.rina"])


def test_a_closed_promise_ticket_frees_the_tls_slot(database, make_ctx, t2world):
    tl = make_ctx("tl.rina")
    for key in ("datin", "indihome", "pots"):
        set_super_emergency(tl, t2world[f"{key}_ticket"])
    with database.session() as s:
        s.get(Ticket, t2world["pots_ticket"]).status = "closed"
    assert len(escort_load(tl, t2world["tl.rina"])) == 2
    set_super_emergency(tl, t2world["dcs_ticket"])


@SQLITE_ONLY
@pytest.mark.parametrize("username", ["t2.ayu", "agent1"])
def test_agents_cannot_set_super_emergency(database, make_ctx, t2world, username):
    with pytest.raises(PermissionDenied, match="super emergency"):
        set_super_emergency(make_ctx(username), t2world["datin_ticket"])
    with database.session() as s:
        assert s.scalar(select(OutboxMessage.id)) is None
