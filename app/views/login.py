"""The login window: choose who you are; the role decides which desk opens.

Site single sign-on is out of scope: a user is picked from the users the
database knows (the demo shows its sample users), and the choice is audited
by the desks themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)
from app.core.context import AppContext, CurrentUser
from app.core.identity import list_users
from app.views.background import BackgroundOp
from app.views.formatting import role_label
from app.views.i18n import LANGUAGES


def _load_users(ctx: AppContext) -> list[tuple[CurrentUser, str]]:
    return [(u.as_current_user(), u.team_name or "")
            for u in list_users(ctx.database, include_inactive=False, by_role=True)]


class LoginWindow(QDialog):
    logged_in = Signal(object)      # CurrentUser
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sambung — Login"))
        self.setMinimumSize(460, 420)
        title = QLabel(self.tr("Welcome to Sambung"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        subtitle = QLabel(self.tr("Choose your user to start the shift.") +
                          ("\n" + self.tr("Demo mode: sample users, local simulator and stand-in server.")
                           if ctx.demo else ""))
        subtitle.setWordWrap(True)
        self.users = QListWidget()
        self.users.setObjectName("users")
        self.users.itemActivated.connect(lambda _i: self._accept())
        self.status = QLabel(self.tr("Loading users…"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(ctx.settings.get("language", "id")), 0))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(self.language.currentData()))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.login_button.setEnabled(False)
        self.login_button.clicked.connect(self._accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.users, 1)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, activated=self._accept)
        self.refresh()

    def refresh(self) -> None:
        BackgroundOp(self, lambda: _load_users(self.ctx), self._show_users) \
            .failure(lambda exc: self.status.setText(self.tr("Cannot read users: %1").replace("%1", str(exc)))) \
            .run()

    def _show_users(self, users: list[tuple[CurrentUser, str]]) -> None:
        self.users.clear()
        for user, team in users:
            label = f"{user.full_name}  ({user.username}) — {role_label(user.role)}"
            if team:
                label += f" · {team}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, user)
            self.users.addItem(item)
        if users:
            self.users.setCurrentRow(0)
            self.status.setText(self.tr("%1 user(s)").replace("%1", str(len(users))))
        else:
            self.status.setText(self.tr("No users yet: an administrator adds them with 'sambung users add'."))
        self.login_button.setEnabled(bool(users))
        self.users.setFocus()

    def select_username(self, username: str) -> bool:
        for row in range(self.users.count()):
            if self.users.item(row).data(Qt.ItemDataRole.UserRole).username == username:
                self.users.setCurrentRow(row)
                return True
        return False

    def _accept(self) -> None:
        item = self.users.currentItem()
        if item is None:
            return
        self.logged_in.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
