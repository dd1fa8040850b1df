"""Secrets: a keyring that cannot keep them says so, in the log and in the diagnostics."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.backends import fail, null

from app.platform import secrets

@pytest.fixture
def backend():
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)

def test_memory_keyring_chosen_by_keyring_itself_warns_that_the_secret_will_not_last(backend, caplog):
    backend(secrets.MemoryKeyring())
    with caplog.at_level(logging.WARNING, logger="app.platform.secrets"):
        secrets.set_secret("api_token", "Token-In-Memory-1")
    assert secrets.get_secret("api_token") == "Token-In-Memory-1"
    assert "kept in memory for this session only" in caplog.text
    assert "Token-In-Memory-1" not in caplog.text
    assert secrets.keyring_description() == ("app.platform.secrets.MemoryKeyring", False)

def test_no_keyring_at_all_falls_back_to_memory_with_the_warning(backend, caplog):
    backend(fail.Keyring())
    with caplog.at_level(logging.WARNING, logger="app.platform.secrets"):
        secrets.set_secret("sip_password", "Pw-Fallback-2")
    assert secrets.get_secret("sip_password") == "Pw-Fallback-2"
    assert "kept in memory" in caplog.text
    assert secrets.keyring_description()[1] is False

def test_null_keyring_is_not_called_persistent(backend):
    backend(null.Keyring())
    assert secrets.keyring_description()[1] is False

def test_a_real_backend_keeps_quiet(backend, caplog):
    class FileLike(keyring.backend.KeyringBackend):
        priority = 5
        store: dict = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)
    backend(FileLike())
    with caplog.at_level(logging.WARNING, logger="app.platform.secrets"):
        secrets.set_secret("api_token", "Kept-3")
    assert caplog.text == "" and secrets.keyring_description()[1] is True

def test_the_demos_session_token_never_replaces_the_keyrings(backend):
    store = secrets.MemoryKeyring()
    backend(store)
    secrets.set_secret("api_token", "Real-Site-Token")
    secrets.set_session_secret("api_token", "demo-throwaway")
    assert secrets.get_secret("api_token") == "demo-throwaway"
    assert store.get_password(secrets.SERVICE, "api_token") == "Real-Site-Token"
