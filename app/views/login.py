"""The login window: a user name and a password; the role decides which desk opens.

The check itself is the caller's `sign_in(username, password)` (app.core.runtime: the
SQLite hash on one PC, the team's PostgreSQL login role on a team), run off the GUI
thread; a refusal is shown as its Indonesian message and the password field is cleared.
In `--demo` the sample users are listed under the demo banner: one click (or Enter on
one) signs in with the demo password, which is shown.  Nothing here stores a password.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)
from app.core.context import AppContext, CurrentUser
from app.views.background import BackgroundOp
from app.views.formatting import role_label
from app.views.i18n import LANGUAGES, message

SignIn = Callable[[str, str], CurrentUser]


def local_sign_in(ctx: AppContext) -> SignIn:
    """Sign-in against the context's own (single-PC) database."""
    from app.core.identity import sign_in_local
    return lambda username, password: sign_in_local(ctx.database, username, password, ctx.clock.now())


class LoginWindow(QDialog):
    logged_in = Signal(object)      # CurrentUser
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, sign_in: SignIn | None = None,
                 demo_users: Sequence[tuple[str, str, str]] = (), demo_password: str = "", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._sign_in = sign_in or local_sign_in(ctx)
        self.demo_password = demo_password
        self.setWindowTitle(self.tr("Sambung — Login"))
        self.setMinimumSize(460, 420 if demo_users else 260)
        title = QLabel(self.tr("Welcome to Sambung"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        subtitle = QLabel(self.tr("Log in with your user name and password to start the shift."))
        subtitle.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._accept)
        self.status = QLabel("")
        self.status.setObjectName("login_status")
        self.status.setWordWrap(True)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(ctx.settings.get("language", "id")), 0))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(self.language.currentData()))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Language"), self.language)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        self.users = QListWidget()          # the demo's sample users (empty and hidden otherwise)
        self.users.setObjectName("users")
        if demo_users:
            banner = QLabel(self.tr("Demo mode: sample users, local simulator and stand-in server. "
                                    "Click a user to log in (demo password: %1).").replace("%1", demo_password))
            banner.setObjectName("demo_banner")
            banner.setWordWrap(True)
            banner.setStyleSheet("background: #fff3cd; padding: 6px;")
            layout.addWidget(banner)
            for username, full_name, role in demo_users:
                item = QListWidgetItem(f"{full_name}  ({username}) — {role_label(role)}")
                item.setData(Qt.ItemDataRole.UserRole, username)
                self.users.addItem(item)
            self.users.itemClicked.connect(self._demo_chosen)
            self.users.itemActivated.connect(self._demo_chosen)
            layout.addWidget(self.users, 1)
        else:
            self.users.hide()
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.username.setFocus()

    # -- what the probe and the tests use ----------------------------------------------------
    def select_username(self, username: str) -> bool:
        """Fill in `username` (a demo user is also selected in the list)."""
        self.username.setText(username)
        for row in range(self.users.count()):
            if self.users.item(row).data(Qt.ItemDataRole.UserRole) == username:
                self.users.setCurrentRow(row)
        self.password.setFocus()
        return True

    def sign_in_as(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self._accept()

    # -- signing in --------------------------------------------------------------------------
    def _demo_chosen(self, item: QListWidgetItem) -> None:
        self.sign_in_as(item.data(Qt.ItemDataRole.UserRole), self.demo_password)

    def _accept(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.status.setText(self.tr("Enter your user name and password."))
            return
        if not self.login_button.isEnabled():
            return
        self.login_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        BackgroundOp(self, lambda: self._sign_in(username, password), self._signed_in) \
            .failure(self._refused).run()

    def _signed_in(self, user: CurrentUser) -> None:
        self.password.clear()
        self.status.setText("")
        self.login_button.setEnabled(True)
        self.logged_in.emit(user)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        self.login_button.setEnabled(True)
        self.status.setText(message(exc) if isinstance(exc, (PermissionError, ValueError))
                            else self.tr("Cannot log in: %1").replace("%1", message(exc)))
