"""Issue 18 in the store, on SQLite and PostgreSQL: calls per number across records, holiday
agreement on record, and the queue handing out each program in its own window and an
unknown-zone customer only when every zone is open; and the dial's write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.domain.calling_windows import CallingWindows
from app.domain.number_limits import NumberLimits, day_start
from app.domain.time_zones import CustomerZone
from app.store.attempt_facts import dial_transaction, number_usage
from app.store.models import CallAttempt, Phone, Result, WorkItem
from app.store.queue import ClaimLost, ItemHold, WorkQueue

from .conftest import NOW

SHARED = "+6281234500001"


def attempt(database, item_id, agent, at, *, counts=None, dialled=SHARED, round_no=1):
    with database.session() as s:
        s.add(CallAttempt(work_item_id=item_id, agent_id=agent, dialled=dialled, round_no=round_no,
                          attempt_no=1, started_at=at, counts=counts))


def test_the_per_number_limit_counts_calls_from_two_accounts_sharing_the_number(database, build):
    (agent,) = build.agents(1)
    first = build.item(phones=(SHARED,))
    second = build.item(phones=(SHARED, "+6281234500002"))
    attempt(database, first, agent, NOW - timedelta(hours=2))
    attempt(database, first, agent, NOW - timedelta(hours=1))
    since = day_start(NOW, "WIB")
    with database.session() as s:
        usage = number_usage(s, SHARED, since)
    assert (usage.today, usage.in_round) == (2, 2)
    assert NumberLimits(per_day=3, per_round=3).check(usage).allowed
    attempt(database, second, agent, NOW - timedelta(minutes=5))      # the same number, the other account
    with database.session() as s:
        usage = number_usage(s, SHARED, since)
        other = number_usage(s, "+6281234500002", since)
    verdict = NumberLimits(per_day=3, per_round=5).check(usage)
    assert usage.today == 3 and not verdict.allowed and verdict.limit == "per_day"
    assert "3 kali hari ini" in verdict.message_id
    assert (other.today, other.in_round) == (0, 0)


def test_site_faults_and_yesterdays_calls_are_not_counted_for_the_day(database, build):
    (agent,) = build.agents(1)
    item = build.item(phones=(SHARED,))
    attempt(database, item, agent, NOW - timedelta(minutes=30), counts=False)     # PBX down
    attempt(database, item, agent, NOW - timedelta(minutes=20), counts=True)
    attempt(database, item, agent, NOW - timedelta(minutes=1))                    # still ringing: counted
    attempt(database, item, agent, day_start(NOW, "WIB") - timedelta(minutes=1), counts=True)
    with database.session() as s:
        usage = number_usage(s, SHARED, day_start(NOW, "WIB"))
    assert usage.today == 2 and usage.in_round == 3


def test_the_round_limit_counts_only_open_records_in_their_current_round(database, build):
    (agent,) = build.agents(1)
    open_item = build.item(phones=(SHARED,), round_no=2)
    closed = build.item(phones=(SHARED,), state="closed_unreachable", closed_at=NOW - timedelta(days=1))
    attempt(database, open_item, agent, NOW - timedelta(days=3), round_no=1)
    attempt(database, open_item, agent, NOW - timedelta(days=1), round_no=2)
    attempt(database, closed, agent, NOW - timedelta(days=2), round_no=1)
    with database.session() as s:
        usage = number_usage(s, SHARED, day_start(NOW, "WIB"))
    assert usage.in_round == 1 and usage.today == 0
    verdict = NumberLimits(per_day=3, per_round=1).check(usage)
    assert verdict.limit == "per_round" and "putaran" in verdict.message_id


def test_the_dials_read_counts_the_number_from_the_customers_own_midnight_in_both_its_forms(database, build):
    (agent,) = build.agents(1)
    items = {zone: build.item(region=zone, phones=(SHARED,)) for zone in ("WIB", "WIT", "UNK")}
    items["wit "] = build.item(region="wit ", phones=(SHARED,))        # as a hand-made row may hold it
    # Sunday 16:00 UTC: past WIT's midnight (15:00 UTC), before WIB's (17:00 UTC).
    attempt(database, items["WIT"], agent, NOW - timedelta(hours=11), dialled="0" + SHARED[3:])
    attempt(database, items["WIB"], agent, NOW - timedelta(minutes=5))
    days = {zone.value: day_start(NOW, zone) for zone in CustomerZone}
    with database.session() as s:
        phone_of = {item: s.scalar(select(Phone.id).join(WorkItem, WorkItem.customer_id == Phone.customer_id)
                                   .where(WorkItem.id == item)) for item in items.values()}
    with dial_transaction(database) as dial:
        facts = {zone: dial.facts(item, phone_of[item], days) for zone, item in items.items()}
        assert dial.facts(items["WIB"], phone_of[items["WIT"]], days) is None      # another customer's number
    assert {zone: (f.usage.today, f.usage.in_round) for zone, f in facts.items()} == {
        "WIB": (1, 2), "WIT": (2, 2), "UNK": (2, 2), "wit ": (2, 2)}
    assert facts["WIT"].item.e164 == SHARED and facts["WIT"].item.region == "WIT"
    assert facts["WIB"].item.claimed_by_id is None and facts["WIB"].item.attempts_in_round == 0


def test_holiday_agreement_is_on_record_only_from_a_current_result(database, build):
    (agent,) = build.agents(1)
    item = build.item()
    def on_record() -> bool:
        with dial_transaction(database) as dial:
            return dial.holiday_consent(customer_id)
    with database.session() as s:
        customer_id = s.get(WorkItem, item).customer_id
    assert not on_record()
    with database.session() as s:
        s.add(Result(work_item_id=item, agent_id=agent, program="CT0", reason_code="CT-CBK", contacted=True,
                     next_state="retry_later", holiday_consent=True, is_current=False))
    assert not on_record()
    with database.session() as s:
        s.add(Result(work_item_id=item, agent_id=agent, program="CT0", reason_code="CT-CBK", contacted=True,
                     next_state="retry_later", holiday_consent=True))
    assert on_record()


def test_the_queue_hands_out_each_program_in_its_own_window_and_unknown_zones_only_in_the_overlap(
        database, build):
    (agent,) = build.agents(1)
    unknown = build.item(region="UNK", program="PRANPC")
    wit = build.item(region="WIT", program="PRANPC")
    tier2 = build.item(region="WIB", program="TIER2")
    windows = CallingWindows.default()
    queue = WorkQueue(database)
    sunday_10_wib = NOW - timedelta(days=1)                      # collection closed on Sunday, Tier-2 open
    zones = windows.open_zones(sunday_10_wib)
    assert zones["PRANPC"] == set() and "WIB" in zones["TIER2"]
    assert queue.claim_next(agent, sunday_10_wib, zones) == tier2
    assert queue.claim_next(agent, sunday_10_wib, zones) is None
    monday_1830_wib = NOW + timedelta(hours=8, minutes=30)       # 20:30 WIT, open in WIB and WITA only
    zones = windows.open_zones(monday_1830_wib)
    assert "UNK" not in zones["PRANPC"] and "WIT" not in zones["PRANPC"]
    collection = {"CT0", "PRANPC"}
    assert queue.claim_next(agent, monday_1830_wib, zones, collection) is None
    zones = windows.open_zones(NOW)                              # Monday 10:00 WIB
    assert {"UNK", "WIT"} <= zones["PRANPC"]
    assert {queue.claim_next(agent, NOW, zones, collection),
            queue.claim_next(agent, NOW, zones, collection)} == {unknown, wit}


def test_the_demo_shows_the_per_number_limit_and_an_unknown_zone_customer(database):
    from app.store.demo_seed import SHARED_NUMBER, UNKNOWN_ZONE_ACCOUNT, seed_demo, seed_rule_examples
    from app.store.models import Customer
    seed_demo(database, NOW, n_prospects=10)
    seed_rule_examples(database, NOW)
    seed_rule_examples(database, NOW)                            # a second start adds nothing
    with database.session() as s:
        usage = number_usage(s, SHARED_NUMBER, day_start(NOW, "WIB"))
        zone = s.scalar(select_region(UNKNOWN_ZONE_ACCOUNT))
        holders = s.query(Customer).filter(Customer.phones.any(e164=SHARED_NUMBER)).count()
    assert holders == 2 and usage.today == 3
    assert NumberLimits.from_settings(None).check(usage).limit == "per_round"   # 3 in the round; 6 a day
    assert zone == "UNK"
    windows = CallingWindows.default()
    assert "UNK" in windows.open_zones(NOW)["PRANPC"]                          # Monday 10:00 WIB
    assert "UNK" not in windows.open_zones(NOW + timedelta(hours=8, minutes=30))["PRANPC"]   # 18:30 WIB


def select_region(account):
    from sqlalchemy import select
    from app.store.models import Customer
    return select(Customer.region).where(Customer.account_number == account)


def test_the_dials_write_moves_the_item_and_counts_the_attempt_or_writes_neither(database, build):
    (agent, other) = build.agents(2)
    queue = WorkQueue(database)
    item = build.item(phones=(SHARED,))
    assert queue.claim_next(agent, NOW, {"WIB"}) == item
    held = ItemHold("claimed", agent, "new")                 # as the desk read it before the dial

    def dial():
        with dial_transaction(database) as transaction:
            move = queue.guarded_move(item, agent, held, "in_call", NOW, attempts_in_round=1)
            return transaction.write(move, CallAttempt(work_item_id=item, agent_id=agent, phone_id=None,
                                                       dialled=SHARED, round_no=1, attempt_no=1, started_at=NOW,
                                                       holiday_consent=False))

    with database.session() as s:                           # taken over since that read
        s.execute(update(WorkItem).where(WorkItem.id == item).values(claimed_by_id=other))
    with pytest.raises(ClaimLost, match=f"#{item}"):
        dial()
    with database.session() as s:
        s.execute(update(WorkItem).where(WorkItem.id == item).values(claimed_by_id=agent))
        assert s.scalar(select(func.count()).select_from(CallAttempt)) == 0

    attempt_id = dial()
    with database.session() as s:
        row = s.get(CallAttempt, attempt_id)
        moved = s.get(WorkItem, item)
        assert (row.work_item_id, row.agent_id, row.dialled) == (item, agent, SHARED)
        assert (moved.state, moved.attempts_in_round, moved.claimed_by_id) == ("in_call", 1, agent)
