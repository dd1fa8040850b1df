"""`Softphone`: the stable, plain-Python API the rest of Sambung uses to telephone.

One agent, one account, one customer call — plus, while it lasts, a consultation with a
team leader (app.telephony.handover: consult, conference, attended and blind transfer
with their progress reported).  Every method may be called from any thread
(the GUI's, the CLI's) and returns at once: the work is posted to the SIP thread
(app.telephony.engine) and its results come back through the `PhoneListener`, which is
called ON THE SIP THREAD.  Only the obvious refusals (phone not started, a call already
active, a target that cannot be turned into a SIP URI) raise `CallRefused` right away.
start() waits only for the endpoint to be created (tens of ms) and stop() for the
hang-up, un-REGISTER and libDestroy (under a second); call them off the GUI thread if
that matters.  The password is an argument, kept in the account config only, never logged.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pjsua2 as pj

from app.domain.sip_outcome import failure_message
from app.domain.text import Text, TextError, words_of
from app.telephony.account import AgentAccount, account_config
from app.telephony.call import CallSession, _wav_complete
from app.telephony.engine import EngineError, SipEngine
from app.telephony.events import (CallOutcome, CallSnapshot, PhoneListener, RegistrationState,
                                  SipConfig, TransferProgress)
from app.telephony.failures import log_failure
from app.telephony.handover import Handover
from app.telephony.progress.classifier import ProgressClassifier
from app.telephony.progress.library import LibraryError, load, resolve_folder
from app.telephony.progress.tap import MediaTap

log = logging.getLogger(__name__)

__all__ = ["Softphone", "CallRefused", "EngineError"]


class CallRefused(TextError):
    """dial() cannot be done now; the message is for the agent (str(exc): Indonesian)."""


class InvalidTone(TextError, ValueError):
    """send_dtmf() was given a character that is not a DTMF tone."""


PHONE_NOT_READY = Text("Telepon belum aktif; tunggu sampai SIP siap.",
                       "The phone is not active yet; wait until SIP is ready.")
_NOT_ACTIVE = Text("Telepon belum aktif.", "The phone is not active yet.")


class Softphone:
    def __init__(self, listener: PhoneListener) -> None:
        self._listener = listener
        self._lock = threading.Lock()
        self._engine: SipEngine | None = None
        self._config: SipConfig | None = None
        self._account: Any = None
        self._session: CallSession | None = None
        self._busy = False
        self._registration = RegistrationState("unregistered")
        self._active: CallSnapshot | None = None
        self._consulting: CallSnapshot | None = None
        self._handover: Handover | None = None
        self._probes: list[Any] = []          # OPTIONS probes still waiting for an answer
        self._tap: MediaTap | None = None     # call-progress tap: one per Endpoint (see progress.tap)

    # ------------------------------------------------------------------ any thread
    def start(self, config: SipConfig, password: str | None = None) -> None:
        with self._lock:
            if self._engine is not None:
                raise EngineError(Text("Telepon sudah berjalan.", "The phone is already running."))
            engine = SipEngine(config, on_tick=self._tick, teardown=self._teardown)
            engine.start()          # raises EngineError (e.g. port in use) with a clear message
            self._engine, self._config = engine, config
            self._busy, self._session, self._active, self._consulting = False, None, None, None
            self._handover = Handover(endpoint=engine.endpoint, account=lambda: self._account, config=config,
                                      after=engine.after, publish_state=self._publish,
                                      publish_transfer=self._transfer_progress, error=self._error)
        for warning in engine.warnings:
            engine.post(self._error, warning)
        engine.post(self._create_account, password)

    def stop(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.stop()

    def started(self) -> bool:
        engine = self._engine
        return engine is not None and engine.running()

    def registration(self) -> RegistrationState:
        return self._registration

    def active_call(self) -> CallSnapshot | None:
        """The customer call, or None."""
        return self._active

    def consult_call(self) -> CallSnapshot | None:
        """The consultation with a team leader (leg "consult"), or None."""
        return self._consulting

    def dial(self, target: str, attempt_id: str | None = None, record_path: Path | None = None) -> None:
        with self._lock:
            engine, config = self._engine, self._config
            if engine is None or config is None or not engine.running():
                raise CallRefused(PHONE_NOT_READY)
            if self._busy:
                raise CallRefused(Text("Masih ada panggilan aktif; akhiri dulu sebelum memanggil lagi.",
                                      "A call is still active; hang up before calling again."))
            try:
                uri = config.target_uri(target)
            except ValueError as exc:
                raise CallRefused(words_of(exc)) from exc
            self._busy = True
        engine.post(self._dial, uri, attempt_id, record_path)

    def hangup(self) -> None:
        self._on_call("hangup", lambda s: s.hangup())

    def hold(self) -> None:
        self._on_call("hold", lambda s: s.hold())

    def resume(self) -> None:
        self._on_call("resume", lambda s: s.resume())

    def set_mute(self, muted: bool) -> None:
        def mute(session: CallSession) -> None:
            session.set_mute(bool(muted))
            if self._handover is not None:
                self._handover.set_mute(bool(muted))    # the agent is muted towards the TL too
        self._on_call("mute", mute)

    def send_dtmf(self, digits: str, method: str = "rfc2833") -> None:
        if method not in ("rfc2833", "info"):
            raise ValueError("method must be 'rfc2833' or 'info'")
        if not digits or any(ch not in "0123456789*#ABCDabcd" for ch in digits):
            raise InvalidTone(Text("Nada DTMF tidak valid: hanya 0-9, *, #, A-D",
                                   "Not a valid DTMF tone: only 0-9, *, #, A-D"))
        self._on_call("dtmf", lambda s: s.send_dtmf(digits, method))

    def transfer(self, target: str) -> None:
        """Blind transfer (REFER); its progress comes as `on_transfer_progress`, a failure keeps the call."""
        uri = self._uri_for(target)
        self._on_call("transfer", lambda s: self._handover.transfer(s, uri))

    def consult(self, target: str) -> None:
        """Hold the customer and call `target` (the team leader) on a second call, leg "consult"."""
        uri = self._uri_for(target)
        if self._consulting is not None:
            raise CallRefused(Text("Konsultasi sudah berjalan.", "A consultation is already running."))
        self._on_call("consult", lambda s: self._handover.start_consult(s, uri))

    def complete_consult(self) -> None:
        """Attended transfer: hand the customer to the consulted team leader (REFER with Replaces)."""
        self._on_call("complete_consult", lambda s: self._handover.complete_consult(s))

    def cancel_consult(self) -> None:
        """Hang up the team leader (consultation or conference) and go on with the customer, resumed."""
        self._on_call("cancel_consult", lambda s: self._handover.cancel_consult(s))

    def conference(self) -> None:
        """Three-way call: bridge the customer and the consulted team leader with the agent."""
        self._on_call("conference", lambda s: self._handover.conference(s))

    def _uri_for(self, target: str) -> str:
        config = self._config
        if config is None or self._engine is None:
            raise CallRefused(PHONE_NOT_READY)
        try:
            return config.target_uri(target)
        except ValueError as exc:
            raise CallRefused(words_of(exc)) from exc

    def ping(self, password: str | None = None, timeout: float = 5.0) -> tuple[int | None, str]:
        """OPTIONS to the SIP domain: (status code, reason), or (None, "") when nothing answered in time.

        Blocks up to `timeout`: for the CLI and the settings' test process, not the GUI thread.
        """
        from app.telephony.sip_ping import ping_target, send_options
        engine, config = self._engine, self._config
        if engine is None or config is None:
            raise CallRefused(_NOT_ACTIVE)
        ping_target(config)         # ValueError before anything is sent
        answers: queue.Queue = queue.Queue()
        probe = engine.call(send_options, engine.endpoint, engine.transport_id, config, password,
                            lambda code, reason: answers.put((code, reason)))
        try:
            answer = answers.get(timeout=timeout)
        except queue.Empty:
            # Shutting the probe down with its request in flight makes pjsua assert when the
            # transaction ends; it stays until then (or until libDestroy).
            self._probes.append(probe)
            return None, ""
        engine.call(probe.shutdown)
        return answer

    def run_on_sip_thread(self, fn: Callable[[], Any], timeout: float = 5.0) -> Any:
        """For tests and diagnostics: run fn on the SIP thread and wait for its result."""
        engine = self._engine
        if engine is None:
            raise CallRefused(_NOT_ACTIVE)
        return engine.call(fn, timeout=timeout)

    # --------------------------------------------------------------- SIP thread
    def _emit(self, method: str, arg: Any) -> None:
        handler = getattr(self._listener, method, None)
        if handler is None:         # a listener written before this fact existed
            log.debug("listener has no %s", method)
            return
        try:
            handler(arg)
        except Exception:
            log_failure(log, "listener %s failed", method)

    def _report_registration(self, state: RegistrationState) -> None:
        previous, self._registration = self._registration, state
        self._emit("on_registration", state)
        # Say it once per new failure, not on every automatic retry.
        if state.status == "failed" and (previous.status != "failed" or previous.code != state.code):
            message = failure_message(state.code, state.reason, cause=state.cause)[0]
            self._error(f"Registrasi SIP gagal: {message}")

    def _error(self, message: str) -> None:
        self._emit("on_error", message)

    def _create_account(self, password: str | None) -> None:
        engine, config = self._engine, self._config
        if engine is None or config is None:
            return
        local = engine.endpoint.transportGetInfo(engine.transport_id).localName.rsplit(":", 1)[0]
        cfg = account_config(config, password, engine.transport_id, local)
        account = AgentAccount(self._report_registration)
        if config.registrar:
            self._report_registration(RegistrationState("registering", None, "mendaftar ke PBX", None))
        try:
            account.create(cfg, True)
        except pj.Error as exc:
            message = f"Akun SIP tidak dapat dibuat: {exc.reason}"
            self._report_registration(RegistrationState("failed", None, exc.reason, None))
            self._error(message)
            return
        self._account = account
        if not config.registrar:
            self._report_registration(RegistrationState("unregistered", None, "panggilan langsung tanpa registrar"))

    def _publish(self, snapshot: CallSnapshot) -> None:
        current = None if snapshot.state == "ended" else snapshot
        if snapshot.leg == "consult":
            self._consulting = current
        else:
            self._active = current
        self._emit("on_call_state", snapshot)
        session = self._session
        if current is None and snapshot.leg == "customer" and session is not None and self._handover is not None:
            # At once, not when the recording is closed (up to FINALISE_TIMEOUT later).
            self._handover.customer_ended(session)

    def _transfer_progress(self, progress: TransferProgress) -> None:
        self._emit("on_transfer_progress", progress)

    def _dial(self, uri: str, attempt_id: str | None, record_path: Path | None) -> None:
        engine, config = self._engine, self._config
        if self._account is None or engine is None or config is None:
            self._busy = False
            self._error("Akun SIP belum siap; panggilan tidak dilakukan.")
            return
        session = CallSession(
            endpoint=engine.endpoint, account=self._account, uri=uri, attempt_id=attempt_id,
            record_path=record_path, play_file=config.play_file, ring_timeout=config.ring_timeout_seconds,
            after=engine.after, publish=self._publish, finished=self._finished, error=self._error,
            post=engine.post, classifier=self._classifier_factory(config), tap=self._media_tap,
            progress=lambda verdict: self._emit("on_call_progress", verdict),
            progress_hang_up=config.progress_hang_up, record_early_media=config.record_early_media)
        session.registration_down = bool(config.registrar) and self._registration.status == "failed"
        self._session = session
        try:
            session.dial()
        except pj.Error as exc:
            log.error("makeCall failed: %s", exc.reason)
            session.ended = True
            session.refused_locally = True
            session.final_code, session.final_reason = (exc.status or None), exc.reason
            self._finished(session, session._outcome())

    def _media_tap(self) -> MediaTap:
        if self._tap is None:
            self._tap = MediaTap()
        return self._tap

    def _classifier_factory(self, config: SipConfig):
        """What the media tap's worker calls to make a call's classifier (None: no analysis)."""
        if not config.progress_analysis:
            return None
        folder = config.progress_library
        engine = self._engine

        def make(call_id: str) -> ProgressClassifier:
            # Runs on the analysis worker: the library's files are read off the SIP thread.
            try:
                library = load(resolve_folder(folder))
            except LibraryError as exc:
                log.error("announcement library: %s", exc)
                if engine is not None:
                    engine.post(self._error, f"Pustaka pengumuman tidak dapat dipakai: {exc}")
                library = []        # tones, silence and speech are still recognised
            return ProgressClassifier(library, call_id=call_id)
        return make

    def _finished(self, session: CallSession, outcome: CallOutcome) -> None:
        if self._session is session:
            self._session = None
        if self._handover is not None:
            self._handover.customer_ended(session)
        # The Call and its session refer to each other: break the cycle here, on the SIP
        # thread, so the pjsua2 Call is never destroyed by a garbage collection elsewhere.
        session.call = None
        self._active = None
        self._busy = False
        log.info("call ended: answered=%s status=%s", outcome.answered, outcome.status_code)
        self._emit("on_call_ended", outcome)

    def _on_call(self, what: str, action: Callable[[CallSession], None]) -> None:
        engine = self._engine
        if engine is None:
            return

        def run() -> None:
            session = self._session
            if session is None or session.ended:
                self._error("Tidak ada panggilan aktif.")
                return
            try:
                action(session)
            except pj.Error as exc:
                log.error("%s failed: %s", what, exc.reason)
                self._error(f"Perintah '{what}' gagal: {exc.reason}")
        run.__name__ = what
        engine.post(run)

    def _tick(self) -> None:
        session = self._session
        if session is not None:
            session.check_ring_timeout()
        if self._handover is not None:
            self._handover.tick()

    def _teardown(self, pump: Callable[[float], None]) -> None:
        """Hang up, close the recording, un-REGISTER, drop every pjsua2 object (SIP thread)."""
        handover, self._handover = self._handover, None
        if handover is not None:
            handover.teardown(pump)
            self._consulting = None
        session = self._session
        if session is not None:
            if not session.ended:
                try:
                    session.hangup()
                except pj.Error:
                    log_failure(log, "hangup at shutdown failed")
                deadline = time.monotonic() + 1.0
                while not session.ended and time.monotonic() < deadline:
                    pump(0.01)
            session._stop_media()
            pump(0.05)      # let the last in-flight messages (the ACK to a 487) leave
            deadline = time.monotonic() + 1.0
            while (session.recording_started and session.record_path is not None
                   and not _wav_complete(Path(session.record_path)) and time.monotonic() < deadline):
                pump(0.01)
            self._finished(session, session._outcome())
        if self._tap is not None:
            self._tap.buffer = None     # retired, never deleted: see app.telephony.progress.tap
            self._tap = None
        account, self._account = self._account, None
        if account is not None:
            try:
                if self._config is not None and self._config.registrar and account.getInfo().regIsActive:
                    account.setRegistration(False)
                    deadline = time.monotonic() + 0.5
                    while self._registration.status == "registered" and time.monotonic() < deadline:
                        pump(0.01)
            except pj.Error:
                log_failure(log, "un-REGISTER failed")
            account.shutdown()
            del account
        self._registration = RegistrationState("unregistered")
