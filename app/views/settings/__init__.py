"""Settings screens: the settings dialog, the first-run wizard and their pages.

See dialog.py (tabs + Save + Copy diagnostics), wizard.py (first start),
editor.py (applying and saving), pages.py / audio.py / connections.py (one page
each), checks.py (the buttons' checks, no Qt) and startup.py (run_gui's hooks).
"""

from app.views.settings.dialog import SettingsDialog
from app.views.settings.wizard import FirstRunWizard

__all__ = ["SettingsDialog", "FirstRunWizard"]
