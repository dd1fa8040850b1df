"""Starting the window: application, language, login, and the desk for the role.

Start-up work that touches disk or network (opening and migrating the
database, the demo back-ends) runs before the first window; everything after the
login goes through BackgroundOp.  Shutdown stops the phone (libDestroy once),
the outbox worker and the demo back-ends, also on Ctrl+C.
"""

from __future__ import annotations

import logging
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.platform.config import Settings, SettingsError, save_user_value, use_profile
from app.core.context import CurrentUser
from app.core.runtime import Runtime
from app.store.db import DatabaseUrlError
from app.views import i18n

log = logging.getLogger(__name__)


def desk_for(runtime: Runtime, user: CurrentUser):
    """The main window for the logged-in user's role."""
    ctx = runtime.ctx
    ctx.user = user
    if user.role in ("agent", "tier2"):
        if "phone" not in ctx.services:
            from app.views.phone_signals import PhoneSignals
            signals = PhoneSignals()
            ctx.services["phone_signals"] = signals
            try:
                runtime.start_phone(signals)
            except Exception as exc:  # noqa: BLE001 - the desk still opens, dialling is disabled
                log.exception("softphone failed to start")
                ctx.services["phone_error"] = str(exc)
        from app.views.desk.window import AgentDeskWindow
        return AgentDeskWindow(ctx)
    if user.role == "team_leader":
        from app.views.teamleader import TeamLeaderWindow
        return TeamLeaderWindow(ctx)
    if user.role == "qc":
        from app.views.qc import QcWindow
        return QcWindow(ctx)
    from app.views.admin import AdminWindow
    return AdminWindow(ctx)


def _stop_on_signals(app: QApplication) -> list[int]:
    """Ctrl+C, a `kill`, a session logoff: close cleanly (the demo's simulator included)
    instead of dying with children left behind.  Returns the signals received so far."""
    received: list[int] = []

    def stop(signum, _frame) -> None:
        received.append(signum)
        QTimer.singleShot(0, app.quit)      # ends app.exec(), or is dropped before it starts
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    return received


def run_gui(args) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sambung")
    app.setOrganizationName("Sambung")
    from app.views.gc_guard import GuiThreadCollector
    collector = GuiThreadCollector(app)
    stop_requested = _stop_on_signals(app)
    if args.demo:
        use_profile("demo")
    try:
        settings = Settings.load()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.lang:
        settings.set("language", args.lang)
    i18n.install(app, settings.get("language", "id"))
    from app.views.settings.startup import StartupProbe, first_run_needed, run_first_run
    StartupProbe.install(app)   # no-op unless SAMBUNG_TIMING/AUTOLOGIN/EXIT_AFTER_START/EXIT_AFTER_DESK is set
    if first_run_needed(args) and run_first_run(settings):   # settings is updated in place
        i18n.install(app, args.lang or settings.get("language", "id"))
    try:
        runtime = Runtime.open(settings, args.db, demo=args.demo)
    except DatabaseUrlError as exc:
        QMessageBox.critical(None, "Sambung", str(exc))
        print(str(exc), file=sys.stderr)
        return 2
    if stop_requested:          # stopped while starting: no window, the same clean stop
        runtime.stop()
        return 0
    windows: list = []

    from app.views.login import LoginWindow

    def logged_in(user: CurrentUser) -> None:
        runtime.ensure_clients()
        runtime.start_outbox()
        window = desk_for(runtime, user)
        windows.append(window)
        window.show()

    def show_login() -> None:
        login = LoginWindow(runtime.ctx)
        login.logged_in.connect(logged_in)
        login.language_changed.connect(change_language)
        windows.append(login)
        login.show()

    def change_language(lang: str) -> None:
        # Widgets are built translated, so the login is rebuilt in the new language.
        settings.set("language", lang)
        i18n.install(app, lang)
        old = windows.pop()
        show_login()
        old.close()
        old.deleteLater()
        try:
            save_user_value("language", lang)
        except OSError as exc:
            log.warning("language not saved: %s", exc)

    show_login()

    keepalive = QTimer()
    keepalive.start(250)
    keepalive.timeout.connect(lambda: None)
    app.aboutToQuit.connect(runtime.stop)
    app.aboutToQuit.connect(collector.stop)
    try:
        return app.exec()
    finally:
        runtime.stop()
