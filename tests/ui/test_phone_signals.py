"""PhoneSignals delivers SIP-thread events on the GUI thread, in order, against a real sipp customer."""

from __future__ import annotations

import threading

import pytest

from app.telephony.events import SipConfig
from app.telephony.softphone import Softphone
from app.views.phone_signals import PhoneSignals
from tests.integration.sip.peers import start_sipp

pytestmark = pytest.mark.sip


@pytest.fixture
def sipp_answer(tmp_path):
    sipp = start_sipp(tmp_path, "uas_answer.xml")
    yield sipp
    sipp.stop()


@pytest.fixture
def signals_phone(qtbot):
    signals = PhoneSignals()
    phone = Softphone(signals)
    yield signals, phone
    phone.stop()


def test_call_states_arrive_in_order_on_the_gui_thread_then_the_outcome(qtbot, sipp_answer, signals_phone):
    signals, phone = signals_phone
    seen: list[tuple[str, bool]] = []
    gui = threading.current_thread()
    signals.call_state_changed.connect(
        lambda snap: seen.append((snap.state, threading.current_thread() is gui)))
    with qtbot.waitSignal(signals.registration_changed, timeout=3000) as reg:
        phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
    assert reg.args[0].status == "unregistered"          # direct dialing: no registrar
    with qtbot.waitSignal(signals.call_state_changed, timeout=3000,
                          check_params_cb=lambda snap: snap.state == "connected"):
        phone.dial(sipp_answer.uri(), attempt_id="ui-1")
    with qtbot.waitSignal(signals.call_ended, timeout=3000) as ended:
        phone.hangup()
    outcome = ended.args[0]
    assert outcome.answered and outcome.status_code == 200 and outcome.attempt_id == "ui-1"
    qtbot.waitUntil(lambda: seen and seen[-1][0] == "ended", timeout=2000)
    assert [state for state, _ in seen] == ["dialing", "ringing", "connected", "ended"]
    assert all(on_gui for _, on_gui in seen), "slots run on the GUI thread (queued delivery)"


def test_busy_customer_outcome_and_error_signal_reach_the_gui(qtbot, tmp_path, signals_phone):
    signals, phone = signals_phone
    sipp = start_sipp(tmp_path, "uas_reject.xml", keys={"code": "486", "reason": "Busy Here"})
    try:
        phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
        with qtbot.waitSignal(signals.call_ended, timeout=3000) as ended:
            phone.dial(sipp.uri())
        assert ended.args[0].suggested_reason_code == "NC-BSY"
        with qtbot.waitSignal(signals.error_raised, timeout=3000) as err:
            phone.hangup()                       # no call any more: an error for the agent
        assert err.args[0] == "Tidak ada panggilan aktif."
    finally:
        sipp.stop()
