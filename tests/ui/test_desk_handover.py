"""Handing the customer to the team leader from the desk (issue 16, item 13): consult while the
customer waits, hand over (attended transfer), a direct transfer that fails, a TL who is busy.
Every step shows on the call panel; a failure leaves the call with the agent.  sipp peers play
the customer and the team leader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.telephony.events import SipConfig
from tests.ui.desks import desk_ready_to_dial
from tests.integration.sip.peers import start_sipp
from tests.integration.sip.rtp_pcap import write_prompt_pcap

pytestmark = pytest.mark.sip


@pytest.fixture
def talking_desk(qtbot, ui_ctx, desk_phone, tmp_path):
    """A desk talking to a customer that `customer_scenario` plays; the TL is `tl_scenario`."""
    peers = []

    def start(customer_scenario: str, tl_scenario: str = "uas_answer.xml", tl_keys: dict | None = None,
              customer_keys: dict | None = None):
        customer = start_sipp(tmp_path, customer_scenario, calls=1, keys=customer_keys,
                              echo="pcap" not in (customer_keys or {}))
        tl = start_sipp(tmp_path, tl_scenario, calls=1, keys=tl_keys)
        peers.extend((customer, tl))
        ui_ctx.settings.set("sip.supervisor_number", tl.uri("tl1"))
        desk_phone(ui_ctx, SipConfig(domain=f"127.0.0.1:{customer.port}", null_audio=True,
                                     bind_address="127.0.0.1", ring_timeout_seconds=30))
        desk = desk_ready_to_dial(qtbot, ui_ctx)
        desk.dial()
        qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
        return desk, customer, tl

    yield start
    for peer in peers:
        peer.stop()


def test_consult_then_hand_over_ends_the_call_as_transferred(qtbot, talking_desk):
    desk, customer, tl = talking_desk("uas_consult_replaces.xml")
    handover = desk.call.handover
    assert handover.consult_button.isEnabled() and not handover.complete_button.isEnabled()
    qtbot.keyClick(desk, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: handover.complete_button.isEnabled(), timeout=10000)
    assert desk.call.state == "on_hold", "the customer waits on hold while the agent talks to the TL"
    assert handover.status.text() in ("Team leader on the line — the customer is on hold",
                                      "Team leader tersambung — pelanggan ditahan")
    assert handover.conference_button.isEnabled() and handover.back_button.isEnabled()
    assert not handover.consult_button.isEnabled(), "one consultation at a time"
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        handover.complete_button.click()
    qtbot.waitUntil(lambda: handover.status.text() in ("Transfer berhasil", "Transfer succeeded"))
    assert not any(b.isEnabled() for b in (handover.consult_button, handover.complete_button,
                                            handover.back_button)), "the call is over"
    assert customer.wait(5) == 0 and tl.wait(5) == 0


def test_a_refused_direct_transfer_says_why_and_the_call_stays(qtbot, talking_desk):
    desk, customer, _tl = talking_desk("uas_refer_refused.xml", customer_keys={"code": "403", "reason": "Forbidden"})
    handover = desk.call.handover
    handover.blind_button.click()
    qtbot.waitUntil(lambda: "gagal" in handover.status.text() or "failed" in handover.status.text(),
                    timeout=10000)
    assert handover.status.text().endswith(("the customer is still with you", "pelanggan masih bersama Anda"))
    assert "b3261e" in handover.status.styleSheet(), "a failure reads as one"
    assert desk.call.state == "connected" and handover.consult_button.isEnabled()
    assert "403" in handover.status.text()
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    assert customer.wait(5) == 0


def test_a_busy_team_leader_is_said_and_the_agent_goes_back_to_the_customer(qtbot, talking_desk, tmp_path):
    pcap = write_prompt_pcap(tmp_path / "customer.pcap", seconds=15.0)
    desk, customer, tl = talking_desk("uas_hold_resume_prompt.xml", "uas_reject.xml",
                                      {"code": "486", "reason": "Busy Here"}, {"pcap": str(pcap)})
    handover = desk.call.handover
    desk.transfer()
    qtbot.waitUntil(lambda: handover.status.text().startswith(("The team leader's call ended",
                                                               "Panggilan ke team leader berakhir")), timeout=10000)
    assert "486" in handover.status.text()
    assert desk.call.state == "on_hold" and handover.back_button.isEnabled()
    assert not handover.complete_button.isEnabled()
    handover.back_button.click()
    qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
    assert not handover.back_button.isEnabled() and handover.consult_button.isEnabled()
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
    assert customer.wait(5) == 0 and tl.wait(5) == 0, "the customer was held, then resumed"


def test_without_a_supervisor_number_the_agent_is_told_what_to_set(qtbot, talking_desk):
    desk, _customer, _tl = talking_desk("uas_answer.xml")
    desk.ctx.settings.set("sip.supervisor_number", "")
    desk.transfer()
    assert "sip.supervisor_number" in desk.statusBar().currentMessage()
    assert desk.call.state == "connected"
    with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
        desk.hangup()
