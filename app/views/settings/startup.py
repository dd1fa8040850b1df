"""Start-up hooks of the window: the first-run wizard, timing marks, and the build checks.

`first_run_needed(args)` / `run_first_run(settings)` decide on and show the
wizard.  `StartupProbe` serves the cold-start benchmark and the packaging test
through environment variables only (nothing changes for agents; run_gui calls
`StartupProbe.install(app)`, which returns at once when none is set):

- SAMBUNG_TIMING=1          print "timing login_shown S", "timing login_accepted S",
                            "timing desk_ready S" (S = seconds since process start)
- SAMBUNG_AUTOLOGIN=USER    log USER in as soon as the login shows (password: SAMBUNG_PASSWORD, or the demo's)
- SAMBUNG_EXIT_AFTER_START=1  quit once the login window is shown
- SAMBUNG_EXIT_AFTER_DESK=1   quit once the desk's queue has its first page

It must not change what an agent sees when none of these are set.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.platform.config import Settings, user_file
from app.core.diagnostics import timing


def first_run_needed(args) -> bool:
    return not getattr(args, "demo", False) and not user_file().exists() \
        and os.environ.get("SAMBUNG_NO_WIZARD") != "1"


def run_first_run(settings: Settings) -> bool:
    """Show the wizard (modal); True when the settings were saved."""
    from app.views.settings.wizard import FirstRunWizard
    wizard = FirstRunWizard(settings)
    return wizard.exec() == FirstRunWizard.DialogCode.Accepted


PROBE_VARIABLES = ("SAMBUNG_TIMING", "SAMBUNG_AUTOLOGIN", "SAMBUNG_EXIT_AFTER_START", "SAMBUNG_EXIT_AFTER_DESK")


def probe_requested(environ=os.environ) -> bool:
    return any(environ.get(name) for name in PROBE_VARIABLES)


class StartupProbe(QObject):
    """Watches top-level windows being shown; acts only when a probe variable is set."""

    _installed: "StartupProbe | None" = None

    @classmethod
    def install(cls, app: QApplication, environ=os.environ) -> "StartupProbe | None":
        """Idempotent; does nothing (and costs nothing) unless a probe variable is set."""
        if not probe_requested(environ):
            return None
        if cls._installed is None:
            cls._installed = cls(app, environ)
            app.installEventFilter(cls._installed)
        return cls._installed

    def __init__(self, app: QApplication, environ=os.environ) -> None:
        super().__init__(app)
        self.app = app
        self.exit_after_start = environ.get("SAMBUNG_EXIT_AFTER_START") == "1"
        self.exit_after_desk = environ.get("SAMBUNG_EXIT_AFTER_DESK") == "1"
        self.autologin = environ.get("SAMBUNG_AUTOLOGIN", "")
        self._poll: QTimer | None = None
        self._seen: set[int] = set()

    def eventFilter(self, watched, event) -> bool:   # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and id(watched) not in self._seen:
            if type(watched).__name__ == "LoginWindow":
                self._seen.add(id(watched))
                self.login_shown(watched)
            elif hasattr(watched, "queue_model") or type(watched).__name__.endswith("Window"):
                self._seen.add(id(watched))
                self.desk_shown(watched)
        return False

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
        # The password: SAMBUNG_PASSWORD, else the demo's (shown on its login anyway).
        password = os.environ.get("SAMBUNG_PASSWORD") or login.demo_password
        self._poll.stop()
        timing("login_accepted")
        login.sign_in_as(self.autologin, password)

    def desk_shown(self, window) -> None:
        model = getattr(window, "queue_model", None)
        if model is None:
            QTimer.singleShot(0, self._desk_ready)
            return
        model.loaded.connect(lambda _total: self._desk_ready())

    def _desk_ready(self) -> None:
        timing("desk_ready")
        if self.exit_after_desk:
            QTimer.singleShot(0, self.app.quit)


def install_early(argv0: str = "sambung") -> None:
    """For launchers (the frozen entry point, the benchmark): build the QApplication
    run_gui will reuse, with the probe on it, before app.cli.main runs."""
    if probe_requested():
        app = QApplication.instance() or QApplication([argv0])
        StartupProbe.install(app)
