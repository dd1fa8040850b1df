"""The desk's keyboard: every shortcut of the help table, Alt+1…9 for the numbers, and the
digit keys that send DTMF while a call is up (and only then)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from app.views.desk.help_overlay import SHORTCUTS, describe


def install(window) -> None:
    actions = {"next": window.next_item, "search": lambda: (window.search.setFocus(), window.search.selectAll()),
               "dial": window.dial, "redial": window.redial, "hangup": window.hangup, "hold": window.call.hold_button.toggle,
               "mute": window.call.mute_button.toggle, "transfer": window.transfer,
               "reason": window.wrapup.focus_reason, "save": window.wrapup.save, "no_call": window.result_without_call, "reinput": window.reinput,
               "release": window.release_item, "pause": window.bar.toggle_ready, "cancel": window.cancel}
    window.shortcuts = {}
    for key, name, _text in SHORTCUTS:
        if name in actions:
            window.shortcuts[name] = QShortcut(QKeySequence(key), window, activated=actions[name],
                                               context=Qt.ShortcutContext.WindowShortcut)
    QShortcut(QKeySequence("Ctrl+Enter"), window, activated=window.wrapup.save)
    for n in range(1, 10):
        QShortcut(QKeySequence(f"Alt+{n}"), window, activated=lambda i=n - 1: window.card.choose_phone(i))
    window.dtmf_shortcuts = [QShortcut(QKeySequence(k), window, activated=lambda k=k: window.dtmf(k))
                             for k in "0123456789*#"]
    enable_dtmf(window, False)
    window.next_button.setToolTip(describe("next"))
    window.call.dial_button.setToolTip(describe("dial"))
    window.call.hangup_button.setToolTip(describe("hangup"))
    from app.views.app_menu import install_app_menu
    install_app_menu(window, window.ctx)


def enable_dtmf(window, on: bool) -> None:
    for shortcut in window.dtmf_shortcuts:
        shortcut.setEnabled(on)
