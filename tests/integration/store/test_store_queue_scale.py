"""The queue's big-floor rules on small data, on SQLite and PostgreSQL: keyset pages,
the capped count, expiry of every held state, and plans that stay on the partial
indexes after six executions of a prepared statement."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import pytest
from sqlalchemy import text

from app.store import queue_pages
from app.store.driver_sql import DriverSQL
from app.store.models import WorkItem
from app.store.plans import generic_plan
from app.store.queue import CLAIM_SETTINGS, WorkQueue
from tests.fixtures.wire import round_trips, statements_per_run

from .conftest import NOW

ALL = {"WIB", "WITA", "WIT"}
AGENT_PROGRAMS = {"CT0", "PRANPC"}


def a_mixed_queue(build, me, other):
    """Items in every segment, of two programs, with ties in priority."""
    ids = {}
    ids["returned"] = build.item(state="returned", assigned=me, program="PRANPC")
    ids["due"] = [build.item(state="retry_later", program=p, next_attempt_at=NOW - timedelta(minutes=m))
                  for p, m in (("CT0", 5), ("PRANPC", 50), ("CT0", 20))]
    ids["new"] = [build.item(program=("CT0", "PRANPC")[i % 2], priority=(100, 50, 100)[i % 3]) for i in range(9)]
    ids["later"] = [build.item(state="pending_until", program=p, next_attempt_at=NOW + timedelta(hours=h))
                    for p, h in (("PRANPC", 3), ("CT0", 1))]
    build.item(state="done")
    build.item(assigned=other)                                   # reserved for another agent
    build.item(program="TIER2")                                  # not an agent's program
    return ids


def walk(queue, agent, page, **kw):
    rows, after = [], None
    while True:
        got = queue.list_page(agent, NOW, limit=page, after=after, **kw)
        rows.extend(got)
        if len(got) < page:
            return rows
        after = got[-1].cursor


def test_keyset_pages_walk_the_queue_in_claim_order_across_programs(database, build):
    me, other = build.agents(2)
    ids = a_mixed_queue(build, me, other)
    queue = WorkQueue(database)
    held = build.item(program="CT0", priority=999)
    assert queue.claim(me, held, NOW)
    whole = [r.item_id for r in queue.list_page(me, NOW, limit=100, programs=AGENT_PROGRAMS)]
    due_by_time = [ids["due"][1], ids["due"][2], ids["due"][0]]
    new_by_priority = sorted(ids["new"], key=lambda i: ((100, 50, 100)[(i - ids["new"][0]) % 3], i))
    assert whole == [held, ids["returned"], *due_by_time, *new_by_priority, ids["later"][1], ids["later"][0]]
    for page in (1, 2, 4):
        assert [r.item_id for r in walk(queue, me, page, programs=AGENT_PROGRAMS)] == whole
    # The old offset form still gives the same rows.
    assert [r.item_id for r in queue.list_page(me, NOW, offset=3, limit=5, programs=AGENT_PROGRAMS)] == whole[3:8]
    assert queue.count(me, NOW, programs=AGENT_PROGRAMS) == len(whole)


def test_search_pages_continue_from_their_cursor(database, build):
    (me,) = build.agents(1)
    found = [build.item(name=f"Dewi Rahma {i}", phones=(f"+62812987650{i}",)) for i in range(5)]
    build.item(name="Agus Salim", phones=("+6285711112222",))
    queue = WorkQueue(database)
    first = queue.list_page(me, NOW, search="0812 98765", limit=2)
    rest = queue.list_page(me, NOW, search="0812 98765", limit=10, after=first[-1].cursor)
    assert [r.item_id for r in first + rest] == found
    assert queue.size(me, search="rahma").value == 5


def test_size_is_exact_up_to_the_limit_and_estimated_beyond_it_on_postgresql(database, build, monkeypatch):
    (me,) = build.agents(1)
    for _ in range(6):
        build.item()
    queue = WorkQueue(database)
    assert queue.size(me) == queue_pages.QueueSize(6, False)
    monkeypatch.setattr(queue_pages, "EXACT_COUNT_LIMIT", 3)
    size = queue.size(me)
    if database.dialect == "postgresql":
        assert size.estimated and size.value >= 4
    else:
        assert size == queue_pages.QueueSize(6, False)


@pytest.mark.parametrize("held_state", ["claimed", "in_call", "wrap_up"])
def test_every_held_state_is_released_after_its_time_to_live(database, build, held_state):
    a, b = build.agents(2)
    item = build.item(state="retry_later", next_attempt_at=NOW - timedelta(hours=1))
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=20))
    assert queue.claim_next(a, NOW, ALL) == item
    for step in ("in_call", "wrap_up")[: ("claimed", "in_call", "wrap_up").index(held_state)]:
        queue.transition(item, a, step)
    assert queue.renew(a, item, NOW + timedelta(minutes=10))          # a live desk keeps it
    assert queue.expire_stale(NOW + timedelta(minutes=29)) == 0
    assert queue.claim_next(b, NOW + timedelta(minutes=29), ALL) is None
    assert queue.claim_next(b, NOW + timedelta(minutes=31), ALL) == item
    with database.session() as s:
        row = s.get(WorkItem, item)
        assert (row.state, row.claimed_by_id, row.claimed_from_state) == ("claimed", b, "retry_later")


def test_a_hold_without_expiry_lives_its_time_to_live_from_the_claim(database, build):
    # Desks before this change cleared the expiry when the call started.
    (a,) = build.agents(1)
    item = build.item()
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=20))
    queue.claim(a, item, NOW)
    queue.transition(item, a, "in_call", claim_expires_at=None)
    assert queue.expire_stale(NOW + timedelta(minutes=19)) == 0
    assert queue.expire_stale(NOW + timedelta(minutes=21)) == 1
    with database.session() as s:
        assert s.get(WorkItem, item).state == "new"


def test_team_leader_sees_held_items_and_releases_or_reassigns_them(database, build):
    a, b, c = build.agents(3)
    first, second, third = build.item(name="Siti"), build.item(name="Agus"), build.item()
    queue = WorkQueue(database)
    queue.claim(a, first, NOW)
    queue.transition(first, a, "in_call")
    queue.claim(a, second, NOW + timedelta(minutes=1))
    queue.claim(b, third, NOW + timedelta(minutes=2))
    held = queue.held()
    assert [(h.item_id, h.state, h.holder_id) for h in held] == [(first, "in_call", a), (second, "claimed", a),
                                                                  (third, "claimed", b)]
    assert held[0].customer_name == "Siti" and held[0].claimed_at == NOW
    assert not queue.force_release(first, b)                        # b does not hold it
    assert queue.force_release(first, a, assign_to=c)
    with database.session() as s:
        row = s.get(WorkItem, first)
        assert (row.state, row.claimed_by_id, row.assigned_agent_id) == ("new", None, c)
    assert first not in [r.item_id for r in queue.list_page(b, NOW)]
    assert first in [r.item_id for r in queue.list_page(c, NOW)]
    assert queue.release_all_held_by(a) == [second]                 # a deactivated
    assert [(h.item_id, h.holder_id) for h in queue.held()] == [(third, b)]


HOT_INDEXES = {
    "expire_stale.exists": "ix_work_items_held_expiry",
    "claim.probe": "ix_work_items_new",
    "claim.returned": "ix_work_items_returned",
    "claim.undated": "ix_work_items_undated",
    "claim.scheduled_due": "ix_work_items_due",
    "claim.new": "ix_work_items_new",
    "page.first": "ix_work_items_new",
    "page.new.next": "ix_work_items_new",
    "page.due.next": "ix_work_items_due",
    "search.phone": "ix_phones_e164_search",
}


def test_claims_run_statements_built_once_per_zones_and_programs(database, build):
    """Building the claim's statements cost the desk's io thread 30 ms a claim on SQLite (the window
    waiting for the interpreter lock meanwhile): every claim after the first runs the same objects."""
    (me,) = build.agents(1)
    ids = [build.item(program="CT0", priority=p) for p in (30, 10, 20, 40)]
    queue = WorkQueue(database)
    claimed = []
    ran = statements_per_run(database, lambda: claimed.append(queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS)))
    assert claimed == [ids[1], ids[2], ids[0]]
    assert ran[2] == ran[1] and ran[1], ran          # the same statement objects, none built anew


def test_preparing_claims_builds_their_statements_and_claims_nothing(database, build):
    """At login, so the first Next is as quick as the rest: on SQLite the first claim built and
    compiled its statements for 60 ms of the desk's io thread."""
    from sqlalchemy import func, select
    (me,) = build.agents(1)
    first = build.item(program="CT0", priority=10)
    queue = WorkQueue(database)
    queue.prepare_claims(me, NOW, ALL, AGENT_PROGRAMS)
    built = dict(queue._plans)
    with database.session() as s:
        assert s.scalar(select(func.count()).where(WorkItem.claimed_by_id.is_not(None))) == 0
    assert len(built) == 1
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) == first
    assert queue._plans == built and all(queue._plans[k] is built[k] for k in built)


@pytest.fixture
def pg_database(postgres_server, _pg_template):
    import os
    from app.store.db import Database
    name = f"plans{os.getpid()}_{id(object())}"
    db = Database(postgres_server.create_database(name, template=_pg_template))
    yield db
    db.dispose()
    postgres_server.drop_database(name)


@pytest.mark.postgres
def test_hot_statements_stay_on_their_index_in_the_generic_plan_after_six_executions(pg_database):
    from .conftest import Builder
    build = Builder(pg_database)
    me, other = build.agents(2)
    a_mixed_queue(build, me, other)
    queue = WorkQueue(pg_database)
    statements = queue.hot_statements(me, NOW, ALL, "CT0")
    assert set(statements) == set(HOT_INDEXES)
    for name, (stmt, params) in statements.items():
        # A small table is cheapest to scan whole: forbid that, so a plan that cannot
        # prove the partial index's WHERE from its parameters shows as a Seq Scan.
        plan = generic_plan(pg_database, stmt, executions=6, settings={"enable_seqscan": "off"}, params=params)
        assert re.search(r"\$\d", plan), (name, plan)                         # the generic plan
        assert HOT_INDEXES[name] in plan, (name, plan)
        assert "Seq Scan on work_items" not in plan, (name, plan)


@pytest.mark.postgres
def test_the_claim_is_prepared_at_login_and_runs_its_generic_plan_from_the_first_next(pg_database):
    """Planning the claim's probe costs more than running it; it is planned once per connection,
    before the agent's first Next, and never again."""

    from .conftest import Builder
    build = Builder(pg_database)
    me, other = build.agents(2)
    ids = a_mixed_queue(build, me, other)
    queue = WorkQueue(pg_database)

    def probe_plans() -> list[tuple[int, int]]:
        # The pool's warm connection (LIFO), ended by a commit: a rollback forgets prepared statements.
        with pg_database.engine.begin() as c:
            return [tuple(r) for r in c.execute(text(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE '%AS buc' || 'ket%'"))]      # split: this query is prepared too

    assert probe_plans() == []
    queue.prepare_claims(me, NOW, ALL, AGENT_PROGRAMS)
    assert probe_plans() == [(1, 0)]                  # prepared, on its generic plan
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) == ids["returned"]
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) is not None
    assert probe_plans() == [(3, 0)]                  # the same plan, not planned per claim
    with pg_database.session() as s:
        assert s.scalar(text("SELECT count(*) FROM work_items WHERE state = 'claimed'")) == 2


@pytest.mark.postgres
def test_a_claim_is_two_round_trips_begin_and_settings_with_the_probe_commit_with_the_update(pg_database,
                                                                                              tmp_path):
    """On a busy floor every round trip waits for a CPU: the claim waits for the probe's rows and
    for the UPDATE's row, and for nothing else."""
    from .conftest import Builder
    build = Builder(pg_database)
    me, other = build.agents(2)
    ids = a_mixed_queue(build, me, other)
    queue = WorkQueue(pg_database)
    queue.prepare_claims(me, NOW, ALL, AGENT_PROGRAMS)
    claimed = []
    sent = round_trips(pg_database, tmp_path / "wire.trace",
                       lambda: claimed.append(queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS)))
    assert claimed == [ids["returned"]]
    assert len(sent) == 2, sent
    assert sent[0][:3] == ["BEGIN", *CLAIM_SETTINGS] and len(sent[0]) == 4, sent     # then the probe
    assert sent[1][0].startswith("UPDATE work_items SET") and sent[1][1:] == ["COMMIT"], sent
    with pg_database.engine.connect() as c:                 # committed: another connection sees it
        assert c.execute(text("SELECT claimed_by_id FROM work_items WHERE id = :id"),
                         {"id": ids["returned"]}).scalar() == me


def _a_claim_that_fails(where: str, queue: WorkQueue, monkeypatch) -> None:
    """Break a claim between its two round trips: in the desktop, or in the server's UPDATE."""
    import app.store.queue as queue_module
    if where == "desktop":
        def broken(_rows):
            raise RuntimeError("the desktop failed between the probe and the UPDATE")
        monkeypatch.setattr(queue_module, "in_claim_order", broken)
    else:
        plan = queue._plan(ALL, AGENT_PROGRAMS)
        failing = DriverSQL(text("UPDATE work_items SET priority = 1 / (priority - priority) RETURNING id, source"),
                            queue.db.engine.dialect)
        monkeypatch.setitem(queue._plans, next(iter(queue._plans)),
                            dataclasses.replace(plan, take={key: failing for key in plan.take}))


@pytest.mark.postgres
@pytest.mark.parametrize("where", ["desktop", "server"])
def test_a_claim_that_fails_midway_leaves_nothing_claimed_and_its_connection_as_the_pool_lends_it(
        pg_database, monkeypatch, where):
    """The claim runs its transaction by hand on a connection in autocommit; a failure between its
    round trips rolls it back, and the next user of that pooled connection gets real transactions."""
    from sqlalchemy.exc import DBAPIError

    from .conftest import Builder
    build = Builder(pg_database)
    me, other = build.agents(2)
    ids = a_mixed_queue(build, me, other)
    queue = WorkQueue(pg_database)
    queue.prepare_claims(me, NOW, ALL, AGENT_PROGRAMS)
    _a_claim_that_fails(where, queue, monkeypatch)
    with pytest.raises(RuntimeError if where == "desktop" else DBAPIError):   # as SQLAlchemy raises it
        queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS)
    monkeypatch.undo()

    def claimed() -> int:
        with pg_database.engine.connect() as c:
            return c.execute(text("SELECT count(*) FROM work_items WHERE claimed_by_id IS NOT NULL")).scalar()
    assert claimed() == 0
    with pytest.raises(ZeroDivisionError), pg_database.session() as s:    # the same pooled connection (LIFO)
        s.execute(text("UPDATE work_items SET priority = 7 WHERE id = :id"), {"id": ids["returned"]})
        1 / 0
    with pg_database.engine.connect() as c:
        assert c.execute(text("SELECT priority FROM work_items WHERE id = :id"), {"id": ids["returned"]}).scalar() != 7
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) == ids["returned"]
    assert claimed() == 1


@pytest.mark.postgres
def test_the_stale_hold_check_seeks_the_expiry_index_instead_of_reading_every_hold(pg_database):
    """Every claim asks whether a hold is stale: one test of "expired, or without an expiry and
    old" read every held item (2 ms a claim at 1,800 holds); each kind is now a seek."""
    from .conftest import Builder
    build = Builder(pg_database)
    me, other = build.agents(2)
    a_mixed_queue(build, me, other)
    statements = WorkQueue(pg_database).hot_statements(me, NOW, ALL, "CT0")
    for name in ("expire_stale.exists", "claim.probe"):
        stmt, params = statements[name]
        plan = generic_plan(pg_database, stmt, executions=6, settings={"enable_seqscan": "off"}, params=params)
        assert re.search(r"Index Cond: \(claim_expires_at < \$\d+\)", plan), (name, plan)
        assert "Index Cond: (claim_expires_at IS NULL)" in plan, (name, plan)


def test_a_claim_on_an_empty_queue_does_not_walk_the_callable_items(database, build, monkeypatch):
    """SQLite: every bucket empty is the answer.  Asking again whether any item is eligible walked
    every item in a callable state (17 ms of the desk's io thread at 300,000 items, at each Next);
    only a candidate lost to another desk is worth that question (the twenty desks' test)."""
    from sqlalchemy import column, select, table
    if database.dialect != "sqlite":
        pytest.skip("PostgreSQL's claim is one probe")
    (me,) = build.agents(1)
    build.item(program="TIER2")                        # callable, but not by this agent
    queue = WorkQueue(database)
    plan_of = queue._plan
    # The question, were it asked, would fail: its table does not exist.
    monkeypatch.setattr(queue, "_plan", lambda *args: dataclasses.replace(
        plan_of(*args), has_candidate=select(table("no_such_table", column("x")))))
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) is None
    first = build.item(program="CT0")
    assert queue.claim_next(me, NOW, ALL, AGENT_PROGRAMS) == first
