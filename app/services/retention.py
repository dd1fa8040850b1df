"""Finding and removing what is past the retention period (DOMAIN.md rule 5: kept two years).

`plan_retention(database, now, days)` lists what is older than the period — call
recordings (the `recordings` rows in the site's recording store, and files still on this
PC, CallAttempt.recording_path) by the attempt's start, QC reviews (Review.kind qc_*) by
their creation — and deletes nothing.  `delete_recordings(plan, outcome, store)` deletes the
files, from the team's store too, so one run for the team is enough; `clear_records(session, plan, cleared_ids, outcome)` clears the
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

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from app.domain.text import Text, TextError
from app.platform import paths
from app.store.db import Database
from app.store.models import CallAttempt, Recording, Review

log = logging.getLogger(__name__)

DEFAULT_DAYS = 730
_A, _RV, _REC = CallAttempt.__table__, Review.__table__, Recording.__table__
_CHUNK = 500


@dataclass(frozen=True)
class RecordingToDelete:
    attempt_id: int
    path: Path | None              # a file on this PC (None: only in the store)
    started_at: datetime
    key: str | None = None         # its key in the site's recording store (None: never uploaded)


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


class RetentionError(TextError, ValueError):
    """The retention period is set to something that cannot be kept."""


_AT_LEAST_A_DAY = Text("Masa retensi minimal 1 hari.", "The retention period is at least 1 day.")


def retention_days(settings) -> int:
    """The configured period (Settings 'retention_days'), at least one day."""
    days = int(settings.get("retention_days", DEFAULT_DAYS) or DEFAULT_DAYS)
    if days < 1:
        raise RetentionError(_AT_LEAST_A_DAY)
    return days


def _resolve(path_text: str) -> Path:
    path = Path(path_text)
    return path if path.is_absolute() else paths.recordings_dir() / path


def plan_retention(database: Database, now: datetime, days: int = DEFAULT_DAYS) -> RetentionPlan:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    if days < 1:
        raise RetentionError(_AT_LEAST_A_DAY)
    cutoff = now.astimezone(timezone.utc) - timedelta(days=days)
    plan = RetentionPlan(database, now, days, cutoff)
    with database.engine.connect() as conn:
        for attempt_id, rec, started, key, stored in conn.execute(
                select(_A.c.id, _A.c.recording_path, _A.c.started_at, _REC.c.location, _REC.c.stored_at)
                .outerjoin(_REC, _REC.c.attempt_id == _A.c.id)
                .where(or_(_A.c.recording_path.is_not(None), _REC.c.id.is_not(None)), _A.c.started_at < cutoff)
                .order_by(_A.c.id)):
            plan.recordings.append(RecordingToDelete(attempt_id, _resolve(rec) if rec else None, started,
                                                     key if stored is not None else None))
        plan.review_ids = list(conn.execute(
            select(_RV.c.id).where(_RV.c.kind.like("qc\\_%", escape="\\"), _RV.c.created_at < cutoff)
            .order_by(_RV.c.id)).scalars())
    return plan


def delete_recordings(plan: RetentionPlan, out: RetentionOutcome, store=None) -> list[int]:
    """Delete the plan's recordings, from the site's store (`store`) and from this PC; the attempts
    whose link may now be cleared."""
    from app.services.recording_store import RecordingStoreError
    cleared_ids: list[int] = []
    for rec in plan.recordings:
        name = rec.key or (rec.path.name if rec.path else f"attempt-{rec.attempt_id}")
        try:
            found = False
            if rec.key is not None:
                if store is None:
                    out.files_failed.append(name)      # the store is not reachable from here: kept, retried
                    continue
                found = store.delete(rec.key)
            if rec.path is not None and rec.path.is_file():
                rec.path.unlink()
                found = True
            if found:
                out.files_deleted += 1
            else:
                out.files_missing += 1
            cleared_ids.append(rec.attempt_id)
        except (OSError, RecordingStoreError) as exc:
            # Kept in the database so the next run tries again; the name only, never the folder.
            out.files_failed.append(name)
            log.warning("retention: cannot delete recording %s: %s", name, getattr(exc, "strerror", None) or exc)
    return cleared_ids


def clear_records(session: Session, plan: RetentionPlan, cleared_ids: list[int], out: RetentionOutcome) -> None:
    """Clear the recording links of `cleared_ids` and delete the plan's QC reviews, in `session`."""
    for i in range(0, len(cleared_ids), _CHUNK):
        chunk = cleared_ids[i:i + _CHUNK]
        old = select(_A.c.id).where(_A.c.id.in_(chunk), _A.c.started_at < plan.cutoff)
        session.execute(delete(_REC).where(_REC.c.attempt_id.in_(old)))
        out.recordings_cleared += session.execute(
            update(_A).where(_A.c.id.in_(chunk), _A.c.started_at < plan.cutoff)
            .values(recording_path=None)).rowcount
    for i in range(0, len(plan.review_ids), _CHUNK):
        out.reviews_deleted += session.execute(
            delete(_RV).where(_RV.c.id.in_(plan.review_ids[i:i + _CHUNK]), _RV.c.created_at < plan.cutoff,
                              _RV.c.kind.like("qc\\_%", escape="\\"))).rowcount
