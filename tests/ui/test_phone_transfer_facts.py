"""The core Phone's consult and transfer commands, and their facts on the GUI thread, against sipp peers.

The desk session counts `call_state_changed`/`call_ended` as the customer call: the
consultation's snapshots must arrive on `consult_state_changed` only, and a transfer's
steps on `transfer_progressed`.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.core.phone import Phone
from app.telephony.events import SipConfig
from tests.integration.sip.peers import start_sipp

pytestmark = pytest.mark.sip


@pytest.fixture
def core_phone(qtbot, qt_event_loop):
    pool = ThreadPoolExecutor(1)
    phone = Phone(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True), None, qt_event_loop)
    seen: list[tuple[str, object, bool]] = []
    gui = threading.current_thread()
    events = phone.events
    for fact in (events.call_state_changed, events.call_ended, events.consult_state_changed,
                 events.transfer_progressed, events.error_raised):
        fact.connect(lambda v, name=fact.name: seen.append((name, v, threading.current_thread() is gui)))
    asyncio.ensure_future(phone.start(pool))
    qtbot.waitUntil(lambda: phone.status in ("running", "failed"), timeout=10000)
    assert phone.running, phone.failure
    yield phone, seen
    phone.stop()
    pool.shutdown()


def _of(seen, name):
    return [v for n, v, _ in seen if n == name]


def test_consult_then_attended_transfer_facts_keep_the_legs_apart(qtbot, tmp_path, core_phone):
    phone, seen = core_phone
    customer = start_sipp(tmp_path, "uas_consult_replaces.xml", calls=1)
    tl = start_sipp(tmp_path, "uas_answer.xml", calls=1)
    try:
        phone.dial(customer.uri(), attempt_id="ui-7", record_path=None)
        qtbot.waitUntil(lambda: any(s.state == "connected" for s in _of(seen, "call_state_changed")), timeout=3000)
        phone.consult(tl.uri("tl1"))
        qtbot.waitUntil(lambda: any(s.state == "connected" for s in _of(seen, "consult_state_changed")),
                        timeout=3000)
        assert phone.consult_call() is not None and phone.consult_call().leg == "consult"
        phone.complete_consult()
        qtbot.waitUntil(lambda: bool(_of(seen, "call_ended")), timeout=5000)
        qtbot.waitUntil(lambda: _of(seen, "consult_state_changed")[-1].state == "ended", timeout=3000)
        outcome = _of(seen, "call_ended")[0]
        assert outcome.transferred and outcome.attempt_id == "ui-7"
        progress = _of(seen, "transfer_progressed")
        assert progress[-1].stage == "succeeded" and progress[-1].message_id == "Transfer berhasil"
        assert {s.leg for s in _of(seen, "call_state_changed")} == {"customer"}
        assert {s.leg for s in _of(seen, "consult_state_changed")} == {"consult"}
        assert _of(seen, "error_raised") == []
        assert all(on_gui for _n, _v, on_gui in seen), "subscribers run on the GUI thread"
        assert customer.wait(5) == 0 and tl.wait(5) == 0
    finally:
        customer.stop()
        tl.stop()
