"""The admin's users & teams screen drives the core: add a user, change the role, deactivate."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import AuditEntry, User
from tests.integration.supervision.seed import as_user, seed


def test_admin_screen_adds_changes_and_deactivates_a_user(qtbot, tmp_path, monkeypatch):
    from app.views.admin import AdminWindow
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    upgrade(url)
    db = Database(url)
    seeded = seed(db)
    window = AdminWindow(as_user(db, seeded, "admin1"))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.total == 8 and window.new_team.count() == 3, timeout=5000)
    window.new_username.setText("agent9")
    window.new_name.setText("Agen Sembilan")
    window.new_role.setCurrentIndex(window.new_role.findData("agent"))
    window.new_team.setCurrentIndex(window.new_team.findData(seeded.teams["B"]))
    with qtbot.waitSignal(window.changed, timeout=5000):
        window.add_button.click()
    qtbot.waitUntil(lambda: window.model.total == 9, timeout=5000)
    row = next(r for r in range(window.model.rowCount()) if window.model.row_at(r).username == "agent9")
    window.table.selectRow(row)
    window.edit_role.setCurrentIndex(window.edit_role.findData("tier2"))
    with qtbot.waitSignal(window.changed, timeout=5000):
        window.save_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("app.views.admin.window.ask_yes_no", lambda *a, **k: True)   # the Indonesian Yes/No
    with qtbot.waitSignal(window.changed, timeout=5000):
        window.deactivate_button.click()
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == "agent9"))
        assert (user.role, user.team_id, user.active) == ("tier2", seeded.teams["B"], False)
        assert s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all() == \
            ["user.add", "user.set_role", "user.deactivate"]
    db.dispose()
