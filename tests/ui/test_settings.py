"""The settings dialog and the first-run wizard: what a site sets once, saved without secrets."""

from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from app.platform.config import Settings, user_file
from app.platform.secrets import get_secret, set_secret
from app.views.settings import FirstRunWizard, SettingsDialog
from app.views.settings.startup import first_run_needed


@pytest.fixture
def dialog(qtbot):
    dlg = SettingsDialog(Settings.load())
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def dead_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_saving_writes_user_file_without_secrets_and_puts_them_in_the_keyring(qtbot, dialog):
    e = dialog.editor
    e.sip.registrar.setText("sip:pbx.site.local")
    e.sip.username.setText("agent1001")
    e.sip.password.setText("Rahasia-SIP-123")
    e.connections.token.setText("token-abc-987")
    e.dialing.outside_line.setText("9")
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        dialog.save()
    text = user_file().read_text(encoding="utf-8")
    saved = json.loads(text)
    assert saved["sip"]["registrar"] == "sip:pbx.site.local" and saved["sip"]["username"] == "agent1001"
    assert saved["dialing"]["outside_line_prefix"] == "9"
    assert "Rahasia-SIP-123" not in text and "token-abc-987" not in text
    assert get_secret("sip_password") == "Rahasia-SIP-123"
    assert get_secret("api_token") == "token-abc-987"
    assert Settings.load().get("sip.registrar") == "sip:pbx.site.local"


def test_sip_tls_ca_file_and_verification_are_edited_on_the_sip_page_and_saved(qtbot, dialog, monkeypatch,
                                                                                tmp_path):
    sip = dialog.editor.sip
    assert sip.tls_verify.isChecked(), "the server certificate is verified unless IT says otherwise"
    assert not sip.tls_ca_file.isEnabled() and not sip.tls_ca_browse.isEnabled(), "meaningless over UDP"
    sip.transport.setCurrentIndex(sip.transport.findData("tls"))
    assert sip.tls_ca_file.isEnabled() and sip.tls_ca_browse.isEnabled() and sip.tls_verify.isEnabled()
    ca = tmp_path / "site-ca.pem"
    monkeypatch.setattr("app.views.settings.pages.open_file", lambda *args, **kw: str(ca))   # our Indonesian dialog
    sip.tls_ca_browse.click()
    assert sip.tls_ca_file.text() == str(ca)
    sip.tls_verify.setChecked(False)
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        dialog.save()
    saved = json.loads(user_file().read_text(encoding="utf-8"))["sip"]
    assert saved["transport"] == "tls" and saved["tls_ca_file"] == str(ca) and saved["tls_verify_server"] is False
    reopened = SettingsDialog(Settings.load())
    qtbot.addWidget(reopened)
    assert reopened.editor.sip.tls_ca_file.text() == str(ca) and not reopened.editor.sip.tls_verify.isChecked()


def test_save_leaves_stored_secret_alone_when_password_field_is_left_empty(qtbot, dialog):
    set_secret("sip_password", "already-there-1")
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        dialog.save()
    assert get_secret("sip_password") == "already-there-1"


def test_invalid_calling_hours_are_refused_and_nothing_is_written(qtbot, dialog):
    g = dialog.editor.general
    g.end.setTime(g.start.time())
    dialog.save()
    assert "Not saved" in dialog.status.text() or "Tidak" in dialog.status.text()
    assert not user_file().exists()


@pytest.mark.parametrize("prefix, international, area, sample, expected", [
    ("9", False, "", "0812-3456-7890", "9081234567890"),
    ("", True, "", "081234567890", "+6281234567890"),
    ("9", False, "022", "(022) 250-1234", "92501234"),
    ("9", False, "022", "021 5551234", "90215551234"),
])
def test_dial_preview_shows_what_the_pbx_will_receive(qtbot, dialog, prefix, international, area, sample,
                                                      expected):
    d = dialog.editor.dialing
    d.outside_line.setText(prefix)
    d.international.setChecked(international)
    d.area_code.setText(area)
    d.sample.setText(sample)
    assert d.preview.text() == expected


def test_dial_preview_explains_an_invalid_sample_in_indonesian(qtbot, dialog):
    from PySide6.QtWidgets import QApplication
    from app.views import i18n
    d = dialog.editor.dialing
    d.sample.setText("0812")
    assert "too short" in d.preview.text()          # the English interface (app.domain.text)
    assert i18n.install(QApplication.instance(), "id")
    try:
        d.sample.setText("08123")
        assert "terlalu pendek" in d.preview.text()
    finally:
        i18n.install(QApplication.instance(), "en")


def test_check_connection_asks_every_system_and_reports_each(qtbot, dialog, standin):
    c = dialog.editor.connections
    for field in c.urls.values():
        field.setText(standin.url)
    c.token.setText(standin.token)
    with qtbot.waitSignal(c.connection_checked, timeout=10000) as answer:
        c.check_button.click()
    assert answer.args[0] is True, c.connection_answer.text()
    lines = c.connection_answer.text().splitlines()
    assert [line.split()[1] for line in lines] == ["i-payment", "MyCX", "TAMARA", "Callback"]
    assert all(line.startswith("✔") for line in lines)


def test_check_connection_names_the_system_that_is_missing_or_wrong(qtbot, dialog, standin):
    c = dialog.editor.connections
    c.same_url.setChecked(False)
    c.urls["ipayment_url"].setText(standin.url)
    c.urls["mycx_url"].setText(standin.url + "/salah")        # a wrong base path: 404
    c.urls["tamara_url"].setText(standin.url)
    c.urls["callback_url"].setText("")
    c.token.setText(standin.token)
    with qtbot.waitSignal(c.connection_checked, timeout=10000) as answer:
        c.check_button.click()
    assert answer.args[0] is False
    lines = c.connection_answer.text().splitlines()
    assert lines[0].startswith("✔") and lines[2].startswith("✔")
    assert lines[1].startswith("✘") and "404" in lines[1] and "MyCX" in lines[1]
    assert lines[3].startswith("✘") and "Callback belum diisi" in lines[3]


def test_check_connection_with_wrong_token_reports_the_refusal(qtbot, dialog, standin):
    c = dialog.editor.connections
    for field in c.urls.values():
        field.setText(standin.url)
    c.token.setText("not-the-token")
    with qtbot.waitSignal(c.connection_checked, timeout=10000) as answer:
        c.check_button.click()
    assert answer.args[0] is False
    assert all(line.startswith("✘") and "token" in line.lower() for line in c.connection_answer.text().splitlines())


def test_check_connection_to_dead_port_shows_indonesian_error(qtbot, dialog):
    c = dialog.editor.connections
    c.urls["ipayment_url"].setText(dead_port_url())
    c.token.setText("whatever")
    with qtbot.waitSignal(c.connection_checked, timeout=15000) as answer:
        c.check_button.click()
    assert answer.args[0] is False
    assert "i-payment" in c.connection_answer.text()
    assert c.check_button.isEnabled()


def test_database_check_accepts_sqlite_and_explains_a_bad_url(qtbot, dialog, tmp_path):
    c = dialog.editor.connections
    c.database_url.setText(f"sqlite:///{tmp_path / 'x.db'}")
    with qtbot.waitSignal(c.database_checked, timeout=5000) as ok:
        c.db_button.click()
    assert ok.args[0] is True
    c.database_url.setText("mysql://nope/db")
    with qtbot.waitSignal(c.database_checked, timeout=5000) as bad:
        c.db_button.click()
    assert bad.args[0] is False and "tidak didukung" in c.database_answer.text()


def test_copy_diagnostics_puts_a_report_without_secrets_on_the_clipboard(qtbot, dialog):
    set_secret("sip_password", "Clipboard-Secret-42")
    dialog.editor.settings.set("database_url", "postgresql://u:DbPass-77@db.site/sambung")
    with qtbot.waitSignal(dialog.diagnostics_copied, timeout=10000):
        dialog.diagnostics_button.click()
    report = QGuiApplication.clipboard().text()
    assert "Sambung" in report and "Python" in report
    assert "Clipboard-Secret-42" not in report and "DbPass-77" not in report


def test_wizard_pages_navigate_and_finish_saves_the_user_file(qtbot):
    wizard = FirstRunWizard(Settings.load())
    qtbot.addWidget(wizard)
    wizard.show()
    titles = []
    while True:
        titles.append(wizard.currentPage().title())
        if wizard.currentId() == wizard.pageIds()[-1]:
            break
        wizard.next()
    assert len(titles) == 5 and len(set(titles)) == 5
    wizard.back()
    assert wizard.currentId() == wizard.pageIds()[-2]
    wizard.next()
    wizard.editor.sip.domain.setText("pbx.example")
    with qtbot.waitSignal(wizard.settings_saved, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert json.loads(user_file().read_text(encoding="utf-8"))["sip"]["domain"] == "pbx.example"


def test_first_run_wizard_only_without_user_file_and_never_in_demo():
    class Args:
        demo = False
    assert first_run_needed(Args())
    Args.demo = True
    assert not first_run_needed(Args())
    Args.demo = False
    Settings.load().save_user()
    assert not first_run_needed(Args())


def test_audio_page_without_devices_says_so_and_disables_the_tests(qtbot, dialog, monkeypatch):
    from app.views.settings import audio
    monkeypatch.setattr(audio, "list_devices", lambda: ([], []))
    page = dialog.editor.audio
    page.refresh_devices()
    qtbot.waitUntil(lambda: "No audio device" in page.status.text() or "Tidak ada" in page.status.text(),
                    timeout=5000)
    assert not page.tone_button.isEnabled() and not page.meter_button.isEnabled()
    page.capture.setCurrentIndex(page.capture.findData("null"))
    edited = dialog.editor.edited()
    assert edited.get("sip.audio_capture") == "null" and edited.get("sip.audio_playback") == ""


def test_diagnostics_report_has_outbox_counts_and_log_errors_but_no_phone_number(ui_ctx):
    import logging

    from app.core import diagnostics
    from app.platform import logging_setup
    logging_setup.configure()
    try:
        logging.getLogger("app.test").error("dial to 081234567890 failed")
        for handler in logging_setup._configured:
            handler.flush()
        report = diagnostics.collect(ui_ctx)
    finally:
        for handler in list(logging_setup._configured):
            logging.getLogger().removeHandler(handler)
            handler.close()
        logging_setup._configured.clear()
    assert "menunggu=" in report and "softphone tidak berjalan" in report
    assert "0812****7890" in report and "081234567890" not in report


def test_sip_test_button_runs_sip_check_and_shows_its_refusal(qtbot, dialog):
    sip = dialog.editor.sip
    sip.registrar.setText("")          # `sambung sip-check` refuses: neither registrar nor domain (exit 2)
    sip.domain.setText("")
    with qtbot.waitSignal(sip.sip_checked, timeout=60000) as answer:
        sip.test_button.click()
        assert not sip.test_button.isEnabled()     # the GUI thread is free while the child runs
    assert answer.args[0] is False
    assert "registrar dan domain SIP belum diatur" in sip.answer.text()
    assert sip.test_button.isEnabled()


def test_one_address_for_all_systems_is_typed_once(qtbot, dialog, standin):
    c = dialog.editor.connections
    assert c.same_url.isChecked(), "a fresh PC has four equal (empty) addresses"
    c.urls["ipayment_url"].setText(standin.url)
    assert {f.text() for f in c.urls.values()} == {standin.url}
    assert not c.urls["tamara_url"].isEnabled()
    c.same_url.setChecked(False)
    c.urls["tamara_url"].setText(standin.url + "/tamara-host")
    edited = dialog.editor.edited()
    assert edited.get("api.mycx_url") == standin.url and edited.get("api.tamara_url").endswith("/tamara-host")


def test_sip_check_summary_keeps_the_answer_and_drops_the_log():
    from app.views.settings.checks import sip_check_summary
    stderr = ("2026-11-25 23:50:03,889 WARNING app.telephony.engine [sip-engine]: no sound device found\n"
              "galat: 127.0.0.1:5999 tidak menjawab OPTIONS dalam 5 detik\n")
    assert sip_check_summary("", stderr) == "galat: 127.0.0.1:5999 tidak menjawab OPTIONS dalam 5 detik"
    stdout = "tanpa registrar: 127.0.0.1:5090 menjawab OPTIONS 200 OK\npanggilan langsung siap\n"
    assert sip_check_summary(stdout, stderr.splitlines()[0]) == stdout.strip()


@pytest.mark.sip
def test_sip_test_registers_with_the_typed_password_without_storing_it(qtbot, dialog, tmp_path):
    import shutil

    from tests.integration.sip.peers import KAMAILIO_MODULES, Kamailio, free_port
    if shutil.which("kamailio") is None or not KAMAILIO_MODULES.is_dir():
        pytest.skip("kamailio is not installed")
    registrar = Kamailio(tmp_path, free_port(), "agent1", "Typed-Pass-55")
    registrar.start()
    try:
        sip = dialog.editor.sip
        sip.registrar.setText(registrar.registrar)
        sip.domain.setText("127.0.0.1")
        sip.username.setText(registrar.user)
        sip.password.setText(registrar.password)
        dialog.editor.settings.set("sip.bind_address", "127.0.0.1")
        with qtbot.waitSignal(sip.sip_checked, timeout=60000) as answer:
            sip.test_button.click()
        assert answer.args[0] is True, sip.answer.text()
        assert "200" in sip.answer.text()
        assert get_secret("sip_password") != registrar.password, "a typed, unsaved password stays out of the keyring"
        sip.password.setText("wrong-one")
        with qtbot.waitSignal(sip.sip_checked, timeout=60000) as refused:
            sip.test_button.click()
        assert refused.args[0] is False and ("401" in sip.answer.text() or "403" in sip.answer.text()
                                             or "kata sandi" in sip.answer.text())
    finally:
        registrar.stop()
