"""A softphone of its own for a command that checks the SIP set-up (`sambung call`, `sambung sip-check`).

`account(overrides)` reads the configured account (settings, the keyring's
password) with the command's flags on top; `CheckPhone` starts a softphone on it
and queues every fact it hears (registration, call state, the end of a call, an
error) for the command's own thread to read from `events`, as `(kind, value)`.
A refusal to start or to dial is a `PhoneCheckFailed` carrying the engine's own
message.  Nothing here prints or writes to the database: a test call is not an attempt.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Any, Mapping

__all__ = ["CheckPhone", "PhoneCheckFailed", "account", "dial_uri", "masked"]


class PhoneCheckFailed(Exception):
    """The softphone could not start, or refused to dial; str() is the reason."""


def account(overrides: Mapping[str, Any], *, null_audio: bool = False):
    """(Settings, SipConfig, password): the configured account, `overrides` (SipConfig attribute ->
    value) applied.  SettingsError or ValueError when the settings are unusable."""
    from app.platform.config import Settings
    from app.platform.secrets import get_secret
    from app.telephony.events import SipConfig

    settings = Settings.load()
    cfg = SipConfig.from_settings(settings)
    for attr, value in overrides.items():
        setattr(cfg, attr, value)
    if null_audio:
        cfg.null_audio = True
    return settings, cfg, get_secret("sip_password")


def dial_uri(target: str, settings, cfg) -> str:
    """The URI to call: a sip:/sips:/tel: URI as given, a number normalised and dialled the site's way.
    InvalidPhoneNumber (a ValueError) for a number that is not one."""
    raw = target.strip()
    if not raw.startswith(("sip:", "sips:", "tel:")):
        from app.domain.phone import DialRules, dial_string, normalize
        raw = dial_string(normalize(raw), DialRules.from_settings(settings.get("dialing")))
    return cfg.target_uri(raw)


def masked(uri: str) -> str:
    """A URI fit to print: the middle digits of its number hidden."""
    from app.telephony.call import mask_uri
    return mask_uri(uri)


class CheckPhone:
    """One softphone for one command; its facts land in `events` (a queue.Queue of (kind, value))."""

    def __init__(self) -> None:
        from app.telephony.softphone import Softphone
        self.events: queue.Queue = queue.Queue()
        self._phone = Softphone(self)

    # -- the softphone's listener: called on the SIP thread, so it only queues ------------
    def on_registration(self, state) -> None:
        self.events.put(("registration", state))

    def on_call_state(self, snapshot) -> None:
        self.events.put(("state", snapshot))

    def on_call_ended(self, outcome) -> None:
        self.events.put(("ended", outcome))

    def on_transfer_progress(self, progress) -> None:
        self.events.put(("transfer", progress))

    def on_call_progress(self, verdict) -> None:
        self.events.put(("progress", verdict))

    def on_error(self, message_id: str) -> None:
        self.events.put(("error", message_id))

    # -- commands ---------------------------------------------------------------------------
    def start(self, cfg, password: str | None) -> None:
        from app.telephony.engine import EngineError
        try:
            self._phone.start(cfg, password)
        except EngineError as exc:
            raise PhoneCheckFailed(str(exc)) from exc

    def dial(self, uri: str, record_path: Path | None = None) -> None:
        from app.telephony.softphone import CallRefused
        try:
            self._phone.dial(uri, attempt_id="cli", record_path=record_path)
        except CallRefused as exc:
            raise PhoneCheckFailed(str(exc)) from exc

    def hangup(self) -> None:
        self._phone.hangup()

    def send_dtmf(self, digits: str) -> None:
        self._phone.send_dtmf(digits)

    def ping(self, password: str | None, timeout: float) -> tuple[int | None, str]:
        """Direct dialling's check: OPTIONS to the SIP domain; (code, reason), code None without an answer."""
        return self._phone.ping(password, timeout=timeout)

    def stop(self) -> None:
        self._phone.stop()
