"""This desktop's own id: which PC wrote an outbox message only it can deliver (a recording
whose file is on this PC only).  A random id kept in the user data folder; no hardware
or user information goes into it, and it is never a secret.
"""

from __future__ import annotations

import uuid

from app.platform import paths

_cached: str | None = None


def desktop_id() -> str:
    global _cached
    path = paths.data_dir() / "desktop-id"
    if _cached is not None and path.exists():
        return _cached
    try:
        value = path.read_text(encoding="ascii").strip()
    except OSError:
        value = ""
    if len(value) != 32:
        value = uuid.uuid4().hex
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="ascii")
    _cached = value
    return value
