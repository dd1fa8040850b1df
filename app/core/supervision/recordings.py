"""QC (and a team leader) listening to an attempt's recording from any PC: fetched from the
site's recording store and checked against the SHA-256 recorded when the call ended.

`recording_for_review(ctx, attempt_id)` returns a local file to play: downloaded from the
store into this PC's review folder (only the recording being listened to is kept there), or,
on the PC that made it, the file itself until its upload is done.  Bytes that do not hash to
what the database holds are refused (`RecordingUnavailable`, Indonesian) and deleted, never
played.  Who may fetch is the database's (RLS on `recordings`) and the store's (its ACL);
the desktop checks the role first for the clear message.  No Qt here.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from sqlalchemy import select

from app.core.context import AppContext
from app.core.recording_access import recording_store
from app.core.supervision.common import OutsideYourScope, SupervisionError
from app.domain.roles import Permission, has_permission
from app.domain.text import Text, words_of
from app.platform import paths
from app.services.recording_store import RecordingStoreError, sha256_of
from app.store.models import CallAttempt, Recording

log = logging.getLogger(__name__)


class RecordingUnavailable(SupervisionError):
    """The recording cannot be played; the message says why."""


def review_dir() -> Path:
    path = paths.data_dir() / "review-recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _clear_review_dir(keep: Path | None = None) -> None:
    for old in review_dir().iterdir():
        if old != keep:
            old.unlink(missing_ok=True)


def recording_for_review(ctx: AppContext, attempt_id: int) -> Path:
    user = ctx.user
    if user is None or not (has_permission(user.role, Permission.QC_REVIEW)
                            or has_permission(user.role, Permission.VIEW_TEAM)):
        raise OutsideYourScope(Text("Akses ditolak: hanya QC atau team leader yang mendengarkan rekaman agen.",
                                    "Access denied: only QC or a team leader listens to agents' recordings."))
    with ctx.database.session() as s:
        row = s.scalar(select(Recording).where(Recording.attempt_id == attempt_id))
        local = s.scalar(select(CallAttempt.recording_path).where(CallAttempt.id == attempt_id))
    if row is None:
        if local:       # recorded before recordings were kept with a hash: the player says what it finds
            return Path(local)
        raise RecordingUnavailable(Text("Panggilan ini tidak punya rekaman.", "This call has no recording."))
    target = review_dir() / f"attempt-{attempt_id}.wav"
    _clear_review_dir()
    store = recording_store(ctx)
    if row.stored_at is not None and store is not None:
        try:
            store.fetch(row.location, target)
        except RecordingStoreError as exc:
            target.unlink(missing_ok=True)
            raise RecordingUnavailable(words_of(exc)) from exc
    elif local and Path(local).is_file():
        shutil.copyfile(local, target)            # this PC made it and has not uploaded it yet
    elif row.stored_at is None:
        raise RecordingUnavailable(Text("Rekaman belum terunggah dari PC agen ke penyimpanan rekaman; coba lagi nanti.",
                                        "The recording is not uploaded from the agent's PC to the recording store "
                                        "yet; try again later."))
    else:
        raise RecordingUnavailable(Text("Penyimpanan rekaman belum diatur di PC ini (pengaturan recording_store).",
                                        "No recording store is set up on this PC (setting recording_store)."))
    got = sha256_of(target)
    if got != row.sha256:
        target.unlink(missing_ok=True)
        log.error("recording of attempt %s does not match its SHA-256", attempt_id)
        raise RecordingUnavailable(Text("Rekaman rusak atau diubah: sidik SHA-256 tidak cocok dengan yang dicatat "
                                        "saat panggilan selesai. Rekaman tidak diputar.",
                                        "The recording is damaged or altered: its SHA-256 does not match the one "
                                        "kept when the call ended. It is not played."))
    return target
