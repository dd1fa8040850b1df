"""F1 in the team leader's, QC's and administrator's windows: what the window is for, its keys,
and where the guide is.  (The agent desk's F1 is its keyboard map, app.views.desk.help_overlay.)"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from app.domain.roles import Role

PURPOSE = {
    Role.TEAM_LEADER: QT_TRANSLATE_NOOP(
        "WindowHelp", "Watch your team's results live (Dashboard), check them and send a wrong input back to "
        "the agent (Results), follow what came back (Returned), export all reasons, import dapros, escort "
        "promise tickets, release customers a crashed desk still holds, and resend deliveries that failed."),
    Role.QC: QT_TRANSLATE_NOOP(
        "WindowHelp", "Validate agree calls, oldest first: listen to the recording (most of it, or write why "
        "not), score every item of the checklist, then approve, or return the call to the agent with notes. "
        "Export the validation report for any period."),
    Role.ADMIN: QT_TRANSLATE_NOOP(
        "WindowHelp", "Add users and teams, change a user's role or team, deactivate a user (their history "
        "is kept), change the site's settings, and resend deliveries that failed."),
}
KEYS = (
    ("F1", QT_TRANSLATE_NOOP("WindowHelp", "This help")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("WindowHelp", "Settings")),
    ("Ctrl+Shift+L", QT_TRANSLATE_NOOP("WindowHelp", "Log out / switch user")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("WindowHelp", "Quit")),
)


class WindowHelp(QDialog):
    def __init__(self, role: Role | str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        try:
            purpose = PURPOSE.get(Role(role), "")
        except ValueError:
            purpose = ""
        tr = QCoreApplication.translate
        rows = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{tr('WindowHelp', text)}</td></tr>"
                       for key, text in KEYS)
        self.text = QLabel(f"<p>{tr('WindowHelp', purpose)}</p><table>{rows}</table><p>"
                           + self.tr("The guides are in the docs folder of the installation "
                                     "(docs/guide) and with your IT team.") + "</p>")
        self.text.setObjectName("windowHelpText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 320)
