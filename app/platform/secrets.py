"""Secrets (SIP password, API token, SMTP password) in the OS keyring.

Never written to a settings file or a log.  Where the machine has no keyring
backend (a bare CI box), secrets live in process memory only, for the session:
set PYTHON_KEYRING_BACKEND=app.platform.secrets.MemoryKeyring to choose that.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError

SERVICE = "sambung"
log = logging.getLogger(__name__)


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the process ends."""

    priority = 1  # type: ignore[assignment]
    _store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._store.pop((service, username), None)


_fallback = MemoryKeyring()
_session: dict[str, str] = {}


def set_session_secret(name: str, value: str) -> None:
    """A secret for this process only, never written to the OS keyring: the demo's throw-away
    token must not replace a site's real one on a PC where someone tries `--demo`."""
    _session[name] = value


def get_secret(name: str) -> str | None:
    if name in _session:
        return _session[name]
    try:
        return keyring.get_password(SERVICE, name)
    except (NoKeyringError, KeyringError, RuntimeError):
        return _fallback.get_password(SERVICE, name)


def keyring_description() -> tuple[str, bool]:
    """(name of the keyring backend in use, whether it keeps secrets after the process ends)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration is reported, not raised
        return "(tidak ada)", False
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # keyring picks the MemoryKeyring itself when nothing better is viable (it is a
    # KeyringBackend subclass with priority 1): then nothing outlives the session.
    persistent = not isinstance(backend, MemoryKeyring) and \
        type(backend).__module__ not in ("keyring.backends.fail", "keyring.backends.null")
    return name, persistent


def set_secret(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except (NoKeyringError, KeyringError, RuntimeError):
        _fallback.set_password(SERVICE, name, value)
    else:
        if keyring_description()[1]:
            return
    log.warning("no OS keyring available: secret %r kept in memory for this session only", name)
