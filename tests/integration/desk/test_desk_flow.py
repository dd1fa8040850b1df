"""The agent's loop through the use cases, on SQLite and PostgreSQL, with a frozen clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core.desk import Desk, DeskError, ResultInvalid
from app.store.models import CallAttempt, OutboxMessage, Phone, Result, WorkItem
from tests.fixtures.wire import round_trips


def call(desk: Desk, item_id: int, phone_id: int, status: int | None, answered: bool):
    started = desk.start_attempt(item_id, phone_id)
    desk.finish_attempt(started.attempt_id, answered=answered, status_code=status, reason="",
                        ring_seconds=3.0, talk_seconds=40.0 if answered else 0.0, recording_path=None,
                        recording_error=None, suggested_reason=None)
    return started


def item(database, item_id) -> WorkItem:
    with database.session() as s:
        return s.get(WorkItem, item_id)


def test_agree_saves_result_and_one_outbox_row_per_destination(database, make_ctx, world, clock):
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    assert item_id == world["item1"]
    started = call(desk, item_id, world["phone1"], 200, True)
    promise = (clock.now() + timedelta(days=3)).date().isoformat()
    saved = desk.save_result(item_id, started.attempt_id, "CT-AGR",
                             {"promise_date": promise, "promise_amount": "385.000"}, "janji bayar di Indomaret")
    assert saved.decision.next_state.value == "done"
    with database.session() as s:
        result = s.get(Result, saved.result_id)
        assert (result.reason_code, result.qc_status, str(result.promise_date)) == ("CT-AGR", "pending", promise)
        assert int(result.promise_amount) == 385000
        rows = s.scalars(select(OutboxMessage).where(OutboxMessage.result_id == result.id)).all()
        assert sorted(r.destination for r in rows) == ["mycx", "tamara"]
        assert len({r.idempotency_key for r in rows}) == 2
        assert rows[0].payload["reason_code"] == "CT-AGR" and rows[0].payload["promise_amount"] == 385000
    assert item(database, item_id).state == "done"


def test_the_dials_attempt_is_written_with_its_move_and_on_postgresql_in_two_round_trips(
        database, make_ctx, world, clock, tmp_path):
    """F5 waits for this write before the INVITE leaves: on PostgreSQL it waits for the read (BEGIN
    sent with it) and for the write (COMMIT sent with it), and for nothing else."""
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    started = []

    def dial():
        started.append(desk.start_attempt(item_id, world["phone1"]))
    if database.dialect == "postgresql":
        sent = round_trips(database, tmp_path / "wire.trace", dial)
        assert len(sent) == 2 and sent[0][0] == "BEGIN" and len(sent[0]) == 2, sent
        assert sent[1][-1] == "COMMIT" and len(sent[1]) == 2, sent
    else:
        dial()
    with database.session() as s:
        attempt = s.get(CallAttempt, started[0].attempt_id)
        moved = s.get(WorkItem, item_id)
        assert (attempt.work_item_id, attempt.phone_id, attempt.attempt_no, attempt.started_at) == (
            item_id, world["phone1"], 1, clock.now())
        assert attempt.counts is None and attempt.holiday_consent is False and attempt.ended_at is None
        assert (moved.state, moved.attempts_in_round, moved.attempts_total) == ("in_call", 1, 1)
    assert started[0].attempt_no == 1


def test_a_saved_result_has_the_models_defaults_and_on_postgresql_is_written_with_its_move(
        database, make_ctx, world, clock, tmp_path):
    """The result goes in with the item's move (one statement on PostgreSQL: on a busy floor each
    round trip waits for a CPU), then its messages; what the save left unset takes the model's
    defaults, in the row and in what MyCX is sent."""
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    started = call(desk, item_id, world["phone1"], 486, False)
    saved = []

    def save():
        saved.append(desk.save_result(item_id, started.attempt_id, "NC-BSY", {}))
    if database.dialect == "postgresql":
        sent = round_trips(database, tmp_path / "wire.trace", save)
        # BEGIN, the read, the result with the move, the outbox rows, COMMIT: one each
        assert [len(trip) for trip in sent] == [1] * 5 and sent[0][0].startswith("BEGIN"), sent
        assert sent[-1] == ["COMMIT"], sent
    else:
        save()
    with database.session() as s:
        result = s.get(Result, saved[0].result_id)
        assert (result.revision, result.is_current, result.review_status, result.qc_status, result.holiday_consent,
                result.fields, result.created_at) == (1, True, "none", "n/a", False, {}, clock.now())
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.result_id == result.id,
                                                       OutboxMessage.destination == "mycx"))
        assert message.payload["result_id"] == f"{result.id}-r1" and message.payload["revision"] == 1
    assert item(database, item_id).state == saved[0].decision.next_state.value == "retry_later"


def test_agree_without_promise_date_is_refused_and_nothing_is_written(database, make_ctx, world):
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    started = call(desk, item_id, world["phone1"], 200, True)
    with pytest.raises(ResultInvalid) as err:
        desk.save_result(item_id, started.attempt_id, "CT-AGR", {"promise_amount": "100000"})
    assert "promise_date" in err.value.errors
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Result)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert item(database, item_id).state == "wrap_up"


def test_pranpc_busy_three_times_closes_unreachable(database, make_ctx, world, clock):
    desk = Desk(make_ctx())
    item_id = world["item1"]
    for attempt in range(1, 4):
        assert desk.claim(item_id), f"attempt {attempt}: item must be claimable when due"
        started = call(desk, item_id, world["phone1"], 486, False)
        saved = desk.save_result(item_id, started.attempt_id, "NC-BSY", {})
        state = item(database, item_id)
        if attempt < 3:
            assert state.state == "retry_later"
            assert f"{attempt} dari 3" in saved.decision.summary_id
            clock.set(state.next_attempt_at)
    assert state.state == "closed_unreachable"
    assert state.attempts_total == 3


def test_ct0_not_reached_three_times_pends_then_gets_three_more(database, make_ctx, world, clock):
    # CT-0's pend and second round are a site's choice since issue 18 (docs/rules.md): a site that chose them.
    ctx = make_ctx()
    ctx.settings.set("programs", {"CT0": {"pend_after_first_round": True}})
    desk = Desk(ctx)
    item_id = world["item2"]
    for _ in range(3):
        assert desk.claim(item_id)
        started = call(desk, item_id, world["phone2"], 480, False)
        desk.save_result(item_id, started.attempt_id, "NC-RNA", {})
        clock.set(item(database, item_id).next_attempt_at)
    pended = item(database, item_id)
    assert pended.state == "pending_until" and pended.round_no == 2 and pended.attempts_in_round == 0
    for _ in range(3):
        assert desk.claim(item_id)
        started = call(desk, item_id, world["phone2"], 480, False)
        desk.save_result(item_id, started.attempt_id, "NC-RNA", {})
        if item(database, item_id).next_attempt_at:
            clock.set(item(database, item_id).next_attempt_at)
    final = item(database, item_id)
    assert final.state == "closed_unreachable" and final.attempts_total == 6


def test_wrong_number_marks_that_phone_invalid_and_keeps_the_item(database, make_ctx, world):
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    started = call(desk, item_id, world["phone1"], 200, True)
    desk.save_result(item_id, started.attempt_id, "NC-WRN", {})
    with database.session() as s:
        assert s.get(Phone, world["phone1"]).invalid is True
        assert s.get(Phone, world["phone1b"]).invalid is False
    assert item(database, item_id).state == "retry_later"
    card = desk.card(item_id)
    assert [p.invalid for p in card.phones] == [True, False]


def test_crash_in_wrap_up_restores_draft_and_counts_the_attempt_once(database, make_ctx, world):
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    started = desk.start_attempt(item_id, world["phone1"])        # the process dies during the call
    desk.save_draft(item_id, started.attempt_id, {"reason_code": "CT-PAID", "fields": {}, "notes": "sudah bayar"})
    del desk
    again = Desk(make_ctx())
    assert again.unfinished_item() == item_id
    again.recover_interrupted(item_id)
    card = again.card(item_id)
    assert card.state == "wrap_up" and card.open_attempt_id == started.attempt_id
    assert again.load_draft(item_id)["notes"] == "sudah bayar"
    again.save_result(item_id, card.open_attempt_id, "CT-PAID", {}, "sudah bayar")
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(CallAttempt)) == 1
        assert s.get(WorkItem, item_id).attempts_total == 1
    assert again.load_draft(item_id) is None


def test_another_agents_item_cannot_be_dialled(database, make_ctx, world):
    mine = Desk(make_ctx("agent1"))
    item_id = mine.claim_next()
    theirs = Desk(make_ctx("agent2"))
    with pytest.raises(DeskError):
        theirs.start_attempt(item_id, world["phone1"])
    assert theirs.claim_next() != item_id


def test_result_without_call_only_for_reasons_that_are_not_attempts(database, make_ctx, world):
    desk = Desk(make_ctx())
    item_id = desk.claim_next()
    with pytest.raises(ResultInvalid):
        desk.save_result(item_id, None, "NC-BSY", {})
    saved = desk.save_result(item_id, None, "NC-NON", {}, "semua nomor salah")
    assert saved.decision.next_state.value == "done"
    assert item(database, item_id).attempts_total == 0


def test_next_owes_mycx_a_pick_notice_only_for_a_prospect_pulled_from_mycx(database, make_ctx, world):
    # The claim's own statement tells the item's source: a file's prospect costs no second transaction.
    with database.session() as s:
        pulled = s.get(WorkItem, world["item1"])
        pulled.source, program = f"mycx:{pulled.program}", pulled.program
    desk = Desk(make_ctx())
    first, second = desk.claim_next(), desk.claim_next()
    assert first == world["item1"] and second not in (None, first)
    with database.session() as s:
        picks = s.scalars(select(OutboxMessage).where(OutboxMessage.destination == "mycx_pick")).all()
        assert [(p.payload["agent"], p.payload["program"]) for p in picks] == [(desk.user.username, program)]
    assert not (item(database, second).source or "").startswith("mycx:")


def test_the_card_shows_every_call_and_result_with_its_agent_and_worst_delivery(database, make_ctx, world, clock):
    desk = Desk(make_ctx())
    item_id = world["item1"]
    earlier = clock.now() - timedelta(hours=1)
    with database.session() as s:        # agent2's earlier call (a PBX fault) and a result without a call
        s.add(CallAttempt(work_item_id=item_id, agent_id=world["agent2"], phone_id=world["phone1b"],
                          dialled="+622270000001", round_no=1, attempt_no=1, started_at=earlier,
                          sip_status=503, sip_reason="Service Unavailable", counts=False))
        s.add(Result(work_item_id=item_id, agent_id=world["agent2"], program="PRANPC", reason_code="NC-NON",
                     contacted=False, next_state="new", created_at=earlier + timedelta(minutes=5)))
    assert desk.claim_next() == item_id
    started = call(desk, item_id, world["phone1"], 486, False)
    saved = desk.save_result(item_id, started.attempt_id, "NC-BSY", {}, "sibuk")
    with database.session() as s:
        for message in s.scalars(select(OutboxMessage).where(OutboxMessage.result_id == saved.result_id)):
            message.status = "failed" if message.destination == "mycx" else "delivered"
    card = desk.card(item_id)
    assert (card.name, [p.e164 for p in card.phones]) == ("Pelanggan 1", ["+6281234560001", "+622270000001"])
    assert [(h.dialled, h.sip, h.reason_code, h.agent, h.delivery, h.counted) for h in card.history] == [
        ("+622270000001", "503 Service Unavailable", None, "Budi Santoso", "", False),
        ("", "", "NC-NON", "Budi Santoso", "", True),
        ("+6281234560001", "486", "NC-BSY", "Siti Rahayu", "failed", True)]
    assert card.history[2].notes == "sibuk" and card.history[2].attempt_id == started.attempt_id


def test_agent_state_spans_open_once_per_change_and_end_when_the_next_begins(database, make_ctx, clock):
    from app.store.models import AgentStateSpan
    desk = Desk(make_ctx())
    changes = [("ready", None), ("ready", None), ("not_ready", "prayer"), ("not_ready", "break"),
               ("not_ready", "break"), ("in_call", None)]
    for state, reason in changes:
        clock.advance(timedelta(minutes=1))
        desk.set_agent_state(state, reason)
    with database.session() as s:
        spans = s.scalars(select(AgentStateSpan).where(AgentStateSpan.agent_id == desk.user.id)
                          .order_by(AgentStateSpan.id)).all()
        assert [(x.state, x.pause_reason) for x in spans] == [
            ("ready", None), ("not_ready", "prayer"), ("not_ready", "break"), ("in_call", None)]
        assert [x.ended_at is None for x in spans] == [False, False, False, True]
        assert all(a.ended_at == b.started_at for a, b in zip(spans, spans[1:]))


def test_warming_up_at_login_compiles_a_customers_reads_and_changes_nothing(database, make_ctx, world):
    """SQLAlchemy compiles a statement at its first run: the first customer after login cost the
    desk's io thread 135 ms on SQLite, the next ones 13, the window waiting meanwhile."""
    from sqlalchemy import event
    from sqlalchemy.engine.default import CACHE_MISS

    def state() -> tuple:
        with database.session() as s:
            return tuple(s.scalar(select(func.count()).select_from(model)) for model in (CallAttempt, Result)) + (
                s.scalar(select(func.count()).where(WorkItem.claimed_by_id.is_not(None))),)
    compiled = []

    def note(_conn, _cursor, statement, _params, context, _many):
        if context.compiled is not None and statement.lstrip().startswith("SELECT"):
            compiled.append(context.cache_hit == CACHE_MISS)

    def first_customer(warm: bool) -> int:
        database.engine._compiled_cache.clear()
        desk = Desk(make_ctx())
        if warm:
            before = state()
            desk.warm_up()
            assert state() == before                            # nothing read was changed
        compiled.clear()
        event.listen(database.engine, "after_cursor_execute", note)
        try:
            item_id = desk.claim_next()
            started = call(desk, item_id, desk.card(item_id).phones[0].id, 486, False)
            desk.save_result(item_id, started.attempt_id, "NC-BSY", {})
        finally:
            event.remove(database.engine, "after_cursor_execute", note)
        return sum(compiled)
    cold = first_customer(warm=False)
    warm = first_customer(warm=True)
    assert warm == 0 and cold >= 5, (warm, cold)     # the claim's reads, the card's, the call's end, the save's...


def test_the_dials_write_runs_statements_built_once(database, make_ctx):
    """F5 waits for this write: building its statements per call cost more than SQLite's running them."""
    from tests.fixtures.wire import statements_per_run
    desk = Desk(make_ctx())
    ran = []
    for _ in range(3):
        item_id = desk.claim_next()
        phone_id = desk.card(item_id).phones[0].id
        started = []
        ran += statements_per_run(database, lambda: started.append(call(desk, item_id, phone_id, 486, False)), runs=1)
        desk.save_result(item_id, started[0].attempt_id, "NC-BSY", {})
    assert ran[2] == ran[1] and ran[1], ran          # the same statement objects, none built anew
