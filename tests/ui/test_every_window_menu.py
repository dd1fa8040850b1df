"""Every window has a menu (Settings, Help F1, Log out / switch user, Quit), and each role's
settings are only what that role may change — the core refuses the rest (issue 16, item 16)."""

from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from app.core.context import CurrentUser
from app.core.settings_change import SettingsRefused, save_settings
from app.platform.config import Settings, user_file
from app.platform.secrets import get_secret
from app.store.db import Database
from app.store.migrate import upgrade
from tests.integration.supervision.seed import as_user, make_ctx, seed


@pytest.fixture
def world(tmp_path):
    url = f"sqlite:///{tmp_path / 'menu.db'}"
    upgrade(url)
    db = Database(url)
    yield db, seed(db)
    db.dispose()


def _window(kind: str, ctx):
    if kind == "team_leader":
        from app.views.teamleader import TeamLeaderWindow
        return TeamLeaderWindow(ctx, refresh_ms=60000)
    if kind == "qc":
        from app.views.qc import QcWindow
        return QcWindow(ctx)
    from app.views.admin import AdminWindow
    return AdminWindow(ctx)


USERS = {"team_leader": "tl_a", "qc": "qc1", "admin": "admin1"}


@pytest.mark.parametrize("kind", list(USERS))
def test_the_tl_qc_and_admin_windows_have_settings_help_log_out_and_quit(qtbot, world, kind):
    db, seeded = world
    window = _window(kind, as_user(db, seeded, USERS[kind]))
    qtbot.addWidget(window)
    menu = window.findChild(QMenu, "appMenu")
    assert menu is not None, "no menu"
    keys = {a.objectName(): a.shortcut().toString() for a in menu.actions() if a.objectName()}
    assert keys == {"menu_settings": "Ctrl+,", "menu_diagnostics": "", "menu_help": "F1",
                    "menu_log_out": "Ctrl+Shift+L", "menu_quit": "Ctrl+Q"}


def test_f1_in_the_qc_window_explains_the_qc_window(qtbot, world, monkeypatch):
    from app.views.window_help import WindowHelp
    db, seeded = world
    window = _window("qc", as_user(db, seeded, "qc1"))
    qtbot.addWidget(window)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.app_actions["help"].trigger()
    assert len(shown) == 1 and isinstance(shown[0], WindowHelp)
    assert "recording" in shown[0].text.text() and "Ctrl+Shift+L" in shown[0].text.text()


def test_log_out_from_the_menu_brings_the_login_back_and_closes_the_window(qtbot, world):
    from app.views.app_menu import log_out_requests
    from app.views.login import LoginWindow
    from app.views.main import return_to_login
    db, seeded = world
    ctx = as_user(db, seeded, "tl_a")
    window = _window("team_leader", ctx)
    qtbot.addWidget(window)
    window.show()
    logins: list[LoginWindow] = []

    def show_login():
        login = LoginWindow(make_ctx(db, None))
        qtbot.addWidget(login)
        login.show()
        logins.append(login)
        return login
    log_out_requests(window).connect(lambda: return_to_login(window, show_login))
    window.app_actions["log_out"].trigger()
    assert len(logins) == 1 and logins[0].isVisible()
    assert not window.isVisible()
    # Anyone may log in now (issue 14: the login asks for a user name and a password, no list to pick).
    assert logins[0].isEnabled() and logins[0].username.text() == "" and logins[0].password.text() == ""


def test_a_desk_that_closes_after_its_shift_signs_out_only_once_it_is_gone(qtbot):
    # The agent desk agrees to close, ends its shift, then closes itself: the login waits, disabled,
    # and the user is signed out (phone, outbox, connection) only when the desk is gone.
    from app.views.main import return_to_login

    class Closing(QMainWindow):
        closing = False

        def closeEvent(self, event):
            if not self.closing:
                event.ignore()
                self.closing = True
    desk, login, signed_out = Closing(), QDialog(), []
    qtbot.addWidget(desk)
    qtbot.addWidget(login)
    desk.show()
    assert return_to_login(desk, lambda: (login.show(), login)[1], lambda: signed_out.append(True)) is True
    assert login.isVisible() and not login.isEnabled() and signed_out == []
    desk.close()                            # the shift has ended
    qtbot.waitUntil(lambda: signed_out == [True] and login.isEnabled(), timeout=5000)
    assert not desk.isVisible()


def test_a_window_that_refuses_to_close_keeps_its_user_and_the_login_goes_away(qtbot):
    from app.views.main import return_to_login

    class Busy(QMainWindow):
        def closeEvent(self, event):            # a call is on: the desk says no
            event.ignore()
    busy, login = Busy(), QDialog()
    qtbot.addWidget(busy)
    qtbot.addWidget(login)
    busy.show()
    assert return_to_login(busy, lambda: (login.show(), login)[1]) is False
    assert busy.isVisible() and not login.isVisible()


# -- settings by role -------------------------------------------------------------------------------
def _ctx(role: str):
    return make_ctx(None, CurrentUser(1, f"u_{role}", "Nama", role, None))


def _tabs(dialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


@pytest.mark.parametrize("role", ["agent", "tier2", "team_leader", "qc"])
def test_only_personal_settings_are_shown_to_a_role_that_is_not_the_administrator(qtbot, role):
    from app.views.settings import SettingsDialog
    dialog = SettingsDialog(Settings.load(), _ctx(role))
    qtbot.addWidget(dialog)
    assert _tabs(dialog) == ["General", "Audio"]
    general = dialog.editor.general
    assert not general.start.isVisibleTo(dialog) and not general.days[0].isVisibleTo(dialog)
    assert dialog.editor.sip is None and dialog.editor.connections is None and dialog.editor.dialing is None


def test_the_site_may_let_each_user_type_their_own_sip_password(qtbot):
    from app.views.settings import SettingsDialog
    settings = Settings.load()
    settings.set("sip.user_sets_password", True)
    dialog = SettingsDialog(settings, _ctx("agent"))
    qtbot.addWidget(dialog)
    assert _tabs(dialog) == ["General", "Audio", "SIP password"]
    dialog.editor.own_password.password.setText("Sandi-Saya-1")
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        dialog.save()
    assert get_secret("sip_password") == "Sandi-Saya-1"


def test_the_administrator_sees_every_setting(qtbot):
    from app.views.settings import SettingsDialog
    dialog = SettingsDialog(Settings.load(), _ctx("admin"))
    qtbot.addWidget(dialog)
    assert _tabs(dialog) == ["General", "SIP account", "Dialling", "Audio", "Connections"]
    assert dialog.editor.general.start.isVisibleTo(dialog)


def test_an_agent_saves_their_language_and_nothing_else(qtbot):
    from app.views.settings import SettingsDialog
    dialog = SettingsDialog(Settings.load(), _ctx("agent"))
    qtbot.addWidget(dialog)
    dialog.editor.general.language.setCurrentIndex(dialog.editor.general.language.findData("en"))
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        dialog.save()
    assert json.loads(user_file().read_text(encoding="utf-8")) == {"language": "en"}


def test_the_dialog_shows_the_cores_refusal_when_an_agent_touches_a_site_setting(qtbot, monkeypatch):
    from app.views.settings import SettingsDialog
    dialog = SettingsDialog(Settings.load(), _ctx("agent"))
    qtbot.addWidget(dialog)
    tampered = dialog.editor.edited()
    tampered.set("calling_hours.end", "23:00")
    monkeypatch.setattr(dialog.editor, "edited", lambda: tampered)
    with qtbot.waitSignal(dialog.editor.save_failed, timeout=5000):
        dialog.save()
    assert "calling hours" in dialog.status.text() and "administrator" in dialog.status.text()
    assert not user_file().exists()


def test_the_core_refuses_site_settings_from_an_agent_and_writes_nothing():
    before = Settings.load()
    for key, value in (("calling_hours.start", "06:00"), ("sip.registrar", "sip:lain.local"),
                       ("api.mycx_url", "http://curang.local"), ("database_url", "sqlite:///lain.db")):
        edited = Settings(copy.deepcopy(before.values))
        edited.set(key, value)
        with pytest.raises(SettingsRefused) as refused:
            save_settings("agent", before, edited, {})
        assert refused.value.keys == [key]
        assert "Agen tidak boleh mengubah pengaturan site" in str(refused.value)
    with pytest.raises(SettingsRefused) as refused:
        save_settings("agent", before, Settings(copy.deepcopy(before.values)), {"sip_password": "x"})
    assert "kata sandi SIP" in str(refused.value) and refused.value.text.en.startswith("The Agent role")
    assert not user_file().exists() and get_secret("sip_password") is None


def test_the_core_lets_the_administrator_and_a_pc_set_up_change_site_settings():
    before = Settings.load()
    edited = Settings(copy.deepcopy(before.values))
    edited.set("calling_hours.start", "09:00")
    for editor in ("admin", "first_setup"):
        save_settings(editor, before, edited, {})
        assert Settings.load().get("calling_hours.start") == "09:00"
    personal = Settings(copy.deepcopy(before.values))
    personal.set("sip.audio_capture", "Headset USB")
    save_settings("qc", before, personal, {})
    assert Settings.load().get("sip.audio_capture") == "Headset USB"


def test_menu_words_are_translated_whatever_window_holds_the_menu(qtbot, world):
    from PySide6.QtWidgets import QApplication
    from app.views import i18n
    db, seeded = world
    assert i18n.install(QApplication.instance(), "id")
    try:
        window = _window("admin", as_user(db, seeded, "admin1"))
        qtbot.addWidget(window)
        texts = {a.objectName(): a.text() for a in window.findChild(QMenu, "appMenu").actions() if a.objectName()}
        assert texts["menu_settings"] == "Pengaturan…" and texts["menu_quit"] == "Keluar"
        assert texts["menu_log_out"] == QCoreApplication.translate("AppMenu", "Log out / switch user") != \
            "Log out / switch user"
    finally:
        i18n.install(QApplication.instance(), "en")
