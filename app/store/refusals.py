"""A refusal of the database reaches the user as a clear Indonesian message, never a traceback.

On a team's PostgreSQL the grants and row-level security of app.store.team_access are the
last line: when a statement is refused (SQLSTATE 42501 — no privilege, a row the policy
forbids, or one of our SQL functions saying no), `install(engine)` turns the driver's error
into `DatabaseRefused`, a PermissionError, so every screen and command that already shows
a PermissionError shows this one too.  It must not swallow other errors.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import event

log = logging.getLogger(__name__)

INSUFFICIENT_PRIVILEGE = "42501"

# PostgreSQL's own words -> what the user reads (the table in the user's terms).
TABLE_WORDS = {
    "results": "hasil panggilan", "work_items": "data antrean", "customers": "data pelanggan",
    "phones": "nomor pelanggan", "users": "pengguna", "teams": "tim", "audit_log": "jejak audit",
    "call_attempts": "percobaan panggilan", "reviews": "penilaian QC/TL", "recordings": "rekaman",
    "outbox": "antrean kiriman", "tickets": "tiket", "user_passwords": "kata sandi pengguna",
}


class DatabaseRefused(PermissionError):
    """The database refused this user's statement; the message says what, in Indonesian."""


def _table(text: str) -> str:
    m = re.search(r'(?:table|relation) "?([a-z_]+)"?', text)
    return m.group(1) if m else ""


def explain(message: str) -> str:
    """The Indonesian sentence for one refusal message of PostgreSQL."""
    first = (message or "").strip().splitlines()[0] if (message or "").strip() else ""
    table = _table(first)
    what = TABLE_WORDS.get(table, table or "data ini")
    if "row-level security" in first:
        return f"Ditolak oleh basis data: Anda tidak berhak menulis {what} ini (aturan baris, RLS)."
    if first.startswith("permission denied"):
        if "function" in first:
            return "Ditolak oleh basis data: peran Anda tidak berhak menjalankan fungsi ini."
        return f"Ditolak oleh basis data: peran Anda tidak berhak mengubah atau membaca {what}."
    return f"Ditolak oleh basis data: {first}"


def _refusal(context):
    orig = getattr(context.original_exception, "sqlstate", None)
    if orig != INSUFFICIENT_PRIVILEGE:
        return None
    message = explain(str(context.original_exception))
    log.warning("database refused a statement: %s", message)
    return DatabaseRefused(message)


def install(engine) -> None:
    @event.listens_for(engine, "handle_error")
    def _translate(context):      # noqa: ANN001 - SQLAlchemy's hook signature
        return _refusal(context)
