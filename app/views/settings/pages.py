"""The settings pages a site sets once: SIP account, dial rules, language and calling hours.

Each page edits a `Settings` copy through `load(settings)` / `store(settings)` and
hands typed secrets back through `secrets()` (never stored in settings).  Pages
are shared by the settings dialog and the first-run wizard.  Pages must not save
files themselves or block the GUI thread: the SIP test runs `sambung sip-check`
in a QProcess.
"""

from __future__ import annotations

import shutil
from typing import Callable

from PySide6.QtCore import QProcess, QTime, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTimeEdit, QVBoxLayout, QWidget)

import app.views.settings.checks as checks
from app.domain.phone import DialRules, InvalidPhoneNumber, dial_string, normalize
from app.platform.config import Settings
from app.platform.secrets import get_secret
from app.views.file_dialogs import open_file
from app.views.form_rows import range_row
from app.views.i18n import LANGUAGES, message

SIP_CHECK_TIMEOUT_MS = 20000


class SettingsPage(QWidget):
    """A page of the settings: load from, store into a Settings; typed secrets apart."""

    changed = Signal()

    def load(self, settings: Settings) -> None:
        raise NotImplementedError

    def store(self, settings: Settings) -> None:
        raise NotImplementedError

    def secrets(self) -> dict[str, str]:
        return {}


class CheckRow:
    """A check's button and the label its answer shows in: green when it passed, red when not; the
    page's signal (ok, text) is told once the answer is in."""

    def __init__(self, text: str, name: str, answer_name: str, run: Callable[[], None], checked) -> None:
        self.button = QPushButton(text)
        self.button.setObjectName(name)
        self.button.clicked.connect(run)
        self.answer = QLabel()
        self.answer.setObjectName(answer_name)
        self.answer.setWordWrap(True)
        self._checked = checked

    def started(self, text: str) -> None:
        self.button.setEnabled(False)
        self.answer.setText(text)

    def answered(self, ok: bool, text: str) -> None:
        self.button.setEnabled(True)
        self.answer.setText(text)
        self.answer.setStyleSheet("color: #1b7f3a;" if ok else "color: #b00020;")
        self._checked.emit(ok, text)


def secret_field(name: str, placeholder_known: str, placeholder_empty: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    field.setPlaceholderText(placeholder_known if get_secret(name) else placeholder_empty)
    return field


class SipPage(SettingsPage):
    sip_checked = Signal(bool, str)     # ok, the registrar's (or, without one, the domain's) answer

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.registrar = QLineEdit(placeholderText="sip:pbx.site.local")
        self.domain = QLineEdit(placeholderText="pbx.site.local")
        self.username = QLineEdit()
        self.password = secret_field("sip_password", self.tr("(unchanged — kept in the keyring)"),
                                     self.tr("SIP password"))
        self.transport = QComboBox()
        for value in ("udp", "tcp", "tls"):
            self.transport.addItem(value.upper(), value)
        self.tls_ca_file = QLineEdit(placeholderText=self.tr("(system certificates)"))
        self.tls_ca_browse = QPushButton(self.tr("Browse…"))
        self.tls_ca_browse.setObjectName("tlsCaBrowse")
        self.tls_ca_browse.clicked.connect(self.choose_ca_file)
        self.tls_verify = QCheckBox(self.tr("Verify the server's certificate"))
        self.tls_verify.setObjectName("tlsVerifyServer")
        self.outbound_proxy = QLineEdit(placeholderText="sip:proxy.site.local;lr")
        self.stun = QLineEdit(placeholderText="stun.site.local:3478")
        for name in ("registrar", "domain", "username", "tls_ca_file", "outbound_proxy", "stun"):
            getattr(self, name).setObjectName(name)
        self.sip_check = CheckRow(self.tr("Test SIP"), "sipTest", "sipAnswer", self.test_registration,
                                  self.sip_checked)
        self.test_button, self.answer = self.sip_check.button, self.sip_check.answer
        form = QFormLayout(self)
        form.addRow(self.tr("Registrar"), self.registrar)
        form.addRow(self.tr("SIP domain"), self.domain)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Transport"), self.transport)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.tls_ca_file, 1)
        ca_row.addWidget(self.tls_ca_browse)
        form.addRow(self.tr("TLS CA file"), ca_row)
        form.addRow("", self.tls_verify)
        # The CA file and the check mean something only over TLS.
        self.transport.currentIndexChanged.connect(self._show_tls_fields)
        self._show_tls_fields()
        form.addRow(self.tr("Outbound proxy"), self.outbound_proxy)
        form.addRow(self.tr("STUN server"), self.stun)
        form.addRow(self.test_button, self.answer)
        hint = QLabel(self.tr("Leave the registrar empty to dial directly without registering; "
                              "the test then asks the SIP domain whether it answers."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self._process: QProcess | None = None
        self._values_for_test: dict | None = None

    def load(self, settings: Settings) -> None:
        self.registrar.setText(settings.get("sip.registrar", ""))
        self.domain.setText(settings.get("sip.domain", ""))
        self.username.setText(settings.get("sip.username", ""))
        self.transport.setCurrentIndex(max(0, self.transport.findData(settings.get("sip.transport", "udp"))))
        self.tls_ca_file.setText(settings.get("sip.tls_ca_file", ""))
        self.tls_verify.setChecked(bool(settings.get("sip.tls_verify_server", True)))
        self.outbound_proxy.setText(settings.get("sip.outbound_proxy", ""))
        self.stun.setText(settings.get("sip.stun_server", ""))

    def store(self, settings: Settings) -> None:
        settings.set("sip.registrar", self.registrar.text().strip())
        settings.set("sip.domain", self.domain.text().strip())
        settings.set("sip.username", self.username.text().strip())
        settings.set("sip.transport", self.transport.currentData())
        settings.set("sip.tls_ca_file", self.tls_ca_file.text().strip())
        settings.set("sip.tls_verify_server", self.tls_verify.isChecked())
        settings.set("sip.outbound_proxy", self.outbound_proxy.text().strip())
        settings.set("sip.stun_server", self.stun.text().strip())

    def secrets(self) -> dict[str, str]:
        return {"sip_password": self.password.text()} if self.password.text() else {}

    def choose_ca_file(self) -> None:
        path = open_file(self, self.tr("Site CA certificate (PEM)"), self.tls_ca_file.text(),
                         self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.tls_ca_file.setText(path)

    def _show_tls_fields(self) -> None:
        tls = self.transport.currentData() == "tls"
        for widget in (self.tls_ca_file, self.tls_ca_browse, self.tls_verify):
            widget.setEnabled(tls)

    def use_values(self, values: dict) -> None:
        """The whole settings being edited, so the test checks what would be saved."""
        self._values_for_test = values

    def test_registration(self) -> None:
        if self._process is not None:
            return
        values = Settings(dict(self._values_for_test or Settings().values))
        self.store(values)
        typed = self.password.text()
        home = checks.sip_check_home(values.values)
        process = QProcess(self)
        # Separate channels: stdout carries the answer, stderr the "galat:" lines and the log.
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        env = process.processEnvironment()
        for key, value in checks.sip_check_environment(home).items():
            env.insert(key, value)
        process.setProcessEnvironment(env)
        command = checks.sip_check_command() + (["--password-stdin"] if typed else [])
        process.finished.connect(lambda code, _status: self._test_finished(process, home, code))
        process.errorOccurred.connect(lambda _e: self._test_finished(process, home, -1))
        self._process = process
        self.sip_check.started(self.tr("Testing…"))
        QTimer.singleShot(SIP_CHECK_TIMEOUT_MS, process, process.kill)
        process.start(command[0], command[1:])
        if typed:
            # Typed but not saved: handed to the child on its stdin, never to the keyring or argv.
            process.write((typed + "\n").encode("utf-8"))
        process.closeWriteChannel()

    def _test_finished(self, process: QProcess, home, code: int) -> None:
        if self._process is not process:
            return
        self._process = None
        def read(data) -> str:
            return bytes(data.data()).decode("utf-8", errors="replace")
        output = checks.sip_check_summary(read(process.readAllStandardOutput()),
                                          read(process.readAllStandardError()))
        shutil.rmtree(home, ignore_errors=True)
        ok = code == 0
        if ok:
            text = self.tr("SIP answered: %1").replace("%1", output or "200 OK")
        elif code == -1 and not output:
            text = self.tr("The SIP check could not be started.")
        else:
            text = self.tr("SIP test failed: %1").replace("%1", output or str(code))
        self.sip_check.answered(ok, text)


class DialingPage(SettingsPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.outside_line = QLineEdit(placeholderText="9")
        self.outside_line.setObjectName("outsideLine")
        self.international = QCheckBox(self.tr("The trunk takes international numbers (+62…)"))
        self.international.setObjectName("international")
        self.area_code = QLineEdit(placeholderText="022")
        self.area_code.setObjectName("areaCode")
        self.sample = QLineEdit("081234567890")
        self.sample.setObjectName("sample")
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setStyleSheet("font-weight: 600;")
        form = QFormLayout(self)
        form.addRow(self.tr("Outside line prefix"), self.outside_line)
        form.addRow("", self.international)
        form.addRow(self.tr("Site area code"), self.area_code)
        form.addRow(self.tr("Sample number"), self.sample)
        form.addRow(self.tr("Dialled as"), self.preview)
        for field in (self.outside_line, self.area_code, self.sample):
            field.textChanged.connect(self.update_preview)
        self.international.toggled.connect(self.update_preview)
        self.update_preview()

    def rules(self) -> DialRules:
        return DialRules(self.outside_line.text().strip(), self.international.isChecked(),
                         self.area_code.text().strip())

    def update_preview(self) -> None:
        try:
            rules = self.rules()
        except ValueError as exc:
            self.preview.setText(message(exc))
            return
        try:
            self.preview.setText(dial_string(normalize(self.sample.text()), rules))
        except InvalidPhoneNumber as exc:
            self.preview.setText(message(exc))

    def load(self, settings: Settings) -> None:
        self.outside_line.setText(settings.get("dialing.outside_line_prefix", ""))
        self.international.setChecked(bool(settings.get("dialing.international", False)))
        self.area_code.setText(settings.get("dialing.site_area_code", ""))
        self.update_preview()

    def store(self, settings: Settings) -> None:
        rules = self.rules()        # ValueError: the dialog shows it and does not save
        settings.set("dialing.outside_line_prefix", rules.outside_line_prefix)
        settings.set("dialing.international", rules.international)
        settings.set("dialing.site_area_code", rules.site_area_code)


class GeneralPage(SettingsPage):
    """Language and the calling-hours window (days are Python weekdays, 0 = Monday).  Without
    `site_fields` (a user who is not an administrator) only the language: the hours are the site's."""

    def __init__(self, parent=None, site_fields: bool = True) -> None:
        super().__init__(parent)
        self.site_fields = site_fields
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.start = QTimeEdit()
        self.start.setObjectName("hoursStart")
        self.end = QTimeEdit()
        self.end.setObjectName("hoursEnd")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        labels = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                  self.tr("Sat"), self.tr("Sun"))
        self.days = [QCheckBox(label) for label in labels]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        if site_fields:
            form.addRow(self.tr("Calling hours"), range_row(self.start, self.end))
            form.addRow(self.tr("Calling days"), days_row)
            note = QLabel(self.tr("Customers are called only inside this window, in their own time zone."))
        else:
            note = QLabel(self.tr("Calling hours, the SIP account, server addresses and the database are the "
                                  "site's settings: an administrator changes them."))
        note.setObjectName("generalNote")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        self.language.setCurrentIndex(0 if settings.get("language", "id") == "id" else 1)
        self.start.setTime(QTime.fromString(settings.get("calling_hours.start", "08:00"), "HH:mm"))
        self.end.setTime(QTime.fromString(settings.get("calling_hours.end", "20:00"), "HH:mm"))
        days = set(settings.get("calling_hours.days", []))
        for number, box in enumerate(self.days):
            box.setChecked(number in days)

    def store(self, settings: Settings) -> None:
        settings.set("language", self.language.currentData())
        if not self.site_fields:
            return
        if self.end.time() <= self.start.time():
            raise ValueError(self.tr("Calling hours must end after they start."))
        if not any(box.isChecked() for box in self.days):
            raise ValueError(self.tr("Choose at least one calling day."))
        settings.set("calling_hours.start", self.start.time().toString("HH:mm"))
        settings.set("calling_hours.end", self.end.time().toString("HH:mm"))
        settings.set("calling_hours.days", [n for n, box in enumerate(self.days) if box.isChecked()])


class OwnPasswordPage(SettingsPage):
    """A user's own SIP password, where the site lets each user type theirs (sip.user_sets_password)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.password = secret_field("sip_password", self.tr("(unchanged — kept in the keyring)"),
                                     self.tr("SIP password"))
        form = QFormLayout(self)
        form.addRow(self.tr("Your SIP password"), self.password)
        hint = QLabel(self.tr("Kept in this PC's keyring, never in a file."))
        hint.setWordWrap(True)
        form.addRow(hint)

    def load(self, settings: Settings) -> None:
        pass

    def store(self, settings: Settings) -> None:
        pass

    def secrets(self) -> dict[str, str]:
        return {"sip_password": self.password.text()} if self.password.text() else {}
