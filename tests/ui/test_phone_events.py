"""PhoneEvents delivers SIP-thread facts on the GUI thread (qasync's loop), in order, against a
real sipp customer."""

from __future__ import annotations

import threading

import pytest

from app.core.phone import PhoneEvents
from app.telephony.events import SipConfig
from app.telephony.softphone import Softphone
from tests.integration.sip.peers import start_sipp

pytestmark = pytest.mark.sip


@pytest.fixture
def sipp_answer(tmp_path):
    sipp = start_sipp(tmp_path, "uas_answer.xml")
    yield sipp
    sipp.stop()


class Seen:
    """Every fact as (name, value, on the GUI thread?)."""

    def __init__(self, events: PhoneEvents) -> None:
        self.facts: list[tuple[str, object, bool]] = []
        gui = threading.current_thread()
        for fact in (events.registration_changed, events.call_state_changed, events.call_ended,
                     events.error_raised):
            fact.connect(lambda v, name=fact.name: self.facts.append((name, v, threading.current_thread() is gui)))

    def of(self, name: str) -> list:
        return [v for n, v, _ in self.facts if n == name]


@pytest.fixture
def events_phone(qtbot, qt_event_loop):
    events = PhoneEvents(qt_event_loop)
    phone = Softphone(events)
    yield events, phone, Seen(events)
    phone.stop()


def test_call_states_arrive_in_order_on_the_gui_thread_then_the_outcome(qtbot, sipp_answer, events_phone):
    events, phone, seen = events_phone
    phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
    qtbot.waitUntil(lambda: bool(seen.of("registration_changed")), timeout=3000)
    assert seen.of("registration_changed")[0].status == "unregistered"   # direct dialing: no registrar
    phone.dial(sipp_answer.uri(), attempt_id="ui-1")
    qtbot.waitUntil(lambda: any(s.state == "connected" for s in seen.of("call_state_changed")), timeout=3000)
    phone.hangup()
    qtbot.waitUntil(lambda: bool(seen.of("call_ended")), timeout=3000)
    outcome = seen.of("call_ended")[0]
    assert outcome.answered and outcome.status_code == 200 and outcome.attempt_id == "ui-1"
    qtbot.waitUntil(lambda: seen.of("call_state_changed")[-1].state == "ended", timeout=2000)
    assert [s.state for s in seen.of("call_state_changed")] == ["dialing", "ringing", "connected", "ended"]
    assert all(on_gui for _n, _v, on_gui in seen.facts), "subscribers run on the GUI thread (posted to the loop)"


def test_busy_customer_outcome_and_error_fact_reach_the_gui(qtbot, tmp_path, events_phone):
    events, phone, seen = events_phone
    sipp = start_sipp(tmp_path, "uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    try:
        phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
        phone.dial(sipp.uri())
        qtbot.waitUntil(lambda: bool(seen.of("call_ended")), timeout=3000)
        assert seen.of("call_ended")[0].suggested_reason_code == "NC-BSY"
        phone.hangup()                       # no call any more: an error for the agent
        qtbot.waitUntil(lambda: bool(seen.of("error_raised")), timeout=3000)
        assert seen.of("error_raised")[0] == "Tidak ada panggilan aktif."
    finally:
        sipp.stop()
