"""User-interface language: Bahasa Indonesia by default, English on request.

Source strings in the code are English (`self.tr("Next")`); the Indonesian
catalogue is app/resources/i18n/sambung_id.ts, compiled to sambung_id.qm by
scripts/build_i18n.py.  English needs no catalogue.  Qt's own words (the file
dialog's "Look in", the standard Yes/No/Cancel buttons, the edit menu of a text
field) come from qtbase_id.qm, built by the same script from qtbase_id.json: Qt
ships no Indonesian catalogue.  Messages made outside the screens carry both
languages (app.domain.text.Text); `message()` picks the user's.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.domain.text import Text, text_of
from app.platform import paths

log = logging.getLogger(__name__)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_installed: list[QTranslator] = []


def install(app: QCoreApplication, lang: str = "id") -> bool:
    """Install the translator for `lang`; returns False when English (or missing)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if lang == "id" else QLocale.Language.English,
                               QLocale.Country.Indonesia))
    if lang == "en":
        return False
    ours = QTranslator(app)
    qm = paths.resource("i18n", f"sambung_{lang}.qm")
    if not ours.load(str(qm)):
        log.error("translation catalogue %s missing; run scripts/build_i18n.py", qm)
        return False
    qt_words = QTranslator(app)
    qt_qm = paths.resource("i18n", f"qtbase_{lang}.qm")
    if qt_words.load(str(qt_qm)):
        app.installTranslator(qt_words)
        _installed.append(qt_words)
    else:
        log.error("Qt's translation catalogue %s missing; run scripts/build_i18n.py", qt_qm)
    app.installTranslator(ours)
    _installed.append(ours)
    return True


def current_language() -> str:
    """The language the user interface speaks now ("id" or "en")."""
    return "en" if not _installed else "id"


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (models, dialogs built from functions)."""
    return QCoreApplication.translate(context, text)


def message(error_or_text: BaseException | Text | str) -> str:
    """What a refusal or a message from the core says, in the language of the user interface."""
    text = error_or_text if isinstance(error_or_text, Text) else (
        text_of(error_or_text) if isinstance(error_or_text, BaseException) else None)
    return text.get(current_language()) if text is not None else str(error_or_text)


def user_message(error: BaseException) -> str:
    """An outside system's failure as its message for people, without the technical detail the log
    keeps (app.services.errors: `user_text`, `user_message`); any other error as `message()` says it."""
    return message(getattr(error, "user_text", None) or getattr(error, "user_message", None) or error)
