"""The outbox's "recording" destination: puts a recording made on this PC into the site's store.

A message carries the attempt id, the store key, the local file and its SHA-256 (payload
written by app.core.desk.recordings).  The file is checked against its hash before it leaves
(a file changed on disk is refused, not uploaded), uploaded, and then removed from this PC:
personal data stays in one place.  Sent again after a crash (same key), a message whose
file is already gone but whose key is in the store counts as delivered.  Failures are the
outbox's ServiceErrors, so it retries an outage with backoff and hands a refusal to a person.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from app.domain.text import Text
from app.services import errors
from app.services.recording_store import RecordingStore, RecordingStoreError, sha256_of

log = logging.getLogger(__name__)

SERVICE = "penyimpanan rekaman"


def _error(exc: RecordingStoreError) -> errors.ServiceError:
    if exc.transient:
        return errors.ServiceUnavailable(str(exc), service=SERVICE, user_message=str(exc))
    return errors.RejectedRequest(str(exc), service=SERVICE, user_message=str(exc))


def recording_sender(store: RecordingStore) -> Callable[[dict[str, Any], str], dict[str, Any]]:
    def send(payload: dict[str, Any], _idempotency_key: str) -> dict[str, Any]:
        key, local = str(payload["key"]), Path(str(payload["file"]))
        try:
            if not local.exists():
                if store.exists(key):
                    return {"stored": key, "already": True}
                raise errors.RejectedRequest(detail="the recording file is no longer on this PC", service=SERVICE,
                                             user_message=Text("Berkas rekaman hilang dari PC ini sebelum terunggah.",
                                                               "The recording file left this PC before it was "
                                                               "uploaded."))
            if sha256_of(local) != payload.get("sha256"):
                raise errors.RejectedRequest(detail="the file changed after the call ended", service=SERVICE,
                                             user_message=Text("Berkas rekaman berubah setelah panggilan: tidak "
                                                               "diunggah.", "The recording file changed after the "
                                                               "call: not uploaded."))
            store.put(key, local)
        except RecordingStoreError as exc:
            raise _error(exc) from exc
        try:
            local.unlink()
        except OSError as exc:
            log.warning("uploaded recording %s kept on this PC: %s", local.name, exc.strerror or exc)
        log.info("recording of attempt %s stored", payload.get("attempt_id"))
        return {"stored": key}
    return send
