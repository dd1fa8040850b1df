"""Saving settings as someone: only what their role may change (app.domain.settings_access).

`save_settings(editor, before, edited, secrets)` compares the edited settings with the ones the
screen started from, refuses (SettingsRefused, both languages, nothing written) when the editor
touched a key or typed a secret that is not theirs, then puts typed secrets in the keyring
(a keyring failure leaves the file untouched) and writes the user's settings file.  The settings
dialog, the first-run wizard and any other client go through here, so an agent cannot change
the calling hours or the SIP account by another way in.  Secrets never reach the file.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Iterator

from app.domain.roles import Role
from app.domain.settings_access import refused, refusal
from app.domain.text import Text, TextError
from app.platform.config import SECRET_NAMES, Settings
from app.platform.secrets import set_secret

log = logging.getLogger(__name__)


class SettingsRefused(TextError, PermissionError):
    """The editor changed settings their role may not change; `keys` names them."""

    def __init__(self, text: Text, keys: list[str]) -> None:
        super().__init__(text)
        self.keys = keys


def _leaves(values: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(values, dict) and values:
        for key, value in values.items():
            yield from _leaves(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), values


def changed_keys(before: dict, after: dict) -> set[str]:
    """The dotted keys whose value differs (added, removed or changed)."""
    old, new = dict(_leaves(before)), dict(_leaves(after))
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def save_settings(editor: Role | str, before: Settings, edited: Settings, secrets: dict[str, str]) -> str:
    """Write what `editor` changed from `before` to `edited`; the path written.  Blocking (keyring,
    disk): run it off the GUI thread."""
    unknown = ", ".join(sorted(set(secrets) - set(SECRET_NAMES)))
    if unknown:
        raise SettingsRefused(Text(f"Rahasia tidak dikenal: {unknown}.", f"Unknown secret: {unknown}."), [unknown])
    touched = changed_keys(before.values, edited.values)
    forbidden = refused(editor, touched, secrets, before.get)
    if forbidden:
        log.warning("settings save refused for %s: %s", editor, ", ".join(forbidden))
        raise SettingsRefused(refusal(editor, forbidden), forbidden)
    for name, value in secrets.items():
        set_secret(name, value)
    values = copy.deepcopy(edited.values)
    for name in SECRET_NAMES:
        values.pop(name, None)
    path = Settings(values).save_user()
    log.info("settings saved to %s by %s (secrets changed: %s)", path, editor, ", ".join(sorted(secrets)) or "none")
    return str(path)
