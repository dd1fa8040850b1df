"""The team leader's "all reasons" export as a use case (DOMAIN.md rule 4).

Checks the EXPORT_REASONS permission, decides the team the actor may see (a team
leader: their own, whatever the filter asks), has app.services.reason_export write
the file, and records the audit entry once the file is complete.  Screens and the
CLI call `export_reasons(ctx, ...)` with the acting user in the context;
`export_reasons_as` is the same use case for a caller that names the actor by role
and ids.  It must not write files itself nor skip the audit entry of a finished export.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Literal

from app.core.context import AppContext, acting
from app.domain.reasons import ReasonCatalogue
from app.domain.roles import Permission, PermissionDenied, Role, require
from app.services.reason_export import (COLUMNS, WIB, ExportError, ExportFilters, ExportSummary, export_format,
                                        mask_name, mask_phone, team_id_of, write_reasons)
from app.store import audit
from app.store.db import Database

__all__ = ["COLUMNS", "ExportError", "ExportFilters", "ExportSummary", "export_reasons", "export_reasons_as",
           "mask_name", "mask_phone"]


def export_reasons(ctx: AppContext, path: str | Path, filters: ExportFilters, *, fmt: str | None = None,
                   mask: bool = False, delimiter: str = ";", progress: Callable[[int, int], None] | None = None,
                   cancel: threading.Event | None = None) -> ExportSummary:
    """Write the reasons matching `filters` as the context's user; returns the ExportSummary."""
    user = acting(ctx, Permission.EXPORT_REASONS)
    return export_reasons_as(ctx.database, user.role, path, filters=filters, fmt=fmt, actor_id=user.id,
                             actor_team_id=user.team_id, mask=mask, delimiter=delimiter,
                             catalogue=ctx.catalogue, progress=progress, cancel=cancel, now=ctx.clock.now)


def export_reasons_as(database: Database, actor_role: Role | str, path: str | Path, *,
                      filters: ExportFilters, fmt: Literal["csv", "xlsx"] | None = None,
                      actor_id: int | None = None, actor_team_id: int | None = None, mask: bool = False,
                      delimiter: str = ";", tz: timezone = WIB, catalogue: ReasonCatalogue | None = None,
                      progress: Callable[[int, int], None] | None = None,
                      cancel: threading.Event | None = None,
                      now: Callable[[], datetime] | None = None) -> ExportSummary:
    """The export for an actor given by role (and id and team, for the scope and the audit entry)."""
    require(actor_role, Permission.EXPORT_REASONS)
    path = Path(path)
    fmt = export_format(path, fmt, filters)
    clock = now or (lambda: datetime.now(timezone.utc))
    started = clock()
    team_id = _team_scope(Role(actor_role), actor_team_id, team_id_of(database, filters.team))
    summary = write_reasons(database, path, filters=filters, team_id=team_id, fmt=fmt, mask=mask,
                            delimiter=delimiter, tz=tz, catalogue=catalogue, progress=progress, cancel=cancel)
    if summary.cancelled:
        return summary
    details = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(filters).items()}
    details.update(team_scope=team_id, format=fmt, rows=summary.rows, masked=mask)
    with database.session() as s:
        audit.record(s, actor_id, "export_reasons", path.name, details, at=clock())
    return ExportSummary(path, summary.rows, seconds=(clock() - started).total_seconds())


def _team_scope(role: Role, actor_team_id: int | None, wanted: int | None) -> int | None:
    if role is Role.TEAM_LEADER:
        # A team leader sees their own team only, whatever the filter asks.
        if actor_team_id is None or (wanted is not None and wanted != actor_team_id):
            raise PermissionDenied(role, Permission.EXPORT_REASONS)
        return actor_team_id
    return wanted
