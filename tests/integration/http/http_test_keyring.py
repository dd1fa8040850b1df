"""A keyring backend for the outbox subprocesses of the chaos test: the API token comes
from the environment of that child process only (PYTHON_KEYRING_BACKEND=tests.integration.http.http_test_keyring.EnvKeyring)."""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("SAMBUNG_TEST_API_TOKEN") if username == "api_token" else None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("read-only test keyring")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("read-only test keyring")
