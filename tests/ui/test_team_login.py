"""Issue 14 on screen: the admin gives a password that logs in; a refusal of the team database
reaches the screen as a clear Indonesian message (never a traceback)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.context import CurrentUser
from app.core.identity import sign_in_local
from app.store.db import Database
from app.store.migrate import upgrade
from tests.integration.supervision.seed import NOW, as_user, make_ctx, seed


def test_the_admin_adds_a_user_with_a_password_and_resets_it(qtbot, tmp_path):
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
    window.new_password.setText("sandi-awal-99")
    with qtbot.waitSignal(window.changed, timeout=5000):
        window.add_button.click()
    assert window.new_password.text() == ""
    assert sign_in_local(db, "agent9", "sandi-awal-99", NOW).username == "agent9"
    qtbot.waitUntil(lambda: window.model.total == 9, timeout=5000)
    row = next(r for r in range(window.model.rowCount()) if window.model.row_at(r).username == "agent9")
    window.table.selectRow(row)
    window.reset_password.setText("sandi-baru-99")
    with qtbot.waitSignal(window.changed, timeout=5000):
        window.reset_button.click()
    assert sign_in_local(db, "agent9", "sandi-baru-99", NOW).username == "agent9"
    db.dispose()


@pytest.mark.postgres
def test_a_refusal_of_the_team_database_is_shown_as_a_clear_message(qtbot, team_site, monkeypatch):
    from app.views.admin import AdminWindow
    team_site.add_user("ui_agent", "agent", "Tim UI")
    db = team_site.connect("ui_agent")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    try:
        # A tampered desktop: it believes its agent is an admin; the database knows better.
        forged = CurrentUser(team_site.ids["ui_agent"], team_site.name("ui_agent"), "Agen", "admin", None)
        window = AdminWindow(make_ctx(db, forged))
        qtbot.addWidget(window)
        window.new_username.setText("penyusup")
        window.new_name.setText("Penyusup")
        window.add_button.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert shown[-1].startswith("Ditolak oleh basis data:")
        assert "Traceback" not in shown[-1] and window.message.text() == shown[-1]
    finally:
        db.dispose()
