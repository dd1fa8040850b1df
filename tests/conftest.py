"""Shared fixtures: every test runs with its own SAMBUNG_HOME and an in-memory keyring."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.team", "tests.fixtures.samba",
                  "tests.fixtures.standin", "tests.fixtures.sip", "tests.fixtures.qt_gc",
                  "tests.fixtures.imap", "tests.fixtures.qt_loop", "tests.fixtures.simulator",
                  "tests.fixtures.modal_watchdog", "tests.fixtures.lock_watchdog", "tests.fixtures.parallel"]

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "app.platform.secrets.MemoryKeyring"


def pytest_configure(config):
    # The windows under test run as the program runs them (app.views.main, before its QApplication):
    # Qt paints on the GUI thread alone and the interpreter lock changes hands every millisecond.
    # With Python's default 5 ms, each Qt call from the window waited up to that long for the lock
    # while the desk's io threads worked: the card's 26 label updates took 86 ms.
    from app.views.qt_setup import before_qapplication
    before_qapplication()


@pytest.fixture(autouse=True)
def sambung_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("sambung_home")
    monkeypatch.setenv("SAMBUNG_HOME", str(home))
    monkeypatch.setenv("SAMBUNG_SITE_FILE", str(home / "site.json"))
    yield home
    from app.platform import secrets
    secrets._session.clear()        # a demo started by one test must not lend its token to the next
    secrets.MemoryKeyring._store.clear()    # nor one test's secrets to another
    from app.platform.config import use_profile
    use_profile("")


@pytest.fixture(autouse=True)
def logging_levels():
    """The levels `app.platform.logging_setup.configure` sets go back after each test: a verbose
    configure left behind made every later test in that process log each SQL row (a 100,000-row
    export took 200 s instead of 3)."""
    import logging
    names = ("", "urllib3", "alembic", "sqlalchemy.engine")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """Windows left open by a test close as at a program stop: without questions (a desk in
    wrap-up would otherwise ask whether to close, and wait for an answer nobody gives)."""
    app = sys.modules.get("PySide6.QtWidgets") and sys.modules["PySide6.QtWidgets"].QApplication.instance()
    if app is not None:
        app.setProperty("sambung.stopping", True)
    try:
        return (yield)
    finally:
        if app is not None:
            app.setProperty("sambung.stopping", False)
