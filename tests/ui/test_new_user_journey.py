"""A new user's first start, end to end: `sambung demo-backends` as the site, the first-run
wizard filled in and tested against it, the login, the desk, and a real call to the simulator.

Everything is the real thing: the back-ends run in their own process (stand-in HTTP server,
pjsua2 customer simulator, seeded SQLite), the wizard's buttons run their real checks (the
SIP test is a `sambung sip-check` child process), and the desk is built by the same
composition root as the window (Runtime.open, desk_for).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTime, Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from app.platform.config import Settings, user_file
from app.platform.secrets import get_secret
from app.store.models import CallAttempt, Phone, WorkItem
from app.views.login import LoginWindow
from app.views.main import desk_for
from app.views.settings import FirstRunWizard
from tests.fixtures.demo_backends import DemoBackendsProcess
from tests.integration.sip.peers import free_port

pytestmark = pytest.mark.sip
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "trial-site-token-123"


class DemoBackends(DemoBackendsProcess):
    def __init__(self, folder: Path) -> None:
        self.http_port, self.sip_port = free_port(), free_port()
        env = dict(os.environ, SAMBUNG_HOME=str(folder / "backends-home"),
                   PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        super().__init__([sys.executable, "-m", "app", "demo-backends", "--port", str(self.http_port),
                          "--sip-port", str(self.sip_port), "--db", str(folder / "site.db"), "--token", TOKEN],
                         env, ROOT, timeout=60)


@pytest.fixture
def backends(tmp_path):
    b = DemoBackends(tmp_path)
    yield b
    if b.proc.poll() is None:
        assert b.stop() == 0


def walk_through_wizard(qtbot, backends: DemoBackends) -> None:
    wizard = FirstRunWizard(Settings.load())
    qtbot.addWidget(wizard)
    wizard.show()
    e = wizard.editor
    # Welcome: the demo's customers may be called at any hour.
    e.general.start.setTime(QTime(0, 0))
    e.general.end.setTime(QTime(23, 59))
    for box in e.general.days:
        box.setChecked(True)
    wizard.next()
    # SIP: no registrar, the simulator as the domain; the test asks it with OPTIONS.
    assert backends.values["SIP_DOMAIN"] == f"127.0.0.1:{backends.sip_port}"
    e.sip.registrar.setText("")
    e.sip.domain.setText(backends.values["SIP_DOMAIN"])
    e.settings.set("sip.bind_address", "127.0.0.1")
    with qtbot.waitSignal(e.sip.sip_checked, timeout=30000) as sip:
        e.sip.test_button.click()
    assert sip.args[0] is True, sip.args[1]
    assert "200 OK" in e.sip.answer.text()
    assert "WARNING" not in e.sip.answer.text() and "pjsua" not in e.sip.answer.text(), "the log is not the answer"
    wizard.next()
    wizard.next()                                   # dialling: the defaults
    qtbot.waitUntil(lambda: e.audio.capture.findData("null") >= 0, timeout=10000)
    e.audio.capture.setCurrentIndex(e.audio.capture.findData("null"))
    e.audio.playback.setCurrentIndex(e.audio.playback.findData("null"))
    wizard.next()
    c = e.connections
    for field in c.urls.values():
        field.setText(backends.values["URL"])
    c.token.setText(TOKEN)
    with qtbot.waitSignal(c.connection_checked, timeout=15000) as http:
        c.check_button.click()
    assert http.args[0] is True, http.args[1]
    c.database_url.setText(backends.values["DATABASE_URL"])
    with qtbot.waitSignal(c.database_checked, timeout=15000) as db:
        c.db_button.click()
    assert db.args[0] is True, db.args[1]
    with qtbot.waitSignal(wizard.settings_saved, timeout=10000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def dialable_item(database) -> int:
    """A prospect whose first number the simulator answers (last digit 0-3)."""
    with database.session() as s:
        for item in s.scalars(select(WorkItem).where(WorkItem.state == "new", WorkItem.program != "TIER2")
                              .order_by(WorkItem.id)):
            phones = s.scalars(select(Phone).where(Phone.customer_id == item.customer_id,
                                                   Phone.invalid.is_(False)).order_by(Phone.id)).all()
            if phones and phones[0].e164[-1] in "0123":
                return item.id
    raise AssertionError("the demo has no prospect the simulator answers")


def test_new_user_sets_up_against_the_demo_backends_and_makes_a_call(qtbot, backends, monkeypatch):
    from app.core.runtime import Runtime

    walk_through_wizard(qtbot, backends)
    saved = json.loads(user_file().read_text(encoding="utf-8"))
    assert saved["api"]["mycx_url"] == backends.values["URL"]
    assert saved["sip"]["domain"] == backends.values["SIP_DOMAIN"]
    assert TOKEN not in json.dumps(saved), "the token goes to the keyring, not the file"
    assert get_secret("api_token") == TOKEN

    runtime = Runtime.open(Settings.load())
    try:
        login = LoginWindow(runtime.ctx, runtime.sign_in)
        qtbot.addWidget(login)
        login.show()
        assert login.select_username("agent1")
        with qtbot.waitSignal(login.logged_in, timeout=10000) as chosen:
            login.sign_in_as("agent1", "demo")        # the demo back-ends' users have the demo password
        runtime.ensure_clients()
        runtime.start_outbox()
        desk = desk_for(runtime, chosen.args[0])
        qtbot.addWidget(desk)
        desk.show()
        qtbot.waitUntil(lambda: desk.queue_model.rowCount() > 0, timeout=10000)
        item_id = dialable_item(runtime.ctx.database)
        assert desk.desk.claim(item_id)
        with qtbot.waitSignal(desk.item_opened, timeout=10000):
            desk.open_item(item_id)
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled(), timeout=15000)
        qtbot.keyClick(desk, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: desk.call.state == "connected", timeout=15000)
        with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
            qtbot.keyClick(desk, Qt.Key.Key_F6)
        with runtime.ctx.database.session() as s:
            attempt = s.scalars(select(CallAttempt).where(CallAttempt.work_item_id == item_id)).one()
            assert attempt.answered and attempt.sip_status == 200
        # Closing in wrap-up asks whether to leave the result as a draft: the new user says yes.
        monkeypatch.setattr("app.views.desk.window.ask_yes_no", lambda *_a: True)
        desk.close()
        qtbot.waitUntil(lambda: not desk.isVisible(), timeout=10000)
    finally:
        runtime.stop()
