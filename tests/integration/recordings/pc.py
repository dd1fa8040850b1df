"""One "PC" of the two-PC test: a process with its own home folder, run as
`python -m tests.integration.recordings.pc agent|qc ...` (SAMBUNG_HOME, SAMBUNG_SITE_FILE and
SAMBUNG_PASSWORD set by the test).  It prints one JSON line with what it did.

agent SIPP_HOST USER: logs in to the team's PostgreSQL, takes the next customer, calls the
sipp customer (recorded), saves an agree, and lets this PC's outbox upload the recording to
the site's store; prints the attempt, the result and the recording's SHA-256.
qc ATTEMPT USER: logs in as QC on this other PC, fetches the recording from the store (hash
checked), loads it in the QC player; prints what it got.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import timedelta


async def _until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        await asyncio.sleep(0.05)


async def agent(sipp_host: str, username: str, password: str) -> dict:
    from sqlalchemy import select

    from app.core.desk.session import SessionState
    from app.core.desk.shift import Shift
    from app.core.phone import Phone
    from app.core.runtime import Runtime
    from app.domain.calling_hours import TimeZoneRegion
    from app.platform import paths
    from app.platform.config import Settings
    from app.store.models import OutboxMessage, Recording
    from app.telephony.events import SipConfig

    loop = asyncio.get_running_loop()
    runtime = Runtime.open(Settings.load())
    ctx = runtime.ctx
    ctx.user = await loop.run_in_executor(None, runtime.sign_in, username, password)
    phone = Phone(SipConfig(domain=sipp_host, null_audio=True, bind_address="127.0.0.1", ring_timeout_seconds=8),
                  None, loop)
    await phone.start(ctx.io)
    ctx.phone = phone
    shift = Shift(ctx, record_dir=paths.recordings_dir())
    try:
        await shift.start()
        shift.next()
        await _until(lambda: shift.session is not None and shift.session.state is SessionState.READY, 15, "the card")
        session = shift.session
        session.dial()
        await _until(lambda: session.call is not None and session.call.state == "connected", 15, "the answer")
        await asyncio.sleep(1.0)                 # a second of conversation on the recording
        session.hangup()
        await _until(lambda: session.state is SessionState.WRAP_UP, 15, "the wrap-up")
        attempt_id = session.attempt_id
        promise = (ctx.clock.now().astimezone(TimeZoneRegion.WIB.zone) + timedelta(days=2)).date().isoformat()
        session.submit("CT-AGR", {"promise_date": promise, "promise_amount": "385000"}, "janji bayar")
        await _until(lambda: session.state is SessionState.CLOSED, 15, "the result")
        runtime.start_outbox(loop)
        worker = ctx.services["outbox"]
        worker.wake()

        def uploaded() -> bool:
            with ctx.database.session() as s:
                return s.scalar(select(OutboxMessage.status).where(OutboxMessage.destination == "recording")) \
                    == "delivered"
        await _until(lambda: uploaded(), 30, "the upload")
        with ctx.database.session() as s:
            rec = s.scalar(select(Recording).where(Recording.attempt_id == attempt_id))
            out = {"attempt_id": attempt_id, "sha256": rec.sha256, "size": rec.size_bytes, "key": rec.location,
                   "duration": rec.duration_seconds, "stored": rec.stored_at is not None,
                   "left_on_pc": sorted(p.name for p in paths.recordings_dir().iterdir())}
    finally:
        await shift.close()
        await loop.run_in_executor(None, phone.stop)
        ctx.phone = None
        runtime.stop()
    return out


def qc(attempt_id: int, username: str, password: str) -> dict:
    from PySide6.QtWidgets import QApplication

    from app.core.runtime import Runtime
    from app.core.supervision.recordings import recording_for_review
    from app.platform.config import Settings
    from app.services.recording_store import sha256_of

    app = QApplication.instance() or QApplication([])
    runtime = Runtime.open(Settings.load())
    try:
        ctx = runtime.ctx
        ctx.user = runtime.sign_in(username, password)
        path = recording_for_review(ctx, attempt_id)
        out = {"sha256": sha256_of(path), "size": path.stat().st_size, "path": str(path)}
        from app.views.qc.player import RecordingPlayer
        player = RecordingPlayer()
        player.load(str(path))
        deadline = time.monotonic() + 10
        while not player.play_button.isEnabled() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        out["playable"] = player.play_button.isEnabled()
        out["player_message"] = player.message.text()
        player.deleteLater()
        app.processEvents()
    finally:
        runtime.stop()
    return out


def main(argv: list[str]) -> int:
    import os
    password = os.environ["SAMBUNG_PASSWORD"]
    if argv[0] == "agent":
        out = asyncio.run(agent(argv[1], argv[2], password))
    else:
        out = qc(int(argv[1]), argv[2], password)
    print("RESULT " + json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
