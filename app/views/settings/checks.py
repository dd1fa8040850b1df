"""How the settings' "Test SIP" button runs `sambung sip-check` as a child process.

The child reads the values being edited from a throw-away SAMBUNG_HOME, so it tests
exactly what would be saved; its answer is cut down to what a person should read.
The connection and database checks are app.core.connection_checks.  No Qt here; no
secret is written, returned or logged (the password goes to the child on stdin).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from app.platform.own_program import sambung


def sip_check_command() -> list[str]:
    """`sambung sip-check`, whether this is a source checkout or a PyInstaller build."""
    return sambung("sip-check")


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
