"""Claims last as long as the work (issue 14): a call and a wrap-up far longer than the claim's time
to live keep the customer, because the desk renews its claim while the customer is open; another
agent cannot take it meanwhile.  Real SIP (pjsua2 against sipp), a clock the test moves on."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from app.core.desk import Desk
from app.core.desk.session import DeskSession, SessionState
from app.core.phone import Phone
from app.store.models import WorkItem
from app.telephony.events import SipConfig

pytestmark = pytest.mark.sip


def held(database, item_id):
    with database.session() as s:
        row = s.get(WorkItem, item_id)
        return row.state, row.claimed_by_id, row.claim_expires_at


def test_a_long_call_and_wrap_up_never_lose_their_claim(database, make_ctx, world, clock, sipp_uas):
    if database.dialect != "sqlite":
        pytest.skip("the renewal is the desk's; the queue's SQL is covered on both back-ends elsewhere")
    sipp = sipp_uas("uas_answer.xml")
    ctx, other = make_ctx("agent1"), Desk(make_ctx("agent2"))      # the queue's claim TTL: 30 minutes

    async def cycle():
        phone = Phone(SipConfig(domain=sipp.uri_host, null_audio=True, bind_address="127.0.0.1",
                                ring_timeout_seconds=8), None, asyncio.get_running_loop())
        await phone.start(ctx.io)
        desk = Desk(ctx)
        item_id = desk.claim_next()
        session = DeskSession(desk, item_id, phone=phone, heartbeat_seconds=0.05)
        session.start()
        try:
            async def until(predicate, timeout=10.0):
                deadline = asyncio.get_running_loop().time() + timeout
                while not predicate():
                    assert asyncio.get_running_loop().time() < deadline
                    await asyncio.sleep(0.02)

            async def an_hour_passes():
                for _ in range(3):                  # 3 × 20 minutes, each followed by a heartbeat
                    clock.advance(timedelta(minutes=20))
                    before = held(database, item_id)[2]
                    await until(lambda: held(database, item_id)[2] != before)
                    assert not other.claim(item_id), "another agent must not get a customer still worked"
                state, holder, expires = held(database, item_id)
                assert holder == world["agent1"] and expires > clock.now()
                return state

            await until(lambda: session.state is SessionState.READY)
            session.dial()
            await until(lambda: session.call is not None and session.call.state == "connected")
            assert await an_hour_passes() == "in_call"
            session.hangup()
            await until(lambda: session.state is SessionState.WRAP_UP)
            assert await an_hour_passes() == "wrap_up"
            session.submit("CT-AGR", {"promise_date": (clock.now().date() + timedelta(days=2)).isoformat(),
                                      "promise_amount": "385000"}, "")
            await until(lambda: session.state is SessionState.CLOSED)
            return item_id
        finally:
            await session.close()
            await asyncio.get_running_loop().run_in_executor(None, phone.stop)

    item_id = asyncio.run(cycle())
    state, holder, _expires = held(database, item_id)
    assert state == "done" and holder is None
