"""Finding and removing what is past the retention period (DOMAIN.md rule 5: kept two years).

`plan_retention(database, now, days)` lists what is older than the period — call
recordings (CallAttempt.recording_path) by the attempt's start, QC reviews
(Review.kind qc_*) by their creation — and deletes nothing.  `delete_recordings(plan, outcome)`
deletes the files; `clear_records(session, plan, cleared_ids, outcome)` clears the
recording paths and deletes the review rows in the caller's transaction.  The
cut-off is re-checked in every DELETE/UPDATE, so nothing younger than the period is
ever touched, even if rows changed between plan and apply.  The attempts and
results themselves are kept (they are the call history); the clock is passed in,
never read here.  Who may run it and the audit entry are the use case's
(app.core.supervision.retention).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.platform import paths
from app.store.db import Database
from app.store.models import CallAttempt, Review

log = logging.getLogger(__name__)

DEFAULT_DAYS = 730
_A, _RV = CallAttempt.__table__, Review.__table__
_CHUNK = 500


@dataclass(frozen=True)
class RecordingToDelete:
    attempt_id: int
    path: Path
    started_at: datetime


@dataclass
class RetentionPlan:
    database: Database
    now: datetime
    days: int
    cutoff: datetime                      # strictly older than this goes
    recordings: list[RecordingToDelete] = field(default_factory=list)
    review_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"Retensi {self.days} hari (sebelum {self.cutoff:%Y-%m-%d %H:%M} UTC): "
                f"{len(self.recordings)} rekaman, {len(self.review_ids)} catatan QC.")


@dataclass
class RetentionOutcome:
    files_deleted: int = 0
    files_missing: int = 0
    files_failed: list[str] = field(default_factory=list)
    recordings_cleared: int = 0
    reviews_deleted: int = 0

    def summary(self) -> str:
        text = (f"{self.files_deleted} berkas rekaman dihapus ({self.files_missing} sudah tidak ada), "
                f"{self.recordings_cleared} tautan rekaman dikosongkan, {self.reviews_deleted} catatan QC dihapus.")
        if self.files_failed:
            text += f" {len(self.files_failed)} berkas gagal dihapus dan disimpan untuk percobaan berikutnya."
        return text


def retention_days(settings) -> int:
    """The configured period (Settings 'retention_days'), at least one day."""
    days = int(settings.get("retention_days", DEFAULT_DAYS) or DEFAULT_DAYS)
    if days < 1:
        raise ValueError("Masa retensi minimal 1 hari.")
    return days


def _resolve(path_text: str) -> Path:
    path = Path(path_text)
    return path if path.is_absolute() else paths.recordings_dir() / path


def plan_retention(database: Database, now: datetime, days: int = DEFAULT_DAYS) -> RetentionPlan:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    if days < 1:
        raise ValueError("Masa retensi minimal 1 hari.")
    cutoff = now.astimezone(timezone.utc) - timedelta(days=days)
    plan = RetentionPlan(database, now, days, cutoff)
    with database.engine.connect() as conn:
        for attempt_id, rec, started in conn.execute(
                select(_A.c.id, _A.c.recording_path, _A.c.started_at)
                .where(_A.c.recording_path.is_not(None), _A.c.started_at < cutoff).order_by(_A.c.id)):
            plan.recordings.append(RecordingToDelete(attempt_id, _resolve(rec), started))
        plan.review_ids = list(conn.execute(
            select(_RV.c.id).where(_RV.c.kind.like("qc\\_%", escape="\\"), _RV.c.created_at < cutoff)
            .order_by(_RV.c.id)).scalars())
    return plan


def delete_recordings(plan: RetentionPlan, out: RetentionOutcome) -> list[int]:
    """Delete the plan's recording files; the attempts whose link may now be cleared."""
    cleared_ids: list[int] = []
    for rec in plan.recordings:
        try:
            if rec.path.is_file():
                rec.path.unlink()
                out.files_deleted += 1
            else:
                out.files_missing += 1
            cleared_ids.append(rec.attempt_id)
        except OSError as exc:
            # Kept in the database so the next run tries again; the name only, never the folder.
            out.files_failed.append(rec.path.name)
            log.warning("retention: cannot delete recording %s: %s", rec.path.name, exc.strerror)
    return cleared_ids


def clear_records(session: Session, plan: RetentionPlan, cleared_ids: list[int], out: RetentionOutcome) -> None:
    """Clear the recording links of `cleared_ids` and delete the plan's QC reviews, in `session`."""
    for i in range(0, len(cleared_ids), _CHUNK):
        out.recordings_cleared += session.execute(
            update(_A).where(_A.c.id.in_(cleared_ids[i:i + _CHUNK]), _A.c.started_at < plan.cutoff)
            .values(recording_path=None)).rowcount
    for i in range(0, len(plan.review_ids), _CHUNK):
        out.reviews_deleted += session.execute(
            delete(_RV).where(_RV.c.id.in_(plan.review_ids[i:i + _CHUNK]), _RV.c.created_at < plan.cutoff,
                              _RV.c.kind.like("qc\\_%", escape="\\"))).rowcount
