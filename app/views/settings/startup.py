"""Start-up hooks of the window: the first-run wizard, timing marks, and the build checks.

`first_run_needed(args)` / `run_first_run(settings)` decide on and show the
wizard.  `StartupProbe` serves the cold-start benchmark and the packaging test
through environment variables only (nothing changes for agents):

- SAMBUNG_TIMING=1          print "timing login_shown S", "timing login_accepted S",
                            "timing desk_ready S" (S = seconds since process start)
- SAMBUNG_AUTOLOGIN=USER    log USER in as soon as the login lists users
- SAMBUNG_EXIT_AFTER_START=1  quit once the login window is shown
- SAMBUNG_EXIT_AFTER_DESK=1   quit once the desk's queue has its first page

It must not change what an agent sees when none of these are set.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.config import Settings, user_file
from app.diagnostics import timing


def first_run_needed(args) -> bool:
    return not getattr(args, "demo", False) and not user_file().exists() \
        and os.environ.get("SAMBUNG_NO_WIZARD") != "1"


def run_first_run(settings: Settings) -> bool:
    """Show the wizard (modal); True when the settings were saved."""
    from app.views.settings.wizard import FirstRunWizard
    wizard = FirstRunWizard(settings)
    return wizard.exec() == FirstRunWizard.DialogCode.Accepted


class StartupProbe:
    def __init__(self, app: QApplication, environ=os.environ) -> None:
        self.app = app
        self.exit_after_start = environ.get("SAMBUNG_EXIT_AFTER_START") == "1"
        self.exit_after_desk = environ.get("SAMBUNG_EXIT_AFTER_DESK") == "1"
        self.autologin = environ.get("SAMBUNG_AUTOLOGIN", "")
        self._poll: QTimer | None = None

    def login_shown(self, login) -> None:
        # Marked from the event loop: the window has been laid out and exposed by then.
        QTimer.singleShot(0, lambda: self._login_painted(login))

    def _login_painted(self, login) -> None:
        timing("login_shown")
        if self.exit_after_start:
            print("login window shown", flush=True)
            QTimer.singleShot(0, self.app.quit)
            return
        if self.autologin:
            self._poll = QTimer(login)
            self._poll.setInterval(5)
            self._poll.timeout.connect(lambda: self._try_login(login))
            self._poll.start()

    def _try_login(self, login) -> None:
        if login.users.count() and login.select_username(self.autologin):
            self._poll.stop()
            timing("login_accepted")
            login._accept()

    def desk_shown(self, window) -> None:
        model = getattr(window, "queue_model", None)
        if model is None:
            QTimer.singleShot(0, lambda: self._desk_ready())
            return
        model.loaded.connect(lambda _total: self._desk_ready())

    def _desk_ready(self) -> None:
        timing("desk_ready")
        if self.exit_after_desk:
            QTimer.singleShot(0, self.app.quit)
