"""The site's recording store as the logged-in person reaches it.

`recording_store(ctx)` builds it once per login from the settings and the credentials the
login left in memory (`ctx.services["credentials"]`: an SMB store connects as that user,
never with a shared account); `forget(ctx)` closes it at logout.  No Qt here; nothing is
written to disk.
"""

from __future__ import annotations

from app.services.recording_store import RecordingStore, store_from_settings

_KEY = "recording_store"


def remember_login(ctx, username: str | None, password: str | None) -> None:
    forget(ctx)
    if username and password is not None:
        ctx.services["credentials"] = (username, password)


def recording_store(ctx) -> RecordingStore | None:
    if _KEY not in ctx.services:
        username, password = ctx.services.get("credentials", (None, None))
        ctx.services[_KEY] = store_from_settings(ctx.settings, username, password)
    return ctx.services[_KEY]


def forget(ctx) -> None:
    store = ctx.services.pop(_KEY, None)
    if store is not None:
        store.close()
    ctx.services.pop("credentials", None)
