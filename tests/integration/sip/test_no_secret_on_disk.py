"""Secrets stay in memory and the OS keyring (issue 14): every file the app writes during a demo
session (login with a password, the desk, a bill look-up and a delivery with the API token,
debug logging on) and during a `sambung call` that registers with a SIP password is read back,
and none holds a secret."""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.sip
ROOT = Path(__file__).resolve().parents[3]


def files_under(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def holders(secret: str, files: list[Path]) -> list[str]:
    needle = secret.encode("utf-8")
    return [str(f) for f in files if needle in f.read_bytes()]


@pytest.fixture
def debug_log_to_disk():
    """The app's own rotating log (as `sambung` configures it), at debug level, undone afterwards."""
    from app.platform import logging_setup
    root = logging.getLogger()
    level = root.level
    path = logging_setup.configure(verbose=True)
    yield path
    for handler in list(logging_setup._configured):
        root.removeHandler(handler)
        handler.close()
    logging_setup._configured.clear()
    root.setLevel(level)


def test_a_demo_session_writes_no_secret_to_disk(qtbot, sambung_home, debug_log_to_disk):
    from app.core.demo import demo_logins
    from app.core.runtime import Runtime
    from app.platform.config import Settings, use_profile
    from app.store import accounts
    from app.store.models import OutboxMessage
    from app.views.login import LoginWindow
    from app.views.main import desk_for

    use_profile("demo")
    runtime = Runtime.open(Settings.load(), demo=True)
    desk = None
    try:
        token = runtime.demo.token
        password = "Rahasia-" + secrets.token_urlsafe(12)
        accounts.set_password(runtime.ctx.database, "agent1", password, datetime.now(timezone.utc))
        users, demo_password = demo_logins()
        login = LoginWindow(runtime.ctx, runtime.sign_in, users, demo_password)
        qtbot.addWidget(login)
        login.show()
        with qtbot.waitSignal(login.logged_in, timeout=10000) as signed:
            login.sign_in_as("agent1", password)
        runtime.ensure_clients()
        runtime.start_outbox()
        desk = desk_for(runtime, signed.args[0])
        qtbot.addWidget(desk)
        desk.show()
        qtbot.waitUntil(lambda: desk.queue_model.rowCount() > 0, timeout=10000)
        with qtbot.waitSignal(desk.item_opened, timeout=10000):
            qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        # The look-up sent the API token whatever it found: a demo account ending in 0000 is the
        # stand-in's documented unknown account (404), and one was the first customer in a run.
        qtbot.waitUntil(lambda: desk.bill.state in ("data", "not_found", "error"), timeout=10000)
        # A call to the demo's simulator (a result without a call is only for a customer with no valid
        # number): answered or still ringing (the first customer's number depends on the hour: one
        # ending in 5 rings until the ring timeout), it is hung up; the wrap-up follows either way.
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled(), timeout=10000)
        wrapup = qtbot.waitSignal(desk.wrapup_started, timeout=30000)
        with wrapup:
            qtbot.keyClick(desk, Qt.Key.Key_F5)
            qtbot.waitUntil(lambda: wrapup.signal_triggered
                            or desk.call.state in ("ringing", "early_media", "connected"), timeout=20000)
            if not wrapup.signal_triggered:
                qtbot.keyClick(desk, Qt.Key.Key_F6)
        if not desk.wrapup.reason_code():
            desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-PAID"))    # no field to fill
        with qtbot.waitSignal(desk.result_saved, timeout=10000):
            qtbot.keyClick(desk, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        worker = runtime.ctx.services["outbox"]
        worker.wake()

        def delivered() -> bool:
            with runtime.ctx.database.session() as s:
                return any(m.status == "delivered" for m in s.query(OutboxMessage))
        qtbot.waitUntil(delivered, timeout=15000)
        desk.close()
        qtbot.waitUntil(lambda: not desk.isVisible(), timeout=10000)
    finally:
        runtime.stop()
    written = files_under(sambung_home)
    assert any(f.suffix == ".db" for f in written) and debug_log_to_disk in written, \
        "the session really wrote its database and its log"
    assert holders(token, written) == []
    assert holders(password, written) == []


def test_sambung_call_with_a_sip_password_writes_no_secret_to_disk(kamailio, sipp_uas, tmp_path):
    sipp = sipp_uas("uas_answer.xml")
    home = tmp_path / "home"
    home.mkdir()
    recording = tmp_path / "call.wav"
    env = dict(os.environ, SAMBUNG_HOME=str(home), SAMBUNG_SITE_FILE=str(tmp_path / "site.json"),
               PYTHON_KEYRING_BACKEND="tests.fixtures.env_keyring.EnvSecretsKeyring",
               SAMBUNG_TEST_SECRET_SIP_PASSWORD=kamailio.password)
    done = subprocess.run([sys.executable, "-m", "app", "-v", "call", f"sip:0812345678@{sipp.uri_host}",
                           "--registrar", kamailio.registrar, "--user", kamailio.user, "--domain", "127.0.0.1",
                           "--bind", "127.0.0.1", "--null-audio", "--hangup-after", "0.5", "--record",
                           str(recording)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr   # registered: a wrong password exits 3
    written = files_under(home, tmp_path / "site.json") + [recording]
    assert any(f.suffix == ".log" for f in written), "the command logged to its file"
    assert holders(kamailio.password, written) == []
    assert kamailio.password not in done.stdout + done.stderr
