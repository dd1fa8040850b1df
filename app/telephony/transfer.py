"""Following one transfer of the customer call, from the REFER to its final answer.

A `TransferWatch` turns what pjsua reports about a REFER (`onCallTransferStatus`: the
REFER's acceptance as "100 Accepted", then each NOTIFY's sipfrag status, or the
REFER's error response) into `TransferProgress` facts, and gives up after the
configured timeout so the agent is never left waiting in silence.  It publishes each
step once, says when the transfer is over, and ignores anything that comes after.  It
runs on the SIP thread, holds no pjsua2 object and does not act on the call: the
owner (app.telephony.softphone) hangs up on success and keeps the call on failure.
"""

from __future__ import annotations

import logging
from typing import Callable

from app.domain.transfer_outcome import transfer_message, transfer_stage
from app.telephony.events import TransferKind, TransferProgress

log = logging.getLogger(__name__)


class TransferWatch:
    def __init__(self, *, call_id: str, kind: TransferKind, target: str, timeout: float,
                 publish: Callable[[TransferProgress], None]) -> None:
        self.call_id = call_id
        self.kind = kind
        self.target = target
        self.timeout = timeout
        self._publish = publish
        self.refer_accepted = False
        self.last: TransferProgress | None = None

    @property
    def over(self) -> bool:
        return self.last is not None and self.last.final

    def requested(self) -> TransferProgress:
        return self._emit("requested", None, "")

    def on_status(self, code: int, reason: str, final: bool) -> TransferProgress | None:
        """pjsua's transfer status; returns the fact published, or None when it changed nothing."""
        if self.over:
            log.info("transfer status %s after the transfer was over: ignored", code)
            return None
        stage = transfer_stage(code, final, self.refer_accepted)
        if stage == "accepted":
            self.refer_accepted = True
            # pjsua reports any 2xx to the REFER as "100 Accepted"; the real code is not passed on.
            return self._emit(stage, None, reason or "Accepted")
        return self._emit(stage, code, reason)

    def expire(self) -> TransferProgress | None:
        """The timeout passed: a transfer still open has failed."""
        if self.over:
            return None
        log.info("transfer not confirmed within %.0f s", self.timeout)
        return self._emit("failed", None, "timeout", timed_out=True)

    def abandon(self, why_id: str, why_en: str) -> TransferProgress | None:
        """The call ended or the REFER could not be sent: an open transfer has failed."""
        if self.over:
            return None
        progress = TransferProgress(self.call_id, self.kind, "failed", self.target, None, why_en,
                                    f"Transfer gagal: {why_id}", f"Transfer failed: {why_en}")
        return self._send(progress)

    def _emit(self, stage: str, code: int | None, reason: str, timed_out: bool = False) -> TransferProgress | None:
        msg_id, msg_en = transfer_message(stage, code, reason, refer_accepted=self.refer_accepted,
                                          timeout_seconds=self.timeout if timed_out else None)
        progress = TransferProgress(self.call_id, self.kind, stage, self.target, code, reason,  # type: ignore[arg-type]
                                    msg_id, msg_en)
        if self.last is not None and (self.last.stage, self.last.code) == (progress.stage, progress.code):
            return None           # a repeated NOTIFY (e.g. a refresh) says nothing new
        return self._send(progress)

    def _send(self, progress: TransferProgress) -> TransferProgress:
        self.last = progress
        log.info("transfer %s: %s %s", self.kind, progress.stage, progress.code or "")
        self._publish(progress)
        return progress
