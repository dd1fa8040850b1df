"""The keyboard map of the desk, shown by F1 and used to build the shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

# (key sequence, action name, description) — one table so tooltips, shortcuts and help agree.
SHORTCUTS = (
    ("Ctrl+N", "next", QT_TRANSLATE_NOOP("Shortcuts", "Take the next customer from the queue")),
    ("Ctrl+F", "search", QT_TRANSLATE_NOOP("Shortcuts", "Search the queue (name, account, phone)")),
    ("Return", "open", QT_TRANSLATE_NOOP("Shortcuts", "In the queue: take the selected customer")),
    ("Alt+1", "phone", QT_TRANSLATE_NOOP("Shortcuts", "Alt+1…9: choose the number to dial")),
    ("F5", "dial", QT_TRANSLATE_NOOP("Shortcuts", "Dial the chosen number")),
    ("Ctrl+F5", "redial", QT_TRANSLATE_NOOP("Shortcuts", "Dial the last number again")),
    ("F6", "hangup", QT_TRANSLATE_NOOP("Shortcuts", "Hang up")),
    ("F7", "hold", QT_TRANSLATE_NOOP("Shortcuts", "Hold / resume")),
    ("F8", "mute", QT_TRANSLATE_NOOP("Shortcuts", "Mute / unmute")),
    ("F9", "transfer", QT_TRANSLATE_NOOP("Shortcuts", "Consult the team leader (the customer waits on hold)")),
    ("F10", "transfer_tl", QT_TRANSLATE_NOOP("Shortcuts", "Tier-2: consult the team leader about the ticket")),
    ("Ctrl+R", "reason", QT_TRANSLATE_NOOP("Shortcuts", "Choose the result reason")),
    ("Ctrl+Return", "save", QT_TRANSLATE_NOOP("Shortcuts", "Save the result")),
    ("Ctrl+W", "no_call", QT_TRANSLATE_NOOP("Shortcuts", "Record a result without a call (no valid number)")),
    ("Ctrl+I", "reinput", QT_TRANSLATE_NOOP("Shortcuts", "Re-input a returned result without a call")),
    ("Ctrl+L", "release", QT_TRANSLATE_NOOP("Shortcuts", "Put the customer back in the queue")),
    ("Ctrl+P", "pause", QT_TRANSLATE_NOOP("Shortcuts", "Ready / not ready")),
    ("Escape", "cancel", QT_TRANSLATE_NOOP("Shortcuts", "Step back: from a result without a call, or the "
                                                        "automatic dial countdown")),
    ("F1", "help", QT_TRANSLATE_NOOP("Shortcuts", "Show this help")),
)


def describe(action: str) -> str:
    for key, name, text in SHORTCUTS:
        if name == action:
            return f"{QCoreApplication.translate('Shortcuts', text)} ({key})"
    return action


class HelpOverlay(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{QCoreApplication.translate('Shortcuts', text)}</td></tr>"
                       for key, _n, text in SHORTCUTS)
        label = QLabel(f"<table>{rows}</table><p>"
                       + self.tr("During a call, digits 0–9, * and # send DTMF.") + "</p>")
        label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
