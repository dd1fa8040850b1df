"""Settings screens: the settings dialog, the first-run wizard and their pages.

See dialog.py (tabs + Save + Copy diagnostics), wizard.py (first start),
editor.py (applying and saving), pages.py / audio.py / connections.py (one page
each), checks.py (running `sambung sip-check` for the SIP test, no Qt) and startup.py
(run_gui's hooks); the connection and database checks are app.core.connection_checks.
The dialog and the wizard are imported on first use: start-up imports only
startup.py, which must stay cheap (the login window's cold start counts it).
"""

from __future__ import annotations

__all__ = ["SettingsDialog", "FirstRunWizard"]


def __getattr__(name: str):
    if name == "SettingsDialog":
        from app.views.settings.dialog import SettingsDialog
        return SettingsDialog
    if name == "FirstRunWizard":
        from app.views.settings.wizard import FirstRunWizard
        return FirstRunWizard
    raise AttributeError(name)
