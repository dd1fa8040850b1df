"""The work queue's rules, on SQLite and PostgreSQL (the `database` fixture)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.workitem import IllegalTransition
from app.store.models import WorkItem
from app.store.queue import ClaimLost, WorkQueue

from .conftest import NOW

ALL = {"WIB", "WITA", "WIT"}


def state_of(database, item_id):
    with database.session() as s:
        item = s.get(WorkItem, item_id)
        return item.state, item.claimed_by_id, item.claimed_from_state


def claim_all(queue, agent, **kw):
    ids = []
    while (got := queue.claim_next(agent, NOW, kw.get("regions", ALL), kw.get("programs"))) is not None:
        ids.append(got)
    return ids


def test_claim_order_is_returned_then_due_retries_by_time_then_new_by_priority(database, build):
    a, b = build.agents(2)
    new_low = build.item(priority=200)
    new_high = build.item(priority=50)
    retry_late = build.item(state="retry_later", next_attempt_at=NOW - timedelta(minutes=5))
    pending_early = build.item(state="pending_until", next_attempt_at=NOW - timedelta(hours=2))
    returned = build.item(state="returned", assigned=a, returned_comment="Nominal janji salah")
    build.item(state="returned", assigned=b)                      # b's, not a's
    build.item(state="retry_later", next_attempt_at=NOW + timedelta(minutes=1))   # not due yet
    build.item(state="done")
    queue = WorkQueue(database)
    assert claim_all(queue, a) == [returned, pending_early, retry_late, new_high, new_low]


def test_new_items_of_equal_priority_go_by_id(database, build):
    (a,) = build.agents(1)
    ids = [build.item() for _ in range(4)]
    assert claim_all(WorkQueue(database), a) == ids


def test_closed_regions_and_other_programs_are_not_handed_out(database, build):
    (a,) = build.agents(1)
    wib = build.item(region="WIB")
    wit = build.item(region="WIT")
    tier2 = build.item(region="WIB", program="TIER2")
    queue = WorkQueue(database)
    assert queue.claim_next(a, NOW, set()) is None
    assert claim_all(queue, a, regions={"WIT"}, programs={"CT0", "PRANPC"}) == [wit]
    assert claim_all(queue, a, regions={"WIB"}, programs={"CT0", "PRANPC"}) == [wib]
    assert claim_all(queue, a, regions={"WIB"}, programs={"TIER2"}) == [tier2]


def test_item_assigned_to_another_agent_is_not_eligible(database, build):
    a, b = build.agents(2)
    build.item(assigned=b)
    queue = WorkQueue(database)
    assert queue.claim_next(a, NOW, ALL) is None
    assert queue.claim_next(b, NOW, ALL) is not None


def test_claim_sets_holder_expiry_and_origin_state(database, build):
    (a,) = build.agents(1)
    item = build.item(state="retry_later", next_attempt_at=NOW - timedelta(minutes=1))
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=10))
    assert queue.claim_next(a, NOW, ALL) == item
    with database.session() as s:
        row = s.get(WorkItem, item)
        assert (row.state, row.claimed_by_id, row.claimed_from_state) == ("claimed", a, "retry_later")
        assert row.claimed_at == NOW and row.claim_expires_at == NOW + timedelta(minutes=10)


def test_expired_claim_of_a_crashed_desktop_goes_to_another_agent_keeping_its_origin(database, build):
    a, b = build.agents(2)
    item = build.item(state="pending_until", next_attempt_at=NOW - timedelta(hours=1))
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=30))
    assert queue.claim_next(a, NOW, ALL) == item
    assert queue.claim_next(b, NOW + timedelta(minutes=29), ALL) is None      # still a's
    assert queue.claim_next(b, NOW + timedelta(minutes=31), ALL) == item
    assert state_of(database, item) == ("claimed", b, "pending_until")


def test_renew_keeps_the_claim_alive(database, build):
    a, b = build.agents(2)
    item = build.item()
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=30))
    queue.claim_next(a, NOW, ALL)
    assert queue.renew(a, item, NOW + timedelta(minutes=25))
    assert not queue.renew(b, item, NOW + timedelta(minutes=25))
    assert queue.claim_next(b, NOW + timedelta(minutes=40), ALL) is None
    assert queue.claim_next(b, NOW + timedelta(minutes=56), ALL) == item


def test_expire_stale_returns_expired_claims_to_their_origin_state(database, build):
    (a,) = build.agents(1)
    returned = build.item(state="returned", assigned=a)
    fresh = build.item()
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=5))
    assert queue.claim_next(a, NOW, ALL) == returned
    assert queue.claim_next(a, NOW + timedelta(minutes=3), ALL) == fresh
    assert queue.expire_stale(NOW + timedelta(minutes=6)) == 1
    assert state_of(database, returned) == ("returned", None, None)
    assert state_of(database, fresh) == ("claimed", a, "new")


def test_release_puts_the_item_back_in_the_state_it_was_claimed_from(database, build):
    a, b = build.agents(2)
    item = build.item(state="retry_later", next_attempt_at=NOW - timedelta(minutes=1))
    queue = WorkQueue(database)
    queue.claim_next(a, NOW, ALL)
    assert not queue.release(b, item)                 # not b's to release
    assert queue.release(a, item)
    assert state_of(database, item) == ("retry_later", None, None)
    assert queue.claim_next(b, NOW, ALL) == item


def test_claim_of_a_chosen_item_is_exclusive(database, build):
    a, b = build.agents(2)
    item = build.item(region="WITA")
    queue = WorkQueue(database)
    assert not queue.claim(a, item, NOW, {"WIB"})    # outside calling hours
    assert queue.claim(a, item, NOW, {"WITA"})
    assert queue.claim(a, item, NOW, {"WITA"})       # already mine: renewed
    assert not queue.claim(b, item, NOW, ALL)
    assert state_of(database, item) == ("claimed", a, "new")


def test_transition_follows_the_domain_table_and_the_claim(database, build):
    a, b = build.agents(2)
    item = build.item()
    queue = WorkQueue(database)
    queue.claim(a, item, NOW)
    with pytest.raises(IllegalTransition):
        queue.transition(item, a, "done")             # claimed → done skips the call and wrap-up
    with pytest.raises(ClaimLost):
        queue.transition(item, b, "in_call")
    assert queue.transition(item, a, "in_call") == "in_call"
    queue.transition(item, a, "wrap_up")
    queue.transition(item, a, "retry_later", next_attempt_at=NOW + timedelta(hours=2), attempts_total=1)
    with database.session() as s:
        row = s.get(WorkItem, item)
        assert (row.state, row.claimed_by_id, row.claim_expires_at) == ("retry_later", None, None)
        assert row.next_attempt_at == NOW + timedelta(hours=2) and row.attempts_total == 1
    assert state_of(database, item)[0] == "retry_later"


def test_list_page_follows_claim_order_and_hides_items_held_by_others(database, build):
    a, b = build.agents(2)
    new = build.item(name="Siti Rahma")
    retry = build.item(state="retry_later", next_attempt_at=NOW - timedelta(minutes=1))
    later = build.item(state="retry_later", next_attempt_at=NOW + timedelta(hours=3))
    returned = build.item(state="returned", assigned=a, returned_comment="Tanggal janji salah")
    held_by_b = build.item()
    build.item(state="done")
    queue = WorkQueue(database)
    assert queue.claim(b, held_by_b, NOW)
    rows = queue.list_page(a, NOW)
    assert [r.item_id for r in rows] == [returned, retry, new, later]
    assert queue.count(a, NOW) == 4
    assert rows[0].returned_comment == "Tanggal janji salah"
    assert rows[2].customer_name == "Siti Rahma" and rows[2].phone_e164 == "+6281234567890"
    assert rows[2].region == "WIB" and rows[2].arrears_months == 2
    assert [r.item_id for r in queue.list_page(a, NOW, offset=1, limit=2)] == [retry, new]
    # b sees its own claim first and never a's returned item
    assert [r.item_id for r in queue.list_page(b, NOW)] == [held_by_b, retry, new, later]


@pytest.mark.parametrize("term", ["rahmawati", "RAHMA", "122399887766", "998877", "081298765432",
                                  "6281298765432", "+62 812-9876-5432", "0812 9876"])
def test_search_finds_by_name_account_or_phone_in_any_form(database, build, term):
    (a,) = build.agents(1)
    target = build.item(name="Dewi Rahmawati", account="122399887766",
                        phones=("+6281298765432", "+62215551234"))
    build.item(name="Agus Salim", account="122311112222", phones=("+6285711112222",))
    queue = WorkQueue(database)
    assert [r.item_id for r in queue.list_page(a, NOW, search=term)] == [target]
    assert queue.count(a, NOW, search=term) == 1


def test_search_treats_like_wildcards_literally(database, build):
    (a,) = build.agents(1)
    build.item(name="Budi Santoso")
    assert WorkQueue(database).count(a, NOW, search="%") == 0


def test_team_leader_return_reopens_a_done_item_for_its_agent_only(database, build):
    agent, other, tl = build.agents(3)
    item = build.item()
    queue = WorkQueue(database)
    queue.claim(agent, item, NOW)
    for state in ("in_call", "wrap_up", "done"):
        queue.transition(item, agent, state)
    queue.transition(item, tl, "returned", assigned_agent_id=agent, returned_by_id=tl,
                     returned_comment="Nominal janji salah", returned_at=NOW)
    assert queue.claim_next(other, NOW, ALL) is None
    assert queue.claim_next(agent, NOW, ALL) == item
    assert state_of(database, item) == ("claimed", agent, "returned")
