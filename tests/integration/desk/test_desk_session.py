"""The desk session without widgets: one customer's cycle through real SIP (pjsua2 against sipp),
on plain asyncio, asserting the facts the screens would see, in order."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.desk.errors import DeskError
from app.core.desk.session import SessionState
from app.core.desk.shift import Shift
from app.core.phone import Phone
from app.store.models import CallAttempt, OutboxMessage, Result, WorkItem
from app.telephony.events import SipConfig

pytestmark = pytest.mark.sip


class FactLog:
    """Every fact of the shift and its sessions, as (name, value), in the order they came."""

    def __init__(self, shift: Shift) -> None:
        self.seen: list[tuple[str, object]] = []
        self.changed = asyncio.Event()
        shift.session_opened.connect(self._session)
        shift.nothing_claimed.connect(lambda v: self._add("nothing_claimed", v))

    def _add(self, name: str, value) -> None:
        self.seen.append((name, value))
        self.changed.set()

    def _session(self, session) -> None:
        self._add("session_opened", session.item_id)
        for fact in (session.state_changed, session.card_shown, session.call_state_changed, session.call_ended,
                     session.wrapup_opened, session.result_refused, session.result_saved, session.closed,
                     session.failed):
            fact.connect(lambda value, name=fact.name: self._add(name, value))

    def names(self) -> list[str]:
        return [n for n, _ in self.seen]

    def states(self) -> list[str]:
        return [v.value for n, v in self.seen if n == "state_changed"]

    async def wait_for(self, predicate, timeout: float = 10.0):
        async def wait() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()
        await asyncio.wait_for(wait(), timeout)


@pytest.fixture
def agent_ctx(make_ctx, database):
    if database.dialect != "sqlite":
        pytest.skip("the SIP cycle is the same on both databases; the SQL is covered elsewhere")
    ctx = make_ctx("agent1")
    yield ctx
    ctx.io.shutdown(wait=True)


async def start_phone(sipp) -> Phone:
    phone = Phone(SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1",
                            ring_timeout_seconds=8), None, asyncio.get_running_loop())
    return phone


def test_a_call_cycle_from_next_to_result_saved_posts_its_facts_in_order(agent_ctx, world, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")

    async def cycle():
        phone = await start_phone(sipp)
        await phone.start(agent_ctx.io)
        agent_ctx.phone = phone
        shift = Shift(agent_ctx)
        facts = FactLog(shift)
        try:
            await shift.start()
            shift.next()
            await facts.wait_for(lambda: SessionState.READY in [v for n, v in facts.seen if n == "state_changed"])
            session = shift.session
            assert session.item_id == world["item1"] and session.phone_id == world["phone1"]
            session.dial()
            with pytest.raises(DeskError):
                session.dial()                  # a second F5 while the first call starts
            await facts.wait_for(lambda: session.call is not None and session.call.state == "connected")
            session.hangup()
            await facts.wait_for(lambda: "wrapup_opened" in facts.names())
            wrapup = next(v for n, v in facts.seen if n == "wrapup_opened")
            assert wrapup.attempt_id is not None and wrapup.suggested is None
            session.submit("CT-AGR", {"promise_date": "2026-11-30", "promise_amount": "0"}, "")
            await facts.wait_for(lambda: "result_refused" in facts.names())
            session.submit("CT-AGR", {"promise_date": (date(2026, 11, 25) + timedelta(days=3)).isoformat(),
                                      "promise_amount": "385.000"}, "janji bayar")
            await facts.wait_for(lambda: "closed" in facts.names())
        finally:
            await shift.close()
            await asyncio.get_running_loop().run_in_executor(None, phone.stop)
        return facts, session

    facts, session = asyncio.run(cycle())
    names = facts.names()
    # The order the screens rely on.
    assert names.index("session_opened") < names.index("card_shown") < names.index("call_state_changed")
    assert names.index("call_ended") < names.index("wrapup_opened") < names.index("result_saved") \
        < names.index("closed")
    assert facts.states() == ["ready", "calling", "wrap_up", "saving", "wrap_up", "saving", "closed"]
    assert names.index("result_saved") > names.index("state_changed") and \
        facts.seen[names.index("result_saved") - 1] == ("state_changed", SessionState.CLOSED), \
        "the gate opens as the result is saved: the agent may take the next customer at once"
    call_states = [v.state for n, v in facts.seen if n == "call_state_changed"]
    assert "connected" in call_states and call_states.index("connected") > 0
    ended = next(v for n, v in facts.seen if n == "call_ended")
    assert ended.answered and ended.status_code == 200
    refused = next(v for n, v in facts.seen if n == "result_refused")
    assert "promise_amount" in refused.errors
    with agent_ctx.database.session() as s:
        attempt = s.scalars(select(CallAttempt)).one()
        assert attempt.answered and attempt.sip_status == 200 and attempt.ended_at is not None
        result = s.scalars(select(Result)).one()
        assert (result.reason_code, result.attempt_id, result.notes) == ("CT-AGR", attempt.id, "janji bayar")
        assert s.get(WorkItem, world["item1"]).state == "done"
        assert sorted(m.destination for m in s.scalars(select(OutboxMessage))) == ["mycx", "tamara"]


def test_closing_the_shift_mid_call_hangs_up_and_stores_the_call(agent_ctx, world, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")

    async def cycle():
        phone = await start_phone(sipp)
        await phone.start(agent_ctx.io)
        agent_ctx.phone = phone
        shift = Shift(agent_ctx)
        facts = FactLog(shift)
        try:
            await shift.start()
            shift.next()
            await facts.wait_for(lambda: shift.session is not None and shift.session.state is SessionState.READY)
            shift.session.dial()
            await facts.wait_for(lambda: shift.session.talking)
            await shift.close()
        finally:
            await asyncio.get_running_loop().run_in_executor(None, phone.stop)
        return facts

    facts = asyncio.run(cycle())
    assert "call_ended" in facts.names()
    with agent_ctx.database.session() as s:
        attempt = s.scalars(select(CallAttempt)).one()
        assert attempt.sip_status == 200 and attempt.talk_seconds is not None and attempt.ended_at is not None
        item = s.get(WorkItem, world["item1"])
        assert item.state == "wrap_up" and item.claimed_by_id == world["agent1"], \
            "the result is still owed: the next login resumes it"


def test_closing_an_undialled_customer_gives_it_back(agent_ctx, world):
    async def cycle():
        shift = Shift(agent_ctx)
        facts = FactLog(shift)
        await shift.start()
        shift.next()
        await facts.wait_for(lambda: shift.session is not None and shift.session.state is SessionState.READY)
        await shift.close()

    asyncio.run(cycle())
    with agent_ctx.database.session() as s:
        item = s.get(WorkItem, world["item1"])
        assert item.state == "new" and item.claimed_by_id is None
