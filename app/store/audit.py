"""The audit trail: who reviewed, returned, approved, exported or changed a user, and when.

One function, `record`, adds an AuditEntry to the caller's session so the entry
commits (or rolls back) together with the change it describes.  It must not
open its own session or commit: an audit line for a change that did not happen
would be a lie.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.store.models import AuditEntry
from app.store.types import json_safe


def record(session: Session, user: Any, action: str, target: str | None,
           details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEntry:
    """Add one entry; `user` is a CurrentUser (or anything with `.id`), a user id, or None for the
    system (the database owner running a command)."""
    user_id = user if isinstance(user, int) else getattr(user, "id", None)
    entry = AuditEntry(user_id=user_id, action=action[:40],
                       target=(target or "")[:120] or None, details=json_safe(details or {}))
    if at is not None:
        entry.at = at
    session.add(entry)
    return entry
