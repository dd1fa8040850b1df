"""The admin's users & teams screen: list, add, change role or team, deactivate; every delivery
not made yet (a side panel, with resend); it opens the library of operator announcements
(app.views.admin.announcements).

Every change is an app.core.supervision admin use case run through BackgroundOp;
the core checks the permission and writes the audit entry.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDockWidget, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QMainWindow, QMessageBox, QPushButton, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt, Signal

from app.core import supervision as sv
from app.views.deliveries import DeliveriesPanel
from app.views.app_menu import install_app_menu
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.dialogs import ask_yes_no
from app.domain.roles import Role
from app.views.formatting import role_label
from app.views.paged import Column, PagedTableModel, row_table


class AdminWindow(QMainWindow):
    changed = Signal()                 # a user or team change was saved

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.teams: list = []
        self.setWindowTitle(self.tr("Sambung – Users and teams"))
        columns = [
            Column(self.tr("Username"), lambda u: u.username),
            Column(self.tr("Name"), lambda u: u.full_name),
            Column(self.tr("Role"), lambda u: role_label(u.role)),
            Column(self.tr("Team"), lambda u: u.team_name or ""),
            Column(self.tr("Status"), lambda u: self.tr("Active") if u.active else self.tr("Inactive")),
        ]
        self.model = PagedTableModel(columns, lambda _o, _l: self._users(), self)
        self.table = row_table(self.model, "usersTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected(cur.row()))

        self.edit_role, self.edit_team = self._role_combo(), QComboBox()
        self.save_button = QPushButton(self.tr("Save changes"))
        self.deactivate_button = QPushButton(self.tr("Deactivate"))
        # Issue 14: an admin gives a new password (a forgotten one, a first login).
        self.reset_password = QLineEdit()
        self.reset_password.setObjectName("reset_password")
        self.reset_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_button = QPushButton(self.tr("Set password"))
        self.reset_button.clicked.connect(self.reset_selected_password)
        self.save_button.clicked.connect(self.save_selected)
        self.deactivate_button.clicked.connect(self.deactivate_selected)
        selected = QGroupBox(self.tr("Selected user"))
        form = QFormLayout(selected)
        form.addRow(self.tr("Role"), self.edit_role)
        form.addRow(self.tr("Team"), self.edit_team)
        password_row = QHBoxLayout()
        password_row.addWidget(self.reset_password, 1)
        password_row.addWidget(self.reset_button)
        form.addRow(self.tr("New password"), password_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.deactivate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

        self.new_username, self.new_name = QLineEdit(), QLineEdit()
        self.new_role, self.new_team = self._role_combo(), QComboBox()
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.add_user)
        new = QGroupBox(self.tr("New user"))
        new_form = QFormLayout(new)
        new_form.addRow(self.tr("Username"), self.new_username)
        new_form.addRow(self.tr("Full name"), self.new_name)
        new_form.addRow(self.tr("Role"), self.new_role)
        new_form.addRow(self.tr("Team"), self.new_team)
        new_form.addRow(self.tr("Password"), self.new_password)
        new_form.addRow("", self.add_button)

        self.team_list = QListWidget()
        self.new_team_name = QLineEdit()
        self.new_team_name.setPlaceholderText(self.tr("New team name"))
        add_team = QPushButton(self.tr("Add team"))
        add_team.clicked.connect(self.add_team)
        teams = QGroupBox(self.tr("Teams"))
        team_layout = QVBoxLayout(teams)
        team_layout.addWidget(self.team_list)
        row = QHBoxLayout()
        row.addWidget(self.new_team_name, 1)
        row.addWidget(add_team)
        team_layout.addLayout(row)

        self.announcements_button = QPushButton(self.tr("Operator announcements…"))
        self.announcements_button.clicked.connect(self.open_announcements)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for box in (selected, new, teams):
            side_layout.addWidget(box)
        side_layout.addWidget(self.announcements_button)
        # The side column scrolls rather than grow the window past a 1366×700 screen (the password
        # fields of issue 14 made it taller than the table needs).
        side_scroll = QScrollArea()
        side_scroll.setObjectName("adminSide")
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setWidget(side)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side_scroll)
        split.setSizes([850, 480])
        self.setCentralWidget(split)
        self.deliveries = DeliveriesPanel(ctx)
        self.deliveries_dock = QDockWidget(self.tr("Deliveries"), self)
        self.deliveries_dock.setObjectName("deliveriesDock")
        self.deliveries_dock.setWidget(self.deliveries)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.deliveries_dock)
        self.message = QLabel()
        self.statusBar().addWidget(self.message, 1)
        install_app_menu(self, ctx)
        self._selected(-1)
        self.resize(1366, 768)
        self.refresh()

    def open_announcements(self):
        """The library of operator announcements that call-progress analysis recognises."""
        from app.views.admin.announcements import AnnouncementsDialog
        dialog = AnnouncementsDialog(self.ctx, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def _role_combo(self) -> QComboBox:
        combo = QComboBox()
        for role in Role:
            combo.addItem(role_label(role), role.value)
        return combo

    def _users(self):
        users = sv.list_users(self.ctx)
        return users, len(users)

    def refresh(self) -> None:
        self.model.refresh()
        BackgroundOp(self, lambda: sv.list_teams(self.ctx), self._teams_loaded).failure(self._failed).run()

    def _teams_loaded(self, teams) -> None:
        self.teams = teams
        self.team_list.clear()
        for t in teams:
            self.team_list.addItem(self.tr("%1 (%2 active)").replace("%1", t.name).replace("%2", str(t.members)))
        for combo in (self.edit_team, self.new_team):
            keep = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("No team"), None)
            for t in teams:
                combo.addItem(t.name, t.id)
            combo.setCurrentIndex(max(combo.findData(keep), 0))

    def _selected(self, row: int) -> None:
        user = self.model.row_at(row)
        self.current = user
        for w in (self.edit_role, self.edit_team, self.save_button, self.deactivate_button):
            w.setEnabled(user is not None)
        if user is not None:
            self.edit_role.setCurrentIndex(self.edit_role.findData(user.role))
            self.edit_team.setCurrentIndex(max(self.edit_team.findData(user.team_id), 0))
            self.deactivate_button.setEnabled(user.active)

    # -- changes ---------------------------------------------------------------------
    def _run(self, op, done_text: str) -> None:
        def ok(_result) -> None:
            self.message.setText(done_text)
            self.refresh()
            self.changed.emit()
        BackgroundOp(self, op, ok).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(message(exc))
        QMessageBox.warning(self, self.tr("Not saved"), message(exc))

    def save_selected(self) -> None:
        user = self.current
        if user is None:
            return
        ctx, role, team = self.ctx, self.edit_role.currentData(), self.edit_team.currentData()

        def op():
            if role != user.role:
                sv.set_role(ctx, user.id, role)
            if team != user.team_id:
                sv.set_team(ctx, user.id, team)
        self._run(op, self.tr("Saved."))

    def deactivate_selected(self) -> None:
        user = self.current
        if user is None:
            return
        if ask_yes_no(self, self.tr("Deactivate user"),
                      self.tr("Deactivate %1? Their history is kept.").replace("%1", user.username)):
            ctx = self.ctx
            self._run(lambda: sv.deactivate_user(ctx, user.id), self.tr("User deactivated."))

    def add_user(self) -> None:
        ctx = self.ctx
        username, name = self.new_username.text(), self.new_name.text()
        role, team = self.new_role.currentData(), self.new_team.currentData()
        password = self.new_password.text() or None
        self._run(lambda: sv.add_user(ctx, username, name, role, team, password=password), self.tr("User added."))
        self.new_username.clear()
        self.new_name.clear()
        self.new_password.clear()

    def reset_selected_password(self) -> None:
        user, password = self.current, self.reset_password.text()
        self.reset_password.clear()
        if user is None or not password:
            return
        ctx = self.ctx
        self._run(lambda: sv.reset_password(ctx, user.id, password), self.tr("Password set."))

    def add_team(self) -> None:
        ctx, name = self.ctx, self.new_team_name.text()
        self._run(lambda: sv.add_team(ctx, name), self.tr("Team added."))
        self.new_team_name.clear()
