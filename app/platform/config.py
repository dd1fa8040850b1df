"""Site and user settings.

An IT team deploys one *site file* (JSON) centrally; each user's own settings file
in the user config folder overrides it key by key.  Secrets (SIP password, API
tokens, SMTP password) are never stored here: they live in the OS keyring
(app.platform.secrets) under the names in `SECRET_NAMES`.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.platform import paths

SECRET_NAMES = ("sip_password", "api_token", "smtp_password", "imap_password")

DEFAULTS: dict[str, Any] = {
    "language": "id",
    "database_url": "",            # empty: SQLite in the user data folder
    "sip": {
        "registrar": "",           # e.g. "sip:pbx.site.local" ; empty = direct dialing
        "domain": "",
        "username": "",
        "transport": "udp",        # udp | tcp | tls
        "tls_ca_file": "",         # PEM of the site CA for TLS; empty = the system's CAs
        "tls_verify_server": True,  # TLS: refuse a server certificate that is not trusted
        "outbound_proxy": "",
        "stun_server": "",
        "local_port": 0,
        "codecs": ["PCMA/8000", "PCMU/8000", "G722/16000"],
        "audio_capture": "",       # device name; empty = system default, "null" = none
        "audio_playback": "",
        "supervisor_number": "",
        "ring_timeout_seconds": 45,  # an unanswered call is cancelled after this (desk and `sambung call`)
        "transfer_timeout_seconds": 30,  # a transfer not confirmed by then has failed; the call stays
        "user_sets_password": False,  # each user types their own SIP password (else only an administrator)
    },
    "dialing": {
        "outside_line_prefix": "",  # e.g. "9"
        "international": False,     # dial +62... instead of 0...
        "site_area_code": "",       # e.g. "022": local fixed lines dialled without it
    },
    # Calling rules (issue 18; every rule, default and source in docs/rules.md).
    # The collection window, POJK 22/2023 art. 62: Mon-Sat 08:00-20:00 customer's local time,
    # holidays only with the customer's agreement.
    "calling_hours": {"start": "08:00", "end": "20:00", "days": [0, 1, 2, 3, 4, 5], "observe_holidays": True},
    # The site's service hours: Tier-2 fault callbacks (site choice; holidays not kept).
    "service_hours": {"start": "08:00", "end": "20:00", "days": [0, 1, 2, 3, 4, 5, 6], "observe_holidays": False},
    # Holidays: the `holidays` package's Indonesian calendar, optionally its cuti bersama, plus site dates.
    "holidays": {"national": True, "cuti_bersama": False, "site_dates": []},
    # Calls per phone number across every record that holds it (0 = no limit).
    "number_limits": {"per_day": 6, "per_round": 3},
    # Program definitions and round structure (app.domain.programs.ProgramRules fields).
    "programs": {
        "CT0": {"arrears_months_allowed": [2], "first_round_attempts": 3, "pend_after_first_round": False,
                "calling_window": "calling_hours", "promise_max_days": 7, "promise_max_share_of_arrears": 1.0},
        "PRANPC": {"arrears_months_allowed": [0, 1], "first_round_attempts": 3, "pend_after_first_round": False,
                   "calling_window": "calling_hours", "promise_max_days": 14, "promise_max_share_of_arrears": 1.0},
        "TIER2": {"first_round_attempts": 3, "second_round_attempts": 3, "calling_window": "service_hours"},
    },
    "api": {
        "ipayment_url": "",
        "mycx_url": "",
        "tamara_url": "",
        "callback_url": "",
        # The systems the procedures close their loops in (issue 17).  CWC and Nonatero get
        # every call's result only at a site that names them here.
        "cwc_url": "",
        "nossa_url": "",
        "sephia_url": "",
        "escalation_url": "",
        "nonatero_url": "",
        "service_status_url": "",
        "ca_bundle": "",
        "connect_timeout": 3.05,
        "read_timeout": 10.0,
    },
    "smtp": {"host": "", "port": 587, "starttls": True, "username": "", "sender": ""},
    # The site mailbox the e-mail agent reads (W-89) and the units its mail is forwarded to;
    # the password is the keyring's "imap_password".
    "mail_intake": {"host": "", "port": 993, "ssl": True, "starttls": False, "username": "", "mailbox": "INBOX",
                    "units": {"DBS": "", "DCS": ""}},
    # call_scripts_dir: a folder of <PROGRAM>.txt call scripts replacing the shipped ones ("" = shipped).
    "desk": {"auto_dial_seconds": 0, "preview": True, "call_scripts_dir": ""},
    # Call-progress analysis: tones, silence, speech and the site's operator announcements.
    # library_dir: a folder of WAVs + manifest.json ("" = <data dir>/announcements once an admin
    # has added one, else the starter library); hang_up: end the call on a conclusive class.
    "cpa": {"enabled": True, "library_dir": "", "hang_up": False},
    "export": {"mask_personal_data": False},
    "outbox": {"concurrency": 4, "batch_size": 20, "backoff_base_seconds": 2, "backoff_max_seconds": 600,
               "lease_seconds": 120, "idle_poll_seconds": 5},
    "retention_days": 730,
    # Where recordings go for the team (issue 14, docs/admin.md): "none" keeps them on this PC
    # (single-PC mode); "folder" a path the OS already reaches (a mounted NFS/SMB share, or
    # \\server\share on Windows); "smb" an SMB server reached as the logged-in user (their own
    # name and password, never stored).  Uploads go through the outbox.
    "recording_store": {"kind": "none", "folder": "", "server": "", "port": 445, "share": "",
                        "path": "sambung", "encrypt": True},
    # QC hears most of an agree call's recording before a verdict, or writes why not (issue 16).
    "qc": {"min_listened_percent": 80},
    # A held customer (claimed, in a call, in wrap-up) goes back to the queue after this long
    # without a sign of life from its desk; a team leader can release it sooner.
    "claim_ttl_minutes": 30,
}


def site_file() -> Path:
    env = os.environ.get("SAMBUNG_SITE_FILE")
    if env:
        return Path(env)
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Sambung" / "site.json"
    return Path("/etc/sambung/site.json")


_profile = ""


def use_profile(name: str) -> None:
    """`--demo` keeps its own user file: what is saved while trying the demo (its stand-in
    URLs, its database, its all-day calling hours) must never become the PC's settings."""
    global _profile
    _profile = name


def user_file() -> Path:
    return paths.config_dir() / (f"{_profile}-settings.json" if _profile else "settings.json")


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class SettingsError(ValueError):
    """A settings file exists but cannot be read; the message names the file."""


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(f"Berkas pengaturan {path} tidak dapat dibaca: {exc}") from exc
    for secret in SECRET_NAMES:
        data.pop(secret, None)      # a secret pasted into a file is ignored, never used
    return data


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(DEFAULTS))

    @classmethod
    def load(cls) -> "Settings":
        return cls(_merge(_merge(DEFAULTS, _read(site_file())), _read(user_file())))

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def set(self, dotted: str, value: Any) -> None:
        parts = dotted.split(".")
        node = self.values
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def save_user(self) -> Path:
        """Write what differs from the site file to the user's settings file."""
        site = _merge(DEFAULTS, _read(site_file()))
        diff = _diff(site, self.values)
        path = user_file()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(diff, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        return path


def save_user_value(dotted: str, value: Any) -> Path:
    """Change one key in the user's settings file, leaving the rest as it is on disk."""
    current = Settings(_read(user_file()))
    current.set(dotted, value)
    path = user_file()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(current.values, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def _diff(base: dict, values: dict) -> dict:
    out: dict = {}
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            sub = _diff(base[key], value)
            if sub:
                out[key] = sub
        elif base.get(key) != value:
            out[key] = value
    return out
