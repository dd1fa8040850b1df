"""A team leader sees what their agents hold (a crashed desk's call too) and takes it back;
deactivating an agent frees what they held.  Both back-ends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core import supervision as sv
from app.domain.clock import FrozenClock
from app.store.models import AuditEntry, Customer, WorkItem
from app.store.queue import WorkQueue
from tests.integration.supervision.seed import NOW, as_user


def new_item(database, name: str) -> int:
    with database.session() as s:
        item = WorkItem(customer=Customer(account_number=f"1229{abs(hash(name)) % 10**8:08d}", name=name,
                                          region="WIB"), program="CT0", state="new")
        s.add(item)
        s.flush()
        return item.id


def row(database, item_id):
    with database.session() as s:
        w = s.get(WorkItem, item_id)
        return w.state, w.claimed_by_id, w.assigned_agent_id


@pytest.fixture
def held(database, seeded):
    """a1 crashed in a call an hour ago; a2 holds a claim; b1 (team B) holds one."""
    users = seeded.users
    queue = WorkQueue(database)
    crashed, claimed, other_team = (new_item(database, n) for n in ("Rina Crash", "Sari Klaim", "Tono TimB"))
    queue.claim(users["a1"], crashed, NOW - timedelta(hours=1))
    queue.transition(crashed, users["a1"], "in_call", claim_expires_at=None)
    queue.claim(users["a2"], claimed, NOW - timedelta(minutes=5))
    queue.claim(users["b1"], other_team, NOW)
    return crashed, claimed, other_team


def test_team_leader_lists_their_teams_held_items_with_holder_and_age(database, seeded, held):
    crashed, claimed, _ = held
    rows = sv.held_items(as_user(database, seeded, "tl_a"))
    assert [(r.item_id, r.state, r.holder_name) for r in rows] == [
        (crashed, "in_call", "Ayu Lestari"), (claimed, "claimed", "Budi Santoso")]
    assert rows[0].held_seconds == 3600 and rows[0].overdue          # an hour in a 30-minute hold
    assert rows[1].held_seconds == 300 and not rows[1].overdue
    assert rows[0].customer_name == "Rina Crash"


def test_team_leader_releases_or_reassigns_within_the_team_only(database, seeded, held):
    crashed, claimed, other_team = held
    users = seeded.users
    tl_a = as_user(database, seeded, "tl_a")
    sv.release_held(tl_a, crashed, users["a1"])
    assert row(database, crashed) == ("new", None, None)
    sv.release_held(tl_a, claimed, users["a2"], to_agent_id=users["a1"])
    assert row(database, claimed) == ("new", None, users["a1"])
    with pytest.raises(sv.OutsideYourScope):
        sv.release_held(tl_a, other_team, users["b1"])
    with pytest.raises(sv.SupervisionError):
        sv.release_held(tl_a, crashed, users["a1"])                  # already released
    assert row(database, other_team) == ("claimed", users["b1"], None)
    with database.session() as s:
        actions = [a.action for a in s.query(AuditEntry).order_by(AuditEntry.id)]
    assert actions[-2:] == ["queue.release_held", "queue.reassign_held"]


def test_deactivating_an_agent_frees_what_they_hold(database, seeded, held):
    crashed, _claimed, _ = held
    sv.deactivate_user(as_user(database, seeded, "admin1"), seeded.users["a1"])
    assert row(database, crashed) == ("new", None, None)
    rows = sv.held_items(as_user(database, seeded, "tl_a"))
    assert [r.holder_name for r in rows] == ["Budi Santoso"]


def test_the_crashed_call_is_released_by_the_next_claim_after_its_time_to_live(database, seeded, held):
    crashed, _claimed, _ = held
    later = NOW + timedelta(days=7)
    WorkQueue(database).expire_stale(later)
    assert row(database, crashed) == ("new", None, None)
    assert sv.held_items(as_user(database, seeded, "tl_a", FrozenClock(later))) == []
