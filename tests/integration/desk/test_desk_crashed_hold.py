"""A desktop dies mid-call: its item, left in a call (and one left in wrap-up), goes back to
the queue after the claim's time to live, for another agent; both back-ends."""

from __future__ import annotations

from datetime import timedelta

from app.core.desk import Desk
from app.store.models import WorkItem
from app.store.queue import WorkQueue


def test_an_item_left_in_a_call_by_a_dead_desktop_is_released_after_its_time_to_live(database, make_ctx, world,
                                                                                     clock):
    crashed = Desk(make_ctx("agent1"))
    item_id = crashed.claim_next()
    crashed.start_attempt(item_id, world["phone1"])            # the INVITE left; then the PC died
    with database.session() as s:
        assert s.get(WorkItem, item_id).state == "in_call"
    other = Desk(make_ctx("agent2"))
    other.queue = WorkQueue(database, claim_ttl=timedelta(minutes=30))
    clock.advance(timedelta(minutes=29))
    assert item_id not in [r.item_id for r in other.queue.list_page(world["agent2"], clock.now())]
    clock.advance(timedelta(minutes=2))
    assert other.claim_next() == item_id                        # first in the queue again
    with database.session() as s:
        row = s.get(WorkItem, item_id)
        assert (row.state, row.claimed_by_id, row.claimed_from_state) == ("claimed", world["agent2"], "new")
        assert row.attempts_total == 1                          # the dead desk's attempt still counts


def test_an_item_left_in_wrap_up_is_released_too(database, make_ctx, world, clock):
    crashed = Desk(make_ctx("agent1"))
    item_id = crashed.claim_next()
    started = crashed.start_attempt(item_id, world["phone1"])
    crashed.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="", ring_seconds=2.0,
                           talk_seconds=30.0, recording_path=None, recording_error=None, suggested_reason=None)
    queue = WorkQueue(database, claim_ttl=timedelta(minutes=30))
    assert queue.expire_stale(clock.now() + timedelta(minutes=29)) == 0
    assert queue.expire_stale(clock.now() + timedelta(days=7)) == 1
    with database.session() as s:
        assert s.get(WorkItem, item_id).state == "new"
