"""The menu every window gets: settings, diagnostics for the help desk, keyboard help, quit."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from app.views.background import BackgroundOp


def install_app_menu(window: QMainWindow, ctx) -> None:
    menu = window.menuBar().addMenu(window.tr("&Sambung"))
    menu.addAction(window.tr("Settings…"), QKeySequence("Ctrl+,"), lambda: _show_settings(window, ctx))
    menu.addAction(window.tr("Copy diagnostics for the help desk"), lambda: _copy_diagnostics(window, ctx))
    menu.addAction(window.tr("Keyboard shortcuts"), QKeySequence("F1"), lambda: _show_help(window))
    menu.addSeparator()
    menu.addAction(window.tr("Quit"), QKeySequence("Ctrl+Q"), window.close)


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
        window.statusBar().showMessage(window.tr("Diagnostics copied to the clipboard."), 8000)
    BackgroundOp(window, lambda: collect(ctx), copied).run()


def _show_help(window) -> None:
    from app.views.desk.help_overlay import HelpOverlay
    HelpOverlay(window).exec()
