"""The settings page for the outside systems: contract base URLs, API token, database.

"Check connection" asks each system (i-payment, MyCX, TAMARA, Callback) for its health
with the URLs and token being edited;
"Check database" connects to the URL being edited.  Both run through BackgroundOp
and show "OK" or the Indonesian reason.  The token goes to the keyring only when
the dialog saves; it is never put in settings or shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit

from app.core import connection_checks as checks
from app.platform.config import Settings
from app.platform.secrets import get_secret
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.settings.pages import CheckRow, SettingsPage, secret_field

API_KEYS = ("ipayment_url", "mycx_url", "tamara_url", "callback_url")


class ConnectionsPage(SettingsPage):
    connection_checked = Signal(bool, str)
    database_checked = Signal(bool, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.urls: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        labels = {"ipayment_url": self.tr("i-payment URL"), "mycx_url": self.tr("MyCX URL"),
                  "tamara_url": self.tr("TAMARA URL"), "callback_url": self.tr("Callback app URL")}
        for key in API_KEYS:
            field = QLineEdit(placeholderText="https://")
            field.setObjectName(key)
            self.urls[key] = field
            form.addRow(labels[key], field)
            if key == "ipayment_url":
                # Most sites run one adapter for all four systems: type its address once.
                self.same_url = QCheckBox(self.tr("The same address for MyCX, TAMARA and the Callback app"))
                self.same_url.setObjectName("sameUrl")
                form.addRow("", self.same_url)
        self.same_url.toggled.connect(self._mirror_urls)
        self.urls["ipayment_url"].textChanged.connect(lambda _t: self._mirror_urls())
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setObjectName("caBundle")
        self.ca_bundle.setPlaceholderText(self.tr("(system certificates)"))
        form.addRow(self.tr("CA bundle file"), self.ca_bundle)
        self.token = secret_field("api_token", self.tr("(unchanged — kept in the keyring)"), self.tr("API token"))
        form.addRow(self.tr("API token"), self.token)
        self.connection_check = CheckRow(self.tr("Check connection"), "checkConnection", "connectionAnswer",
                                         self.check_connection, self.connection_checked)
        self.check_button, self.connection_answer = self.connection_check.button, self.connection_check.answer
        form.addRow(self.check_button, self.connection_answer)
        self.database_url = QLineEdit()
        self.database_url.setObjectName("databaseUrl")
        self.database_url.setPlaceholderText(self.tr("(local SQLite file)"))
        form.addRow(self.tr("Database URL"), self.database_url)
        self.database_check = CheckRow(self.tr("Check database"), "checkDatabase", "databaseAnswer",
                                       self.check_database, self.database_checked)
        self.db_button, self.database_answer = self.database_check.button, self.database_check.answer
        form.addRow(self.db_button, self.database_answer)
        self._base = Settings()

    def load(self, settings: Settings) -> None:
        self._base = settings
        for key, field in self.urls.items():
            field.setText(settings.get(f"api.{key}", ""))
        values = {field.text() for field in self.urls.values()}
        self.same_url.setChecked(len(values) == 1)
        self.ca_bundle.setText(settings.get("api.ca_bundle", ""))
        self.database_url.setText(settings.get("database_url", ""))

    def store(self, settings: Settings) -> None:
        for key, field in self.urls.items():
            settings.set(f"api.{key}", field.text().strip())
        settings.set("api.ca_bundle", self.ca_bundle.text().strip())
        settings.set("database_url", self.database_url.text().strip())

    def _mirror_urls(self) -> None:
        same = self.same_url.isChecked()
        for key, field in self.urls.items():
            if key != "ipayment_url":
                field.setEnabled(not same)
                if same:
                    field.setText(self.urls["ipayment_url"].text())

    def secrets(self) -> dict[str, str]:
        return {"api_token": self.token.text()} if self.token.text() else {}

    def check_connection(self) -> None:
        values = Settings(dict(self._base.values))
        self.store(values)
        typed = self.token.text()
        self.connection_check.started(self.tr("Checking…"))
        # The keyring is read on the worker too: some backends talk to a D-Bus service.
        BackgroundOp(self, lambda: checks.check_connections(values.values, typed or get_secret("api_token")),
                     lambda lines: self.connection_check.answered(True, lines)) \
            .failure(lambda exc: self.connection_check.answered(False, message(exc))) \
            .run()

    def check_database(self) -> None:
        url = self.database_url.text().strip()
        self.database_check.started(self.tr("Checking…"))
        BackgroundOp(self, lambda: checks.check_database(url),
                     lambda _msg: self.database_check.answered(True, self.tr("OK: the database answered."))) \
            .failure(lambda exc: self.database_check.answered(False, message(exc))) \
            .run()
