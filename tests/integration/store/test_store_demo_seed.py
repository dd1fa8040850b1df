"""The demo data: realistic, complete enough for every screen, and never over real data."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.domain.phone import normalize
from app.store.demo_seed import seed_bulk_prospects, seed_demo
from app.store.models import CallAttempt, Customer, Phone, Result, Ticket, User, WorkItem
from app.store.queue import WorkQueue

from .conftest import NOW


def count(s, model, *where):
    return s.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_seed_fills_prospects_tickets_and_todays_history(database):
    assert seed_demo(database, NOW) is True
    with database.session() as s:
        roles = dict(s.execute(select(User.username, User.role)).all())
        assert {roles[f"agent{i}"] for i in range(1, 5)} == {"agent"}
        assert (roles["tier2a"], roles["tl1"], roles["qc1"], roles["admin"]) == \
            ("tier2", "team_leader", "qc", "admin")
        programs = dict(s.execute(select(WorkItem.program, func.count()).group_by(WorkItem.program)).all())
        assert programs["CT0"] + programs["PRANPC"] >= 200 and programs["CT0"] > 50 < programs["PRANPC"]
        assert programs["TIER2"] >= 18
        accounts = s.scalars(select(Customer.account_number)).all()
        assert all(re.fullmatch(r"1223\d{8}", a) for a in accounts)
        assert sum(a.endswith("0000") for a in accounts) == 2
        assert set(s.scalars(select(Customer.region))) == {"WIB", "WITA", "WIT"}
        for e164 in s.scalars(select(Phone.e164)):
            assert normalize(e164).e164 == e164            # every number is a valid Indonesian one
        assert {n[:4] == "+628" for n in s.scalars(select(Phone.e164))} == {True, False}
        tickets = s.scalars(select(Ticket)).all()
        assert {t.ticket_type for t in tickets} == {"repaired_fault", "hard_complaint", "super_emergency",
                                                    "buzzer", "buzzer_visit"}
        assert {t.service for t in tickets} == {"INDIHOME", "POTS", "DATIN"}
        assert {t.work_item.customer.segment for t in tickets} == {"DCS", "DBS", "DGS", "DES"}
        assert all(t.rfo_cause and t.rfo_repair for t in tickets)
        assert 1 <= count(s, Ticket, Ticket.escort_tl_id.is_not(None)) <= 3
        arrears = s.execute(select(WorkItem.program, WorkItem.arrears_months, WorkItem.arrears_amount)
                            .where(WorkItem.program != "TIER2")).all()
        assert all(m in ((1, 2) if p == "PRANPC" else (2, 3)) and 150_000 <= a <= 1_500_000
                   for p, m, a in arrears)
        # This morning's history for the dashboard
        assert count(s, CallAttempt, CallAttempt.started_at <= NOW,
                     CallAttempt.started_at > NOW - timedelta(hours=12)) >= 30
        reasons = set(s.scalars(select(Result.reason_code)))
        assert {"CT-AGR", "NC-RNA", "NC-BSY", "CT-PAID"} <= reasons
        agree = s.scalars(select(Result).where(Result.reason_code == "CT-AGR")).all()
        assert agree and all(r.qc_status == "pending" and r.promise_date and r.promise_amount for r in agree)
        returned = s.execute(select(WorkItem.id, WorkItem.assigned_agent_id)
                             .where(WorkItem.state == "returned")).all()
    assert returned, "the TL's returns give the desk a returned item to show"
    item_id, agent = returned[0]
    mine = {i for i, a in returned if a == agent}
    assert WorkQueue(database).claim_next(agent, NOW, {"WIB", "WITA", "WIT"}, {"CT0", "PRANPC"}) in mine


def test_demo_seed_does_nothing_when_users_exist(database):
    assert seed_demo(database, NOW, n_prospects=30) is True
    with database.session() as s:
        before = count(s, WorkItem)
    assert seed_demo(database, NOW, n_prospects=30) is False
    with database.session() as s:
        assert count(s, WorkItem) == before


def test_bulk_prospects_are_paged_by_the_queue(database):
    seed_demo(database, NOW, n_prospects=10)
    assert seed_bulk_prospects(database, 3000, batch=1000) == 3000
    with database.session() as s:
        agent = s.scalar(select(User.id).where(User.username == "agent2"))
        assert count(s, WorkItem) == 3000 + 10 + 20
    queue = WorkQueue(database)
    page = queue.list_page(agent, NOW + timedelta(days=1), offset=200, limit=100)
    assert len(page) == 100 and all(r.phone_e164 for r in page)
    assert queue.count(agent, NOW + timedelta(days=1)) >= 3000
    with database.session() as s:     # ids allocated after a bulk insert do not collide
        s.add(Customer(account_number="122312345678", name="Baru Setelah Bulk"))
