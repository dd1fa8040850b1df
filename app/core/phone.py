"""The agent's phone as the core sees it: a softphone started off the event loop, and its
facts re-posted on the loop's thread.

`PhoneEvents` is the `PhoneListener` handed to the softphone.  Its methods run on the
SIP thread and do nothing but post the fact to the event loop
(`call_soon_threadsafe`), so every subscriber runs on the loop's thread: the GUI
thread under qasync, where widgets may be touched (Blink-Qt's split: the SIP stack
posts, one object re-emits, screens subscribe).  `Phone.start()` runs the engine
start (which can take seconds when a sound device is slow) on an executor, so the
window shows "connecting" instead of freezing.  Commands (dial, hang up, hold, DTMF,
transfer, consult…) only post work to the SIP thread and return at once.

Two calls may be up at once: the customer's and, during a consultation, the team
leader's.  `call_state_changed` and `call_ended` are only ever about the customer call
(what the desk session counts and records); the consultation has its own fact,
`consult_state_changed`, and a transfer's steps come as `transfer_progressed`.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from pathlib import Path

from app.core.events import Fact, post
from app.telephony.events import (CallOutcome, CallSnapshot, ProgressVerdict, RegistrationState, SipConfig,
                                  TransferProgress)

log = logging.getLogger(__name__)


class PhoneEvents:
    """SIP thread → event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.registration_changed: Fact[RegistrationState] = Fact("registration_changed")
        self.call_state_changed: Fact[CallSnapshot] = Fact("call_state_changed")
        self.call_ended: Fact[CallOutcome] = Fact("call_ended")
        self.consult_state_changed: Fact[CallSnapshot] = Fact("consult_state_changed")
        self.transfer_progressed: Fact[TransferProgress] = Fact("transfer_progressed")
        self.error_raised: Fact[str] = Fact("error_raised")
        self.call_progress: Fact[ProgressVerdict] = Fact("call_progress")

    def on_registration(self, state: RegistrationState) -> None:
        post(self._loop, self.registration_changed.emit, state)

    def on_call_state(self, snapshot: CallSnapshot) -> None:
        fact = self.consult_state_changed if snapshot.leg == "consult" else self.call_state_changed
        post(self._loop, fact.emit, snapshot)

    def on_transfer_progress(self, progress: TransferProgress) -> None:
        post(self._loop, self.transfer_progressed.emit, progress)

    def on_call_ended(self, outcome: CallOutcome) -> None:
        post(self._loop, self.call_ended.emit, outcome)

    def on_error(self, message_id: str) -> None:
        post(self._loop, self.error_raised.emit, message_id)

    def on_call_progress(self, verdict: ProgressVerdict) -> None:
        post(self._loop, self.call_progress.emit, verdict)


class Phone:
    """One softphone for the desk; `status` is stopped / starting / running / failed."""

    def __init__(self, config: SipConfig, password: str | None, loop: asyncio.AbstractEventLoop) -> None:
        self.config = config
        self._password = password
        self.events = PhoneEvents(loop)
        self.status = "stopped"
        self.failure = ""
        self.status_changed: Fact[str] = Fact("phone_status_changed")
        self._softphone = None

    # -- life ---------------------------------------------------------------------------
    async def start(self, executor: Executor) -> None:
        self._set_status("starting")
        loop = asyncio.get_running_loop()
        try:
            self._softphone = await loop.run_in_executor(executor, self._start_blocking)
        except Exception as exc:  # noqa: BLE001 - the desk still opens; dialling says why not
            log.exception("softphone failed to start")
            self.failure = str(exc)
            self._set_status("failed")
            return
        self._set_status("running")

    def _start_blocking(self):
        from app.telephony.softphone import Softphone
        softphone = Softphone(self.events)
        softphone.start(self.config, self._password)
        self._password = None       # kept by the account config only
        return softphone

    def stop(self) -> None:
        """Hang up, un-REGISTER, libDestroy (under a second): call it off the loop or at exit."""
        softphone, self._softphone = self._softphone, None
        if softphone is not None:
            softphone.stop()
        self._set_status("stopped")

    def _set_status(self, status: str) -> None:
        self.status = status
        self.status_changed.emit(status)

    @property
    def running(self) -> bool:
        return self._softphone is not None and self.status == "running"

    def registration(self) -> RegistrationState:
        return self._softphone.registration() if self._softphone else RegistrationState("unregistered")

    # -- commands (posted to the SIP thread; they return at once) ---------------------------
    def dial(self, target: str, attempt_id: str, record_path: Path | None) -> None:
        from app.telephony.softphone import PHONE_NOT_READY, CallRefused
        if self._softphone is None:
            raise CallRefused(PHONE_NOT_READY)
        self._softphone.dial(target, attempt_id=attempt_id, record_path=record_path)

    def hangup(self) -> None:
        if self._softphone:
            self._softphone.hangup()

    def hold(self, on: bool) -> None:
        if self._softphone:
            self._softphone.hold() if on else self._softphone.resume()

    def mute(self, on: bool) -> None:
        if self._softphone:
            self._softphone.set_mute(on)

    def send_dtmf(self, digits: str) -> None:
        if self._softphone:
            self._softphone.send_dtmf(digits)

    def transfer(self, target: str) -> None:
        """Blind transfer; `events.transfer_progressed` says how it went (a failure keeps the call)."""
        if self._softphone:
            self._softphone.transfer(target)

    def consult(self, target: str) -> None:
        """Hold the customer and call `target` (the team leader): `events.consult_state_changed`."""
        from app.telephony.softphone import PHONE_NOT_READY, CallRefused
        if self._softphone is None:
            raise CallRefused(PHONE_NOT_READY)
        self._softphone.consult(target)

    def complete_consult(self) -> None:
        """Hand the customer to the consulted team leader (attended transfer)."""
        if self._softphone:
            self._softphone.complete_consult()

    def cancel_consult(self) -> None:
        """Hang up the team leader (consultation or conference) and resume the customer."""
        if self._softphone:
            self._softphone.cancel_consult()

    def conference(self) -> None:
        """Customer, team leader and agent in one call."""
        if self._softphone:
            self._softphone.conference()

    def consult_call(self) -> CallSnapshot | None:
        return self._softphone.consult_call() if self._softphone else None

    def run_on_sip_thread(self, fn, timeout: float = 5.0):
        """For tests and diagnostics."""
        return self._softphone.run_on_sip_thread(fn, timeout)
