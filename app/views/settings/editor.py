"""Applying the pages to settings and saving them: shared by the dialog and the wizard.

`SettingsEditor` owns the pages the editor's role may use (app.domain.settings_access: an
administrator and a PC's first set-up get every page; anyone else their language, headset and,
when the site allows, their own SIP password), builds the settings to save (a copy: nothing
changes in the running app until the save succeeded) and saves them through the core use case
app.core.settings_change (which refuses what the role may not change) on a BackgroundOp.
Secrets never reach the settings file.
"""

from __future__ import annotations

import copy
import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal

from app.core.settings_change import save_settings
from app.domain.roles import Role
from app.domain.settings_access import FIRST_SETUP, is_site_editor, may_set_secret
from app.platform.config import Settings
from app.views.background import BackgroundOp
from app.views.i18n import message
from app.views.settings.audio import AudioPage
from app.views.settings.connections import ConnectionsPage
from app.views.settings.pages import DialingPage, GeneralPage, OwnPasswordPage, SettingsPage, SipPage

log = logging.getLogger(__name__)


class SettingsEditor(QObject):
    saved = Signal(object)          # the Settings now in effect
    save_failed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None, editor: Role | str = FIRST_SETUP) -> None:
        super().__init__(parent)
        self.settings = settings
        self.editor = editor
        self.site = is_site_editor(editor)
        self.general = GeneralPage(site_fields=self.site)
        self.audio = AudioPage()
        self.sip = SipPage() if self.site else None
        self.dialing = DialingPage() if self.site else None
        self.connections = ConnectionsPage() if self.site else None
        self.own_password = (OwnPasswordPage() if not self.site and may_set_secret(editor, "sip_password", settings.get)
                             else None)
        for page in self.pages():
            page.load(settings)
        if self.sip is not None:
            self.sip.use_values(settings.values)

    def pages(self) -> list[SettingsPage]:
        pages = [self.general, self.sip, self.dialing, self.audio, self.connections, self.own_password]
        return [page for page in pages if page is not None]

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
        secrets, editor, before = self.secrets(), self.editor, Settings(copy.deepcopy(self.settings.values))

        def saved(_path: str) -> None:
            self.settings.values = edited.values     # the running app sees the new values
            self.saved.emit(self.settings)
            if done:
                done()
        BackgroundOp(parent, lambda: save_settings(editor, before, edited, secrets), saved) \
            .failure(lambda exc: self.save_failed.emit(message(exc))).run()
        return True
