"""The whole loop on a team's PostgreSQL, each person connected as their own role with RLS on:
an agent calls and saves an agree, another agent's desktop delivers it without being able to
read it, the team leader returns it, the agent re-inputs it (the database supersedes the old
revision), QC approves the new one."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.context import AppContext
from app.core.desk import Desk
from app.core.identity import LoginThrottle, sign_in_team
from app.core.supervision.qc import qc_approve, qc_queue
from app.domain.qc_listening import Listening
from app.core.supervision.review import list_results, return_result
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.platform.config import Settings
from app.services.destinations import senders_from_settings
from app.services.outbox_worker import OutboxWorker
from app.store.models import Customer, OutboxMessage, Phone, Result, WorkItem
from tests.fixtures.world import DAYTIME

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def site(team_site):
    for short, role, team in (("ag1", "agent", "Tim A"), ("ag2", "agent", "Tim A"), ("tl", "team_leader", "Tim A"),
                              ("qc", "qc", None)):
        team_site.add_user(short, role, team)
    db = team_site.owner_database()
    with db.session() as s:
        team_a = s.scalar(select(WorkItem.team_id).limit(1))   # none yet: read the team from a user
        from app.store.models import User
        team_a = s.scalar(select(User.team_id).where(User.id == team_site.ids["ag1"]))
        ids = {}
        for i in (1, 2):
            c = Customer(account_number=f"12230000{i:04d}1", name=f"Pelanggan {i}", region="WIB")
            c.phones = [Phone(e164=f"+628123456{i:04d}")]
            s.add(c)
            s.flush()
            w = WorkItem(customer_id=c.id, program="CT0", priority=i, team_id=team_a,
                         arrears_amount=Decimal("385000"), arrears_months=2)
            s.add(w)
            s.flush()
            ids[f"item{i}"], ids[f"phone{i}"] = w.id, c.phones[0].id
    db.dispose()
    team_site.world = ids
    return team_site


def login(site, short: str, settings: Settings | None = None) -> AppContext:
    database, user = sign_in_team(site.url, site.name(short), site.passwords[short], DAYTIME, LoginThrottle())
    return AppContext(database=database, settings=settings or Settings(), clock=FrozenClock(DAYTIME),
                      catalogue=ReasonCatalogue.default(), user=user)


def test_agree_delivered_by_another_desktop_returned_reinput_and_approved_under_rls(site, standin):
    settings = Settings()
    for key in ("mycx_url", "tamara_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    agent, other, tl, qc = (login(site, "ag1", settings), login(site, "ag2", settings), login(site, "tl"),
                            login(site, "qc"))
    try:
        desk = Desk(agent)
        item_id = desk.claim_next()
        assert item_id == site.world["item1"]
        assert desk.card(item_id).name == "Pelanggan 1"
        started = desk.start_attempt(item_id, site.world["phone1"])
        desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                            talk_seconds=60, recording_path=None, recording_error=None, suggested_reason=None)
        promise = (DAYTIME + timedelta(days=2)).date().isoformat()
        saved = desk.save_result(item_id, started.attempt_id, "CT-AGR",
                                 {"promise_date": promise, "promise_amount": "385000"})

        # Another agent's desktop delivers it, yet cannot read it.
        with other.database.session() as s:
            assert s.scalars(select(Result)).all() == []
            assert s.scalars(select(OutboxMessage)).all() == []
        worker = OutboxWorker(other.database, senders_from_settings(settings), clock=other.clock)
        worker.deliver_once()
        with agent.database.session() as s:
            states = {m.destination: m.status for m in s.scalars(select(OutboxMessage))}
        assert states == {"mycx": "delivered", "tamara": "delivered"}
        assert len(standin.received("mycx")) == 1

        # The team leader sees it and returns it; the agent re-inputs it.
        rows, total = list_results(tl)
        assert total == 1 and rows[0].id == saved.result_id
        return_result(tl, saved.result_id, "Nominal janji salah")
        assert desk.claim_next() == item_id
        card = desk.card(item_id)
        assert card.returned_result is not None and card.returned_result.result_id == saved.result_id
        again = desk.save_result(item_id, started.attempt_id, "CT-AGR",
                                 {"promise_date": promise, "promise_amount": "300000"})
        with agent.database.session() as s:
            old, new = s.get(Result, saved.result_id), s.get(Result, again.result_id)
            assert (old.is_current, new.is_current, new.revision, new.supersedes_id) == \
                (False, True, 2, saved.result_id)

        # QC approves the new revision.
        queue, _total = qc_queue(qc)
        assert [q.result_id for q in queue] == [again.result_id]
        # Every checklist item scored; no recording on this desk, so QC says why it was not heard.
        full = {"opening": True, "verification": True, "bill_info": True, "promise_confirmed": True,
                "empathy": 5, "closing": True}
        qc_approve(qc, again.result_id, full, "ok", listening=Listening(reason="tanpa rekaman di uji ini"))
        with agent.database.session() as s:
            assert s.get(Result, again.result_id).qc_status == "approved"
    finally:
        for ctx in (agent, other, tl, qc):
            ctx.database.dispose()


def test_a_team_leaders_import_goes_to_their_team_under_rls(site, tmp_path):
    from app.core.supervision.imports import DaprosImport
    from tests.integration.files.dapros_factory import dapros_rows, write_csv
    site.add_user("agb", "agent", "Tim B")
    tl, agent_a, agent_b = login(site, "tl"), login(site, "ag2"), login(site, "agb")
    try:
        importer = DaprosImport.for_context(tl)
        plan = importer.analyse(write_csv(tmp_path / "d.csv", dapros_rows(5)), "CT0")
        counts = importer.commit(plan)
        assert counts.imported == 5, counts.message
        with agent_a.database.session() as s:
            mine = s.scalars(select(WorkItem).where(WorkItem.source == plan.source)).all()
            assert len(mine) == 5 and {w.team_id for w in mine} == {tl.user.team_id}
        with agent_b.database.session() as s:
            assert s.scalars(select(WorkItem).where(WorkItem.source == plan.source)).all() == []
            assert s.scalars(select(Customer)).all() == []
    finally:
        for ctx in (tl, agent_a, agent_b):
            ctx.database.dispose()
