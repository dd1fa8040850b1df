"""User-interface language: Bahasa Indonesia by default, English on request.

Source strings in the code are English (`self.tr("Next")`); the Indonesian
catalogue is app/resources/i18n/sambung_id.ts, compiled to sambung_id.qm by
scripts/build_i18n.py.  English needs no catalogue.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

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
    translator = QTranslator(app)
    qm = paths.resource("i18n", f"sambung_{lang}.qm")
    if not translator.load(str(qm)):
        log.error("translation catalogue %s missing; run scripts/build_i18n.py", qm)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def current_language() -> str:
    """The language the user interface speaks now ("id" or "en")."""
    return "en" if not _installed else "id"


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (models, dialogs built from functions)."""
    return QCoreApplication.translate(context, text)
