"""The outbox worker against the stand-in: delivery, retries with the same key, permanent failures."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.clock import FrozenClock, SystemClock
from app.services.mycx import MyCXClient
from app.services.destinations import senders_from
from app.services.outbox_worker import DestinationBreaker, OutboxWorker, backoff_delay
from app.services.tamara import TamaraClient
from app.store.models import OutboxMessage

from tests.fixtures.wire import statements_per_run
from tests.integration.http.http_test_support import seed_results, wait_until


# `database` is the shared fixture (tests/fixtures/postgres.py): every test here runs on
# SQLite and on PostgreSQL (where claims use FOR UPDATE SKIP LOCKED).


@pytest.fixture
def worker_for(database, make_api):
    made = []

    def make(read_timeout: float = 5.0, **kw) -> OutboxWorker:
        # A generous read timeout unless a test injects timeouts: a loaded CI box must not
        # turn a slow answer into a retry where the test counts attempts.
        api = make_api(read_timeout=read_timeout)
        kw.setdefault("base_delay", 0.01)
        kw.setdefault("max_delay", 0.05)
        kw.setdefault("idle_poll", 0.1)      # messages leased by the other worker are re-checked quickly
        worker = OutboxWorker(database, senders_from(mycx=MyCXClient(api), tamara=TamaraClient(api)),
                              rng=random.Random(1), **kw)
        made.append(worker)
        return worker

    yield make
    for w in made:
        w.stop()


def rows(database) -> list[OutboxMessage]:
    with database.session() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_due_messages_are_delivered_once_each_with_their_keys(database, worker_for, standin):
    seed_results(database, 5)
    events = []
    worker = worker_for()
    worker.add_listener(events.append)
    assert worker.run_until_empty(timeout=20)
    assert {r.status for r in rows(database)} == {"delivered"}
    assert len(standin.received("mycx")) == 5 and len(standin.received("tamara")) == 5
    keys = [i["idempotency_key"] for i in standin.received("mycx")]
    assert sorted(keys) == sorted(r.idempotency_key for r in rows(database) if r.destination == "mycx")
    assert [e.status for e in events].count("delivered") == 10
    assert all(r.response and r.response["receipt_id"] and r.last_status_code == 201 for r in rows(database))


def test_transient_failures_are_retried_until_delivered_without_duplicates(database, worker_for, standin):
    seed_results(database, 20)
    standin.set_faults(fail_rate=0.5, mode="mixed", hold_ms=1_000, retry_after=0)
    worker = worker_for(read_timeout=0.3)
    assert worker.run_until_empty(timeout=60)
    assert len(standin.received("mycx")) == 20 and len(standin.received("tamara")) == 20
    assert max(r.attempts for r in rows(database)) > 1


def test_a_destination_that_keeps_failing_is_left_alone_while_the_others_are_delivered(database, worker_for,
                                                                                         standin):
    seed_results(database, 6)
    standin.set_faults(fail_rate=1.0, mode="error500", paths=["/mycx/"])     # MyCX is down, TAMARA is not
    worker = worker_for(base_delay=0.05, max_delay=60)                       # first pause 0.4 s, then 0.8 s...
    assert not worker.run_until_empty(timeout=3)
    mycx = [r for r in rows(database) if r.destination == "mycx"]
    assert {r.status for r in rows(database) if r.destination == "tamara"} == {"delivered"}
    assert {r.status for r in mycx} == {"pending"}                           # kept, not failed
    # Without the breaker: each message about every 0.1-0.8 s for 3 s, some 60 requests in all;
    # with it, the first burst (up to eight in flight), then one message after each pause (0.4, 0.8, 1.6 s).
    assert 5 <= sum(r.attempts for r in mycx) <= 20
    standin.clear_faults()
    assert worker.run_until_empty(timeout=20)                                # it comes back by itself
    assert {r.status for r in rows(database)} == {"delivered"} and len(standin.received("mycx")) == 6


def test_a_claim_takes_no_more_messages_than_asked(database):
    """PostgreSQL once ran the claim's `IN (SELECT … LIMIT n)` again per row: a claim of one took six."""
    from datetime import datetime, timezone

    from app.store import outbox_repo
    seed_results(database, 6)
    now = datetime.now(timezone.utc) + timedelta(seconds=1)
    with database.session() as s:
        first = outbox_repo.claim_due(s, now, 1, timedelta(seconds=60), {"mycx"})
        second = outbox_repo.claim_due(s, now, 2, timedelta(seconds=60), {"mycx"})
    assert len(first) == 1 and len(second) == 2
    assert {m.destination for m in first + second} == {"mycx"} and len({m.id for m in first + second}) == 3
    assert sum(r.attempts for r in rows(database)) == 3


def test_claims_and_outcomes_run_statements_built_once(database):
    """Each delivery claims and settles on the desk's own process, beside the window: building those
    statements per message was about half of a delivery's client time on SQLite."""
    from datetime import datetime, timezone

    from app.store import outbox_repo
    seed_results(database, 3)
    now = datetime.now(timezone.utc) + timedelta(seconds=1)

    def deliver_one() -> None:
        with database.session() as s:
            (claimed,) = outbox_repo.claim_due(s, now, 1, timedelta(seconds=60), {"mycx"}, origin="pc-1")
            assert outbox_repo.mark_delivered(s, claimed.id, now, 200, {"ok": True})
    ran = statements_per_run(database, deliver_one)
    assert ran[2] == ran[1] and len(ran[1]) == 2, ran
    assert [r.status for r in rows(database) if r.destination == "mycx"] == ["delivered"] * 3


def test_the_breaker_opens_after_five_failures_in_a_row_and_a_success_closes_it():
    now = [0.0]
    breaker = DestinationBreaker(base_delay=2.0, max_delay=600.0, monotonic=lambda: now[0])
    assert [breaker.failed("mycx") for _ in range(4)] == [None] * 4 and breaker.tripped() == set()
    assert breaker.failed("mycx") == 16.0 and breaker.tripped() == {"mycx"}  # 8 base delays
    assert breaker.failed("mycx") is None and breaker.resumes_in() == 16.0   # late answers do not extend it
    assert not breaker.take_probe("mycx")
    now[0] = 16.0
    assert breaker.take_probe("mycx") and not breaker.take_probe("mycx")    # one message tries it
    assert breaker.failed("mycx") == 32.0 and breaker.tripped() == {"mycx"}  # it failed: a longer pause
    now[0] = 48.0
    assert breaker.take_probe("mycx")
    breaker.succeeded("mycx")
    assert breaker.tripped() == set()
    assert [breaker.failed("mycx") for _ in range(5)][-1] == 16.0            # a success starts again
    for _ in range(20):
        now[0] += 700.0
        assert breaker.take_probe("mycx")
        last = breaker.failed("mycx")
    assert last == 600.0                                                     # never longer than the longest delay
    now[0] += 700.0
    assert breaker.take_probe("mycx") and not breaker.take_probe("mycx")
    now[0] += breaker.probe_timeout                                          # its outcome was never written
    assert breaker.take_probe("mycx")


def test_rejected_message_is_failed_with_its_error_kept_for_a_person(database, worker_for, standin):
    seed_results(database, 2)
    with database.session() as s:
        bad = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "mycx")).first()
        bad.payload = {"result_id": "x"}          # breaks the contract: 422
    events = []
    worker = worker_for()
    worker.add_listener(events.append)
    assert worker.run_until_empty(timeout=20)
    failed = [r for r in rows(database) if r.status == "failed"]
    assert len(failed) == 1 and failed[0].last_status_code == 422 and failed[0].attempts == 1
    assert "wajib" in failed[0].last_error
    assert [e for e in events if e.status == "failed"][0].message_id == failed[0].id


def test_authentication_failure_is_permanent(database, make_api, standin):
    seed_results(database, 1, destinations=("tamara",))
    api = make_api(token="salah")
    worker = OutboxWorker(database, senders_from(tamara=TamaraClient(api)))
    worker.deliver_once()
    worker.stop()
    (row,) = rows(database)
    assert row.status == "failed" and row.last_status_code == 401


def test_rate_limited_message_waits_at_least_retry_after(database, worker_for, standin):
    seed_results(database, 1, destinations=("mycx",))
    standin.set_faults(fail_rate=1.0, mode="ratelimit", retry_after=30)
    clock = FrozenClock(SystemClock().now())
    worker = worker_for(clock=clock)
    assert worker.deliver_once() == 1
    (row,) = rows(database)
    assert row.status == "pending" and row.last_status_code == 429
    assert row.next_attempt_at >= clock.now() + timedelta(seconds=30)
    assert worker.deliver_once() == 0               # not due yet


def test_message_for_a_destination_no_desktop_knows_is_failed(database, worker_for, standin):
    seed_results(database, 1, destinations=("fax",))
    worker = worker_for()
    worker.deliver_once()
    (row,) = rows(database)
    assert row.status == "failed" and "fax" in row.last_error


def test_message_for_a_destination_this_desktop_cannot_send_is_left_for_another(database, worker_for, standin):
    # Issue 19: it used to be failed here ("email" had no client on this desktop), which
    # on a shared database failed the whole team's messages.
    seed_results(database, 1, destinations=("email",))
    worker = worker_for()
    assert worker.deliver_once() == 0
    (row,) = rows(database)
    assert (row.status, row.attempts, row.last_error) == ("pending", 0, None)
    assert worker.unsendable() == {"email": 1}


def test_background_thread_delivers_after_wake(database, worker_for, standin):
    worker = worker_for(idle_poll=30)
    worker.start()
    seed_results(database, 3)
    worker.wake()
    wait_until(lambda: len(standin.received("tamara")) == 3, timeout=10)
    wait_until(lambda: {r.status for r in rows(database)} == {"delivered"}, timeout=10)


def test_claimed_messages_are_leased_so_a_second_worker_skips_them(database, worker_for):
    from app.store import outbox_repo
    seed_results(database, 3)
    now = SystemClock().now()
    with database.session() as s:
        first = outbox_repo.claim_due(s, now, 10, timedelta(seconds=60))
    with database.session() as s:
        second = outbox_repo.claim_due(s, now, 10, timedelta(seconds=60))
        later = outbox_repo.claim_due(s, now + timedelta(seconds=61), 10, timedelta(seconds=60))
    assert len(first) == 6 and second == [] and len(later) == 6
    assert all(r.attempts == 2 for r in rows(database))


def test_requeue_failed_makes_failed_messages_due_again(database):
    from app.store import outbox_repo
    seed_results(database, 2, destinations=("mycx",))
    now = SystemClock().now()
    with database.session() as s:
        for r in s.scalars(select(OutboxMessage)):
            outbox_repo.mark_failed(s, r.id, "HTTP 422", 422)
    with database.session() as s:
        assert outbox_repo.requeue_failed(s, now, message_id=rows(database)[0].id) == 1
        assert outbox_repo.requeue_failed(s, now) == 1
    assert {r.status for r in rows(database)} == {"pending"}


def test_two_workers_at_once_never_send_the_same_message_twice(database, worker_for, standin):
    import threading
    seed_results(database, 40)
    standin.set_faults(latency_ms=5)
    workers = [worker_for(batch_size=5, concurrency=3), worker_for(batch_size=5, concurrency=3)]
    outcomes = []
    threads = [threading.Thread(target=lambda w=w: outcomes.append(w.run_until_empty(30))) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(40)
    assert outcomes == [True, True]
    assert all(r.status == "delivered" and r.attempts == 1 for r in rows(database))
    assert standin.state.stats["replays"] == 0
    assert len(standin.received("mycx")) == 40 and len(standin.received("tamara")) == 40


def test_fault_ticket_and_status_update_go_through_the_outbox(database, worker_for, standin):
    from datetime import datetime, timezone
    now = datetime.now(timezone.utc)
    report = {"product_id": "131234567890", "reporter_name": "Budi Santoso", "reporter_phone": "081234567890",
              "email": None, "symptom": "internet mati", "description": "LOS merah sejak pagi"}
    with database.session() as s:
        s.add(OutboxMessage(destination="mycx_ticket", idempotency_key="ticket-new-0001",
                            payload={"action": "create", "report": report}, next_attempt_at=now))
    worker = worker_for()
    assert worker.run_until_empty(timeout=10)
    number = rows(database)[0].response["ticket_number"]
    with database.session() as s:
        s.add(OutboxMessage(destination="mycx_ticket", idempotency_key="ticket-upd-0001",
                            payload={"action": "update", "ticket_id": number, "status": "super_emergency",
                                     "note": "eskalasi TL"}, next_attempt_at=now))
    assert worker.run_until_empty(timeout=10)
    assert [r.status for r in rows(database)] == ["delivered", "delivered"]
    assert rows(database)[1].response == {**rows(database)[1].response, "ticket_id": number,
                                          "status": "super_emergency"}
    assert len(standin.received("mycx_ticket")) == 2


class TestBackoff:
    def test_backoff_never_exceeds_the_cap(self):
        rng = random.Random(3)
        assert all(0 <= backoff_delay(n, 2.0, 600.0, rng) <= 600.0 for n in range(1, 200))

    def test_backoff_ceiling_grows_with_each_attempt(self):
        rng = random.Random(4)
        means = [sum(backoff_delay(n, 1.0, 10_000.0, rng) for _ in range(2000)) / 2000 for n in (1, 2, 3, 4, 5)]
        assert all(later > earlier * 1.6 for earlier, later in zip(means, means[1:]))
        assert 0.4 < means[0] < 0.6       # full jitter: mean is half the ceiling

    def test_backoff_is_jittered(self):
        rng = random.Random(5)
        samples = {round(backoff_delay(6, 2.0, 600.0, rng), 6) for _ in range(50)}
        assert len(samples) > 45 and max(samples) <= 64.0
