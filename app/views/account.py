"""The "Account" menu every window gets after a login: change one's own password.

The password change runs off the GUI thread (app.core.identity.change_own_password) and its
refusal is shown in the user's language.  Logging out / switching user is the app menu's
(app.views.app_menu.log_out_requests, handled by app.views.main.return_to_login).
"""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMainWindow,
                               QVBoxLayout)

from app.views.background import BackgroundOp
from app.views.i18n import message


def install_account_menu(window: QMainWindow, ctx) -> None:
    menu = window.menuBar().addMenu(window.tr("&Account"))
    menu.setObjectName("accountMenu")
    menu.addAction(window.tr("Change my password…"), lambda: ChangePasswordDialog(ctx, window).exec())


class ChangePasswordDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change my password"))
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field, name in ((self.old, "old_password"), (self.new, "new_password"), (self.again, "new_again")):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setObjectName(name)
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _change(self) -> None:
        if self.new.text() != self.again.text():
            self.status.setText(self.tr("The new passwords are not the same."))
            return
        from app.core.identity import change_own_password
        old, new = self.old.text(), self.new.text()
        self.buttons.setEnabled(False)
        BackgroundOp(self, lambda: change_own_password(self.ctx, old, new), lambda _r: self.accept()) \
            .failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(message(exc))
