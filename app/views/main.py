"""Starting the window: application, language, login, and the desk for the role.

Start-up work that touches disk or network (opening and migrating the
database, the demo back-ends) runs before the first window; the login checks the
password off the GUI thread (a team's PostgreSQL: it connects as the user); every
window gets the Account menu (change my password); the app menu's "log out / switch user"
(app.views.app_menu.log_out_requests) shows the login again, closes the window the way the
user would and signs out (phone, outbox, the user's connection); after the login the
event loop is qasync's (asyncio on Qt's loop), on which the desk session runs, and
screens' reads go through BackgroundOp.  Shutdown closes every window the way the
user would, then stops the phone (libDestroy once), the outbox worker and the demo
back-ends: also on Ctrl+C, SIGTERM and SIGHUP.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Callable

import qasync

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from app.platform.config import Settings, SettingsError, save_user_value, use_profile
from app.core.context import CurrentUser
from app.core.runtime import DatabaseUrlError, Runtime
from app.domain.roles import AGENT_ROLES, Role
from app.views import i18n
from app.views.app_menu import log_out_requests
from app.views.shutdown import stop_on_signals

log = logging.getLogger(__name__)


def desk_for(runtime: Runtime, user: CurrentUser, loop: asyncio.AbstractEventLoop | None = None):
    """The main window for the logged-in user's role."""
    ctx = runtime.ctx
    ctx.user = user
    if Role(user.role) in AGENT_ROLES:
        if ctx.phone is None:
            runtime.start_phone(loop or asyncio.get_event_loop())
        from app.views.desk.window import AgentDeskWindow
        return AgentDeskWindow(ctx)
    if Role(user.role) is Role.TEAM_LEADER:
        from app.views.teamleader import TeamLeaderWindow
        # The TL's caring call (W-24 5.2.8) needs the phone: started when the first one is opened.
        ctx.services["start_phone"] = lambda: ctx.phone or runtime.start_phone(loop or asyncio.get_event_loop())
        return TeamLeaderWindow(ctx)
    if Role(user.role) is Role.SUPPORT_HC:
        from app.views.supporthc import SupportHcWindow
        return SupportHcWindow(ctx)
    if Role(user.role) is Role.QC:
        from app.views.qc import QcWindow
        return QcWindow(ctx)
    from app.views.admin import AdminWindow
    return AdminWindow(ctx)


def return_to_login(window, show_login, sign_out: Callable[[], None] = lambda: None) -> bool:
    """Log out / switch user: the login comes back, then the window closes as the user would close
    it, and `sign_out` ends the user's phone, outbox and (team) connection.  A window may refuse (a
    call on, a result not saved): then the login goes away again and the user stays where they were.
    The agent desk agrees and closes later (its shift ends first, `closing`): the login waits,
    disabled, until it has, so a next login cannot race the old one's sign-out.  True when the
    window closed or is closing."""
    login = show_login()
    if window.close():
        sign_out()
        return True
    if not getattr(window, "closing", False):
        login.close()
        return False
    login.setEnabled(False)

    class _WhenHidden(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Hide and not event.spontaneous():   # not a minimise
                watched.removeEventFilter(self)
                sign_out()
                login.setEnabled(True)
                self.deleteLater()
            return False
    window.installEventFilter(_WhenHidden(login))
    return True


def run_gui(args) -> int:
    from app.views.qt_setup import before_qapplication
    before_qapplication()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sambung")
    app.setOrganizationName("Sambung")
    from app.views.crash_reporter import install_crash_reporter
    from app.views.gc_guard import GuiThreadCollector
    collector = GuiThreadCollector(app)
    install_crash_reporter(app)
    stop_requested = stop_on_signals(app)
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
        QMessageBox.critical(None, "Sambung", i18n.message(exc))
        print(str(exc), file=sys.stderr)
        return 2
    if stop_requested:          # stopped while starting: no window, the same clean stop
        runtime.stop()
        return 0
    windows: list = []

    from app.views.login import LoginWindow

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    from app.views.account import install_account_menu
    demo_users, demo_password = ((), "")
    if args.demo:
        from app.core.demo import demo_logins
        demo_users, demo_password = demo_logins()

    def logged_in(user: CurrentUser) -> None:
        runtime.ensure_clients()
        runtime.start_outbox(loop)
        window = desk_for(runtime, user, loop)
        if isinstance(window, QMainWindow):
            install_account_menu(window, runtime.ctx)
        windows.append(window)
        log_out_requests(window).connect(lambda: log_out(window))
        window.show()

    def log_out(window) -> None:
        if return_to_login(window, show_login, runtime.sign_out):
            windows.remove(window)
        else:
            windows.pop().deleteLater()         # the login shown for nothing

    def show_login():
        login = LoginWindow(runtime.ctx, runtime.sign_in, demo_users, demo_password)
        login.logged_in.connect(logged_in)
        login.language_changed.connect(change_language)
        windows.append(login)
        login.show()
        return login

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
    QTimer.singleShot(2000, collector.settle)       # start-up's objects leave the collector's view

    keepalive = QTimer()      # Python runs signal handlers only between bytecodes: wake it up
    keepalive.start(250)
    keepalive.timeout.connect(lambda: None)
    app.aboutToQuit.connect(collector.stop)
    try:
        with loop:
            return loop.run_forever()
    finally:
        runtime.stop()
