"""Who may change which setting (issue 16, item 16).

Site settings — calling hours, the SIP account, dial rules, server addresses, the database,
delivery tuning — are the site's: an administrator changes them, and so does the person setting
a PC up before anyone logs in (`FIRST_SETUP`: the first-run wizard, the settings opened
without a login).  Everyone else changes only what is theirs: the language and their headset
(`PERSONAL_KEYS`), and their own SIP password when the site lets each user type it
(`sip.user_sets_password`).  Screens show each role only that; the core's save refuses the
rest (app.core.settings_change).  Keys are dotted paths of app.platform.config.  No Qt here.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from app.domain.roles import ROLE_LABELS, Role
from app.domain.text import Text

FIRST_SETUP = "first_setup"

PERSONAL_KEYS = frozenset({"language", "sip.audio_capture", "sip.audio_playback"})
OWN_PASSWORD_SETTING = "sip.user_sets_password"

# How a refused key reads, by its first part (the longest match wins).
_GROUPS: tuple[tuple[str, Text], ...] = (
    ("calling_hours", Text("jam panggilan", "calling hours")),
    ("service_hours", Text("jam layanan", "service hours")),
    ("holidays", Text("hari libur", "holidays")),
    ("sip", Text("akun SIP", "SIP account")),
    ("dialing", Text("aturan panggil", "dialling rules")),
    ("api", Text("alamat server", "server addresses")),
    ("database_url", Text("basis data", "database")),
    ("smtp", Text("server e-mail", "e-mail server")),
    ("programs", Text("definisi program", "program definitions")),
    ("number_limits", Text("batas panggilan per nomor", "calls per number")),
    ("outbox", Text("pengiriman", "deliveries")),
    ("recording_store", Text("penyimpanan rekaman", "recording store")),
    ("sip_password", Text("kata sandi SIP", "SIP password")),
    ("api_token", Text("token API", "API token")),
    ("smtp_password", Text("kata sandi e-mail", "e-mail password")),
)


def is_site_editor(editor: Role | str) -> bool:
    """An administrator, or the set-up of a PC before anyone logs in."""
    return editor == FIRST_SETUP or editor == Role.ADMIN.value


def may_change(editor: Role | str, key: str) -> bool:
    return is_site_editor(editor) or key in PERSONAL_KEYS


def may_set_secret(editor: Role | str, name: str, site_get: Callable[[str, Any], Any]) -> bool:
    if is_site_editor(editor):
        return True
    return name == "sip_password" and bool(site_get(OWN_PASSWORD_SETTING, False))


def refused(editor: Role | str, changed: Iterable[str], secrets: Iterable[str],
            site_get: Callable[[str, Any], Any]) -> list[str]:
    """The changed keys and typed secrets this editor may not change, sorted."""
    out = {key for key in changed if not may_change(editor, key)}
    out |= {name for name in secrets if not may_set_secret(editor, name, site_get)}
    return sorted(out)


def _words(key: str) -> tuple[str, str]:
    for prefix, words in _GROUPS:
        if key == prefix or key.startswith(prefix + "."):
            return words.id, words.en
    return key, key


def refusal(editor: Role | str, keys: list[str]) -> Text:
    """Why the save was refused, naming what was touched in words a person knows."""
    named = list(dict.fromkeys(_words(key) for key in keys))
    names = {"id": ", ".join(i for i, _ in named), "en": ", ".join(e for _, e in named)}
    try:
        role = ROLE_LABELS[Role(editor)]
    except ValueError:
        role = {"id": str(editor), "en": str(editor)}
    return Text(f"Peran {role['id']} tidak boleh mengubah pengaturan site ({names['id']}); hanya administrator "
                "yang boleh. Tidak ada yang disimpan.",
                f"The {role['en']} role may not change site settings ({names['en']}); only an administrator "
                "may. Nothing was saved.")
