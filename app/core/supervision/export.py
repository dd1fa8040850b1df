"""The team leader's reason export as a use case: the acting user from the context.

app.services.reason_export does the work (permission check, team scope, masking,
streaming, audit entry); this only hands it who is acting, the catalogue and the
clock, so a screen never passes a role of its own choosing.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from app.core.context import AppContext, acting
from app.domain.roles import Permission


def export_reasons(ctx: AppContext, path: str | Path, filters, *, fmt: str | None = None, mask: bool = False,
                   progress: Callable[[int, int], None] | None = None,
                   cancel: threading.Event | None = None):
    """Write the reasons matching `filters` (reason_export.ExportFilters); returns its ExportSummary."""
    from app.services.reason_export import export_reasons as write
    user = acting(ctx, Permission.EXPORT_REASONS)
    return write(ctx.database, user.role, path, filters=filters, fmt=fmt, actor_id=user.id,
                 actor_team_id=user.team_id, mask=mask, catalogue=ctx.catalogue, progress=progress,
                 cancel=cancel, now=ctx.clock.now)
