"""The settings' "check" buttons for the database and the contract's systems, as plain functions.

Each takes the values being edited (not the saved settings), does one network or
database round trip and returns a short Indonesian answer, or raises `CheckFailed`
whose message a person can act on.  They run on a worker thread (the screens call
them through BackgroundOp); no secret is returned, logged or kept.
"""

from __future__ import annotations

from typing import Any

from app.platform.config import Settings


class CheckFailed(Exception):
    """The check ran and the other side said no; str() is the Indonesian reason."""


def check_connections(values: dict[str, Any], token: str | None) -> str:
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
    from app.store.db import CredentialsRefused, Database, DatabaseUrlError
    try:
        database = Database(url or None)
    except DatabaseUrlError as exc:
        raise CheckFailed(str(exc)) from exc
    try:
        database.check()
    except CredentialsRefused:
        # A team's server asks each person for their own password: reaching that question is success.
        return (f"Server basis data tim dapat dihubungi ({database.safe_url}); kata sandi tiap pengguna "
                "diperiksa saat login.")
    except DatabaseUrlError as exc:
        raise CheckFailed(str(exc)) from exc
    finally:
        database.dispose()
    return f"Basis data dapat dihubungi ({database.safe_url})."
