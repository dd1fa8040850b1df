"""The first-run wizard: the settings a new PC needs before the first login.

Shown by app.views.main when the user has no settings file yet (never in
--demo).  Its pages are the settings dialog's pages (SettingsEditor), in the
order IT fills them in: language, SIP account, dial rules, audio, connections.
Finishing saves through SettingsEditor; cancelling saves nothing, and the app
starts on the site file's values.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage

from app.platform.config import Settings
from app.views.settings.editor import SettingsEditor


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str, widget) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        layout = QVBoxLayout(self)
        layout.addWidget(widget)


class FirstRunWizard(QWizard):
    settings_saved = Signal(object)

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sambung — first start"))
        self.setMinimumSize(640, 520)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.editor = SettingsEditor(settings, self)
        self.editor.saved.connect(self._saved)
        self.editor.save_failed.connect(self._save_failed)
        self.error = QLabel()
        self.error.setObjectName("wizardError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        e = self.editor
        self.addPage(_Page(self.tr("Welcome to Sambung"),
                           self.tr("A few settings for this PC. Your IT team can tell you the values; "
                                   "you can change them later in Settings."), e.general))
        self.addPage(_Page(self.tr("SIP account"),
                           self.tr("The telephone account of this workstation. Test it before you go on."), e.sip))
        self.addPage(_Page(self.tr("Dialling"),
                           self.tr("How this site's telephone exchange wants numbers dialled."), e.dialing))
        self.addPage(_Page(self.tr("Headset"), self.tr("Choose and test the microphone and speaker."), e.audio))
        last = _Page(self.tr("Connections"),
                     self.tr("The addresses of i-payment, MyCX, TAMARA, the Callback app and the database."),
                     e.connections)
        last.layout().addWidget(self.error)
        self.addPage(last)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self._saving = False

    def accept(self) -> None:
        # Finish saves first; the wizard closes only once the file is written.
        if self._saving:
            return
        self.error.clear()
        if self.editor.save(self):
            self._saving = True
            self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

    def _saved(self, settings: Settings) -> None:
        self._saving = False
        self.settings_saved.emit(settings)
        super().accept()

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.error.setText(self.tr("Not saved: %1").replace("%1", message))
