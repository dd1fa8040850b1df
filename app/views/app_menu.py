"""The menu every window gets: settings (what the role may change), diagnostics for the help
desk, help (F1), log out / switch user, quit.

Words are looked up under one context ("AppMenu"): `window.tr()` would look under the window's
class name and find nothing.  Logging out is asked, not done, here: the menu emits
`log_out_requests(window)`, and whoever opened the window (app.views.main) closes it — the
window may refuse, a call being on — and shows the login again.  The window never knows about
the login.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from app.domain.roles import AGENT_ROLES, Role
from app.views.background import BackgroundOp


class _SessionRequests(QObject):
    log_out_requested = Signal()


def log_out_requests(window: QMainWindow):
    """The window's "log out / switch user" signal (made on first use, owned by the window)."""
    requests = window.findChild(_SessionRequests, "sessionRequests")
    if requests is None:
        requests = _SessionRequests(window)
        requests.setObjectName("sessionRequests")
    return requests.log_out_requested


def install_app_menu(window: QMainWindow, ctx) -> None:
    menu = window.menuBar().addMenu(QCoreApplication.translate("AppMenu", "&Sambung"))
    menu.setObjectName("appMenu")
    requests = log_out_requests(window)
    actions = {
        "settings": menu.addAction(QCoreApplication.translate("AppMenu", "Settings…"), QKeySequence("Ctrl+,"),
                                   lambda: _show_settings(window, ctx)),
        "diagnostics": menu.addAction(QCoreApplication.translate("AppMenu", "Copy diagnostics for the help desk"),
                                      lambda: _copy_diagnostics(window, ctx)),
        "help": menu.addAction(QCoreApplication.translate("AppMenu", "Help"), QKeySequence("F1"),
                               lambda: _show_help(window, ctx)),
        "log_out": menu.addAction(QCoreApplication.translate("AppMenu", "Log out / switch user"),
                                  QKeySequence("Ctrl+Shift+L"), requests.emit),
        "quit": menu.addAction(QCoreApplication.translate("AppMenu", "Quit"), QKeySequence("Ctrl+Q"), window.close),
    }
    menu.insertSeparator(actions["log_out"])
    for name, action in actions.items():
        action.setObjectName(f"menu_{name}")
    window.app_actions = actions


def _show_settings(window, ctx) -> None:
    from app.views.settings import SettingsDialog
    SettingsDialog(ctx.settings, ctx, window).exec()
    refresh = getattr(window, "_update_actions", None)
    if refresh is not None:
        refresh()


def _copy_diagnostics(window, ctx) -> None:
    from app.core.diagnostics import collect

    def copied(text: str) -> None:
        QApplication.clipboard().setText(text)
        window.statusBar().showMessage(
            QCoreApplication.translate("AppMenu", "Diagnostics copied to the clipboard."), 8000)
    BackgroundOp(window, lambda: collect(ctx), copied).run()


def _show_help(window, ctx) -> None:
    user = getattr(ctx, "user", None)
    try:
        agent = user is not None and Role(user.role) in AGENT_ROLES
    except ValueError:
        agent = False
    if agent:
        from app.views.desk.help_overlay import HelpOverlay
        HelpOverlay(window).exec()
    else:
        from app.views.window_help import WindowHelp
        WindowHelp(user.role if user else "", window).exec()
