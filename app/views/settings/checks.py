"""The checks behind the settings dialog's buttons, as plain functions for BackgroundOp.

Each takes the values being edited (not the saved settings), does one network or
disk round trip and returns a short Indonesian answer, or raises an exception
whose message a person can act on.  No Qt here (they run on a worker thread); no
secret is returned, logged or kept.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from app.platform.config import Settings

log = logging.getLogger(__name__)

class CheckFailed(Exception):
    """The check ran and the other side said no; str() is the Indonesian reason."""


def check_connections(values: dict, token: str | None) -> str:
    """Ask every system of the contract (its own URL) whether it is up and takes the token.

    Returns one line per system; raises CheckFailed with the same lines when any failed.
    """
    from app.services.health import check_all
    answers = check_all(Settings(values), lambda: token or None)
    lines = "\n".join(("✔ " if a.ok else "✘ ") + a.message for a in answers)
    if not all(a.ok for a in answers):
        raise CheckFailed(lines)
    return lines


def check_database(url: str) -> str:
    from app.store.db import Database, DatabaseUrlError
    try:
        database = Database(url or None)
    except DatabaseUrlError as exc:
        raise CheckFailed(str(exc)) from exc
    try:
        database.check()
    except DatabaseUrlError as exc:
        raise CheckFailed(str(exc)) from exc
    finally:
        database.dispose()
    return f"Basis data dapat dihubungi ({database.safe_url})."


def sip_check_command() -> list[str]:
    """`sambung sip-check`, whether this is a source checkout or a PyInstaller build."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "sip-check"]
    return [sys.executable, "-m", "app", "sip-check"]


def sip_check_summary(stdout: str, stderr: str) -> str:
    """What a person should read of `sambung sip-check`: its answer and its own messages.

    The answer is on stdout; stderr also carries the log (warnings such as "no sound
    device"), which is not the answer, so only the command's "galat:"/"peringatan:"
    lines are kept from it.
    """
    answer = [line.strip() for line in stdout.splitlines() if line.strip()]
    said = [line.strip() for line in stderr.splitlines() if line.startswith(("galat:", "peringatan:"))]
    return "\n".join(answer[-3:] + said[-2:])


def sip_check_home(values: dict) -> Path:
    """A throw-away SAMBUNG_HOME whose user settings are the values being edited.

    The child process reads settings the ordinary way, so the check tests exactly what
    would be saved; the password stays in the keyring (never in this folder).
    """
    home = Path(tempfile.mkdtemp(prefix="sambung-sipcheck-"))
    (home / "config").mkdir()
    (home / "config" / "settings.json").write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return home


def sip_check_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SAMBUNG_HOME"] = str(home)
    return env
