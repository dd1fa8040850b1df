"""A stop signal in the middle of a call (issue 19, defect 3): SIGTERM — a `kill`, a logoff, a
service manager — closes the desk as the agent would, without questions: the customer's call is
hung up with a BYE the other side receives, and the attempt is stored with its end."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.store.models import CallAttempt, WorkItem
from app.telephony.events import SipConfig
from app.views.desk.window import AgentDeskWindow
from app.views.shutdown import stop_on_signals
from tests.integration.sip.peers import start_sipp

pytestmark = pytest.mark.sip
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@pytest.fixture
def signal_handlers():
    saved = {signum: signal.getsignal(signum) for signum in SIGNALS}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)
    # The stop is over: later tests' windows ask their questions again, and the stop's fallback
    # quit (stop_on_signals) finds nothing stopping.
    QApplication.instance().setProperty("sambung.stopping", False)


def test_sigterm_mid_call_sends_a_bye_and_stores_the_call(qtbot, ui_ctx, desk_phone, tmp_path, signal_handlers):
    customer = start_sipp(tmp_path, "uas_answer.xml", calls=1)     # exits 0 only after our BYE
    try:
        desk_phone(ui_ctx, SipConfig(domain=f"127.0.0.1:{customer.port}", null_audio=True,
                                     bind_address="127.0.0.1"))
        desk = AgentDeskWindow(ui_ctx)
        qtbot.addWidget(desk)
        desk.show()
        with qtbot.waitSignal(desk.item_opened, timeout=5000) as opened:
            desk.next_item()
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
        desk.dial()
        qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=10000)
        received = stop_on_signals(QApplication.instance())
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: received == [signal.SIGTERM], timeout=2000)
        qtbot.waitUntil(lambda: not desk.isVisible(), timeout=10000)
        assert customer.wait(10) == 0, f"the customer never got a BYE: {customer.output()[-600:]}"
        with ui_ctx.database.session() as s:
            attempt = s.scalars(select(CallAttempt)).one()
            assert attempt.answered and attempt.ended_at is not None and attempt.talk_seconds > 0
            item = s.get(WorkItem, opened.args[0])
            assert item.state == "wrap_up" and item.claimed_by_id == ui_ctx.user.id, \
                "the wrap-up waits for the agent's next login"
    finally:
        customer.stop()
