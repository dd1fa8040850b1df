"""The settings dialog: the settings the user's role may change on tabs, Save, and "Copy diagnostics".

Opened from a window's menu with the logged-in user's context: an administrator sees every site
setting, anyone else only their own (language, headset, their SIP password where the site allows;
app.domain.settings_access).  Opened without a login (a PC's set-up) it shows everything, as
the first-run wizard does with the same page widgets.  The diagnostics report is collected on a
worker and put on the clipboard for a help-desk ticket.  Saving goes through SettingsEditor and
the core use case; the dialog must not write files or read the network itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout)

from app.domain.settings_access import FIRST_SETUP
from app.platform.config import Settings
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.settings.editor import SettingsEditor


def scrolled(widget):
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class SettingsDialog(QDialog):
    settings_saved = Signal(object)        # Settings
    diagnostics_copied = Signal(str)

    def __init__(self, settings: Settings, ctx=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        user = getattr(ctx, "user", None)
        editor = user.role if user is not None else FIRST_SETUP
        self.editor = SettingsEditor(settings, self, editor)
        self.setWindowTitle(self.tr("Sambung — settings") if self.editor.site
                            else self.tr("Sambung — my settings"))
        self.setMinimumSize(620, 520 if self.editor.site else 360)
        self.editor.saved.connect(self._saved)
        self.editor.save_failed.connect(self._save_failed)
        self.tabs = QTabWidget()
        e = self.editor
        for page, title in ((e.general, self.tr("General")), (e.sip, self.tr("SIP account")),
                            (e.dialing, self.tr("Dialling")), (e.audio, self.tr("Audio")),
                            (e.connections, self.tr("Connections")), (e.own_password, self.tr("SIP password"))):
            if page is not None:
                self.tabs.addTab(scrolled(page), title)
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        self.diagnostics_button = QPushButton(self.tr("Copy diagnostics"))
        self.diagnostics_button.setObjectName("copyDiagnostics")
        self.diagnostics_button.clicked.connect(self.copy_diagnostics)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.diagnostics_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def save(self) -> None:
        if self.editor.save(self):
            self.buttons.setEnabled(False)
            self.status.setText(self.tr("Saving…"))

    def _saved(self, settings: Settings) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(self.tr("Saved. Some changes take effect after restarting Sambung."))
        self.settings_saved.emit(settings)
        self.accept()

    def _save_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(self.tr("Not saved: %1").replace("%1", message))

    def copy_diagnostics(self) -> None:
        from app.core import diagnostics
        ctx = self.ctx or _SettingsOnly(self.editor.settings)
        self.diagnostics_button.setEnabled(False)
        BackgroundOp(self, lambda: diagnostics.collect(ctx), self._diagnostics_ready) \
            .failure(lambda exc: self._diagnostics_ready(message(exc))).run()

    def _diagnostics_ready(self, report: str) -> None:
        self.diagnostics_button.setEnabled(True)
        QGuiApplication.clipboard().setText(report)
        self.status.setText(self.tr("Diagnostics copied to the clipboard: paste them into the help-desk ticket."))
        self.diagnostics_copied.emit(report)


class _SettingsOnly:
    """What diagnostics needs when the dialog runs before the app is built (first run)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services: dict = {}
        self.user = None
        self.demo = False
        self.database = None
