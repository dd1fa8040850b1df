"""Retention (DOMAIN.md rule 5) as a use case: who may run it, in which order, and the audit entry.

`plan_retention` lists what is past the period (nothing deleted); `apply_retention`
deletes the recording files first (app.services.retention), then clears their
links and deletes the QC reviews together with one audit entry in one transaction,
so the audit line says exactly what the database lost.  `retention_plan(ctx, days)`
and `run_retention(ctx, plan)` are the same for a logged-in actor, checking
Permission.RUN_RETENTION first.  It must not touch files or rows itself.
"""

from __future__ import annotations

import logging
from datetime import datetime

from app.core.context import AppContext, acting
from app.domain.roles import Permission
from app.services.retention import (DEFAULT_DAYS, RetentionOutcome, RetentionPlan, clear_records,
                                    delete_recordings, plan_retention, retention_days)
from app.store import audit

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_DAYS", "RetentionOutcome", "RetentionPlan", "apply_retention", "plan_retention",
           "retention_days", "retention_plan", "run_retention"]


def apply_retention(plan: RetentionPlan, actor_id: int | None = None, store=None) -> RetentionOutcome:
    """Delete what `plan` lists (from the site's recording `store` too), as `actor_id` (None: the
    database owner running the command)."""
    out = RetentionOutcome()
    cleared_ids = delete_recordings(plan, out, store)
    with plan.database.session() as s:
        clear_records(s, plan, cleared_ids, out)
        audit.record(s, actor_id, "retention", f"{plan.days} hari",
                     {"cutoff": plan.cutoff.isoformat(), "files_deleted": out.files_deleted,
                      "files_missing": out.files_missing, "files_failed": len(out.files_failed),
                      "recordings_cleared": out.recordings_cleared, "reviews_deleted": out.reviews_deleted},
                     at=plan.now)
    log.info("retention applied: %s", out.summary())
    return out


def retention_plan(ctx: AppContext, days: int | None = None, now: datetime | None = None) -> RetentionPlan:
    """What the period (`days`, else the settings' retention_days) would remove now."""
    acting(ctx, Permission.RUN_RETENTION)
    return plan_retention(ctx.database, now or ctx.clock.now(),
                          days if days is not None else retention_days(ctx.settings))


def run_retention(ctx: AppContext, plan: RetentionPlan) -> RetentionOutcome:
    """Apply the plan for the whole team: the site's recording store is reached as this admin."""
    from app.core.recording_access import recording_store
    from app.services.recording_store import RecordingStoreError
    user = acting(ctx, Permission.RUN_RETENTION)
    try:
        store = recording_store(ctx)
    except RecordingStoreError as exc:
        log.warning("retention without the recording store: %s", exc)
        store = None
    return apply_retention(plan, actor_id=user.id, store=store)
