"""An attempt's recording, as the team keeps it: its size, duration and SHA-256 in the
database, and (when the site has a recording store) an outbox message that uploads it.

Called by `Desk.finish_attempt` in the same transaction as the attempt's end, so the
row and the upload are committed together or not at all; the upload itself runs on the
outbox worker of this PC (the message's origin), so the agent never waits and an outage of
the store loses nothing.  Keys are `YYYY/MM/DD/attempt-ID.wav` (UTC day of the call).
No Qt here; nothing is deleted here.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.platform.desktop import desktop_id
from app.store.models import CallAttempt, Recording
from app.store.outbox_repo import new_message

log = logging.getLogger(__name__)

DESTINATION = "recording"


@dataclass(frozen=True)
class RecordingFacts:
    size_bytes: int
    duration_seconds: float | None
    sha256: str


def describe(path: Path) -> RecordingFacts:
    from app.services.recording_store import sha256_of
    duration = None
    try:
        with wave.open(str(path), "rb") as w:
            duration = w.getnframes() / float(w.getframerate() or 1)
    except (wave.Error, EOFError, OSError):
        duration = None         # not a WAV we can read: still kept, QC's player says what it can
    return RecordingFacts(path.stat().st_size, duration, sha256_of(path))


def store_key(attempt: CallAttempt) -> str:
    day = attempt.started_at
    return f"{day:%Y/%m/%d}/attempt-{attempt.id}.wav"


def store_configured(settings) -> bool:
    conf = settings.get("recording_store") or {}
    return (conf.get("kind") or "none") != "none"


def keep_recording(session, settings, attempt: CallAttempt, path_text: str | None, now: datetime) -> Recording | None:
    """The Recording row of `attempt` (and its upload when the site has a store); None when the
    call left no readable file."""
    if not path_text or session.scalar(select(Recording.id).where(Recording.attempt_id == attempt.id)):
        return None
    path = Path(path_text)
    try:
        facts = describe(path)
    except OSError as exc:
        log.warning("recording of attempt %s cannot be read: %s", attempt.id, exc.strerror or exc)
        return None
    recording = Recording(attempt_id=attempt.id, agent_id=attempt.agent_id, location=store_key(attempt),
                          size_bytes=facts.size_bytes, duration_seconds=facts.duration_seconds,
                          sha256=facts.sha256, recorded_at=now)
    session.add(recording)
    if store_configured(settings):
        session.add(new_message(DESTINATION, {"attempt_id": attempt.id, "key": recording.location,
                                              "file": str(path), "sha256": facts.sha256,
                                              "size": facts.size_bytes}, now, origin=desktop_id()))
    return recording
