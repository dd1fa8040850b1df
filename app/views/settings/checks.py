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

from app.config import Settings

log = logging.getLogger(__name__)

# An account the contract's i-payment answers for without it being a customer:
# 404 "not found" proves the URL, TLS and the token are right.
PROBE_ACCOUNT = "100000000000"


class CheckFailed(Exception):
    """The check ran and the other side said no; str() is the Indonesian reason."""


def check_ipayment(values: dict, token: str | None) -> str:
    """GET a bill from i-payment with the edited URL and token."""
    from app.services import errors
    from app.services.http import ApiClient
    from app.services.ipayment import SERVICE, IPaymentClient

    settings = Settings(values)
    url = settings.get("api.ipayment_url", "")
    if not url:
        raise CheckFailed("Alamat i-payment belum diisi.")
    api = ApiClient.from_settings(settings, "ipayment_url", SERVICE, token=lambda: token or None,
                                  get_retries=0)
    client = IPaymentClient(api)
    try:
        client.get_bill(PROBE_ACCOUNT)
    except errors.NotFound:
        pass        # reached, authenticated, answered: that is all a check can prove
    except errors.ServiceError as exc:
        raise CheckFailed(exc.user_message) from exc
    finally:
        client.close()
    return f"Terhubung ke i-payment ({url})."


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
