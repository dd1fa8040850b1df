"""Applying the pages to settings and saving them: shared by the dialog and the wizard.

`SettingsEditor` owns the pages, builds the settings to save (a copy: nothing
changes in the running app until the save succeeded), puts typed secrets in the
keyring and writes the user file through BackgroundOp.  Secrets never reach the
settings file.
"""

from __future__ import annotations

import copy
import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal

from app.platform.config import SECRET_NAMES, Settings
from app.platform.secrets import set_secret
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.settings.audio import AudioPage
from app.views.settings.connections import ConnectionsPage
from app.views.settings.pages import DialingPage, GeneralPage, SettingsPage, SipPage

log = logging.getLogger(__name__)


def save_settings(settings: Settings, secrets: dict[str, str]) -> str:
    """Worker side of saving: keyring first (a failure leaves the file untouched), then the file."""
    for name, value in secrets.items():
        if name not in SECRET_NAMES:
            raise ValueError(f"unknown secret {name!r}")
        set_secret(name, value)
    values = copy.deepcopy(settings.values)
    for name in SECRET_NAMES:
        values.pop(name, None)
    path = Settings(values).save_user()
    log.info("settings saved to %s (secrets changed: %s)", path, ", ".join(sorted(secrets)) or "none")
    return str(path)


class SettingsEditor(QObject):
    saved = Signal(object)          # the Settings now in effect
    save_failed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.general = GeneralPage()
        self.sip = SipPage()
        self.dialing = DialingPage()
        self.audio = AudioPage()
        self.connections = ConnectionsPage()
        for page in self.pages():
            page.load(settings)
        self.sip.use_values(settings.values)

    def pages(self) -> list[SettingsPage]:
        return [self.general, self.sip, self.dialing, self.audio, self.connections]

    def edited(self) -> Settings:
        """The settings as the pages show them; ValueError names what is wrong."""
        edited = Settings(copy.deepcopy(self.settings.values))
        for page in self.pages():
            page.store(edited)
        return edited

    def secrets(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for page in self.pages():
            out.update(page.secrets())
        return out

    def save(self, parent: QObject, done: Callable[[], None] | None = None) -> bool:
        """Start saving; False (and save_failed) when a page refuses its values."""
        try:
            edited = self.edited()
        except ValueError as exc:
            self.save_failed.emit(message(exc))
            return False
        secrets = self.secrets()

        def saved(_path: str) -> None:
            self.settings.values = edited.values     # the running app sees the new values
            self.saved.emit(self.settings)
            if done:
                done()
        BackgroundOp(parent, lambda: save_settings(edited, secrets), saved) \
            .failure(lambda exc: self.save_failed.emit(message(exc))).run()
        return True
