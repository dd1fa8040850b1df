"""The one owner of the pjsua2 Endpoint in this process: a thread, a queue, a pump.

`SipEngine` starts a dedicated thread that creates the Endpoint (threadCnt=0,
mainThreadOnly=True), pumps `libHandleEvents` a few milliseconds at a time, and runs
the commands other threads post to it through a thread-safe queue — so no pjsua2
call ever happens on any other thread and the GUI thread never waits for pjsua2.
It calls `libDestroy` exactly once (on stop(), at interpreter exit, or Ctrl+C), after
its owner's teardown hook has hung up and dropped every Call and Account.  It knows
nothing about calls or accounts: that is app.telephony.softphone's job.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
import heapq
import itertools
import logging
import queue
import socket
import threading
import time
from concurrent.futures import Future
from typing import Any, Callable

import pjsua2 as pj

from app import paths
from app.telephony.events import SipConfig

log = logging.getLogger(__name__)

POLL_MS = 10         # longest libHandleEvents sleep; posted commands wake it at once (see _wake)
_TRANSPORTS = {"udp": pj.PJSIP_TRANSPORT_UDP, "tcp": pj.PJSIP_TRANSPORT_TCP, "tls": pj.PJSIP_TRANSPORT_TLS}

_owner_lock = threading.Lock()
_current: "SipEngine | None" = None
_sip_thread: "threading.Thread | None" = None
_sip_jobs: queue.SimpleQueue = queue.SimpleQueue()


def _sip_thread_main() -> None:
    # pjlib remembers the thread that created it: after libDestroy a *new* thread cannot
    # create the library again (pj_thread_this aborts).  So one thread, for the whole
    # process, runs every Endpoint's life one after the other.
    while True:
        job = _sip_jobs.get()
        try:
            job()
        except BaseException:  # noqa: BLE001 - the SIP thread must survive
            log.exception("SIP engine run failed")


def _owner_thread() -> threading.Thread:
    global _sip_thread
    if _sip_thread is None:
        # Daemon: at interpreter exit non-daemon threads are joined *before* atexit runs,
        # and it is our atexit hook that asks the engine to finish.
        _sip_thread = threading.Thread(target=_sip_thread_main, name="sip-engine", daemon=True)
        _sip_thread.start()
    return _sip_thread


class EngineError(RuntimeError):
    """The SIP stack could not be started; the message is for the user (Indonesian)."""


@contextlib.contextmanager
def _quiet_stdout():
    """Silence fd 1 for the few ms of libCreate (CLI output must stay readable)."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


class SipEngine:
    """Runs pjsua2 on its own thread; other threads talk to it with post()/call()."""

    def __init__(self, config: SipConfig, on_tick: Callable[[], None] | None = None,
                 teardown: Callable[[Callable[[float], None]], None] | None = None) -> None:
        self.config = config
        self.endpoint: Any = None
        self.transport_id: int = -1
        self._on_tick = on_tick
        self._teardown = teardown
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._timers: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._stop_requested = threading.Event()
        self._ready = threading.Event()
        self._done = threading.Event()
        self._start_error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._wake_addr: tuple[str, int] | None = None
        self._wake_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    # ----------------------------------------------------------------- any thread
    def start(self, timeout: float = 10.0) -> None:
        global _current
        with _owner_lock:
            if _current is not None:
                raise EngineError("Mesin SIP sudah berjalan di proses ini.")
            _current = self
            self._thread = _owner_thread()
        _sip_jobs.put(self._run)
        if not self._ready.wait(timeout) or self._start_error is not None:
            self.stop()
            err = self._start_error
            raise EngineError(f"Mesin SIP gagal dimulai: {err}") from err
        atexit.register(self.stop)

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run fn(*args) on the SIP thread soon; never blocks."""
        self._queue.put((fn, args, None))
        self._wake()

    def _wake(self) -> None:
        # libHandleEvents sleeps in select(); a CRLF keep-alive datagram to our own
        # loopback-only wake transport ends that sleep at once (pjsip ignores CRLF), so a
        # command does not wait up to POLL_MS.  Best effort: the poll catches it anyway.
        addr = self._wake_addr
        if addr is not None and not self.on_sip_thread():
            try:
                self._wake_sock.sendto(b"\r\n\r\n", addr)
            except OSError:
                pass

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float = 5.0) -> Any:
        """Run fn on the SIP thread and wait for its result (CLI, tests; not the GUI)."""
        if self.on_sip_thread():
            return fn(*args)
        fut: Future = Future()
        self._queue.put((fn, args, fut))
        self._wake()
        return fut.result(timeout)

    def on_sip_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def running(self) -> bool:
        return self._ready.is_set() and not self._done.is_set() and not self._stop_requested.is_set()

    def stop(self, timeout: float = 10.0) -> None:
        """Tear down and libDestroy on the SIP thread; returns once it is done. Idempotent."""
        self._stop_requested.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            if not self._done.wait(timeout):
                log.error("SIP engine did not finish within %.1f s", timeout)
        try:
            atexit.unregister(self.stop)
        except Exception:  # pragma: no cover
            pass

    # ----------------------------------------------------------- SIP thread only
    def after(self, delay: float, fn: Callable[[], None]) -> None:
        """Run fn on the SIP thread after `delay` seconds (SIP thread only)."""
        heapq.heappush(self._timers, (time.monotonic() + delay, next(self._seq), fn))

    def pump(self, seconds: float) -> None:
        """Handle pjsua events for a while without running queued commands (teardown)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.endpoint.libHandleEvents(POLL_MS)

    def _run(self) -> None:
        global _current
        try:
            self._create_endpoint()
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            log.exception("SIP endpoint creation failed")
            self._start_error = exc
            self._destroy()
            self._ready.set()
            self._done.set()
            with _owner_lock:
                _current = None
            return
        self._ready.set()
        try:
            while not self._stop_requested.is_set():
                self.endpoint.libHandleEvents(POLL_MS)
                self._run_commands()
                self._run_timers()
                if self._on_tick is not None:
                    self._guard(self._on_tick)
        finally:
            self._run_commands()            # a command posted just before stop still runs
            if self._teardown is not None:
                self._guard(self._teardown, self.pump)
            self._destroy()
            self._done.set()
            with _owner_lock:
                _current = None

    def _run_commands(self) -> None:
        while True:
            try:
                fn, args, fut = self._queue.get_nowait()
            except queue.Empty:
                return
            try:
                result = fn(*args)
            except BaseException as exc:  # noqa: BLE001 - a command must not kill the thread
                if fut is not None:
                    fut.set_exception(exc)
                else:
                    log.exception("SIP command %s failed", getattr(fn, "__name__", fn))
            else:
                if fut is not None:
                    fut.set_result(result)

    def _run_timers(self) -> None:
        now = time.monotonic()
        while self._timers and self._timers[0][0] <= now:
            _, _, fn = heapq.heappop(self._timers)
            self._guard(fn)

    @staticmethod
    def _guard(fn: Callable[..., Any], *args: Any) -> None:
        try:
            fn(*args)
        except Exception:
            log.exception("SIP thread task %s failed", getattr(fn, "__name__", fn))

    def _create_endpoint(self) -> None:
        cfg = self.config
        ep = pj.Endpoint()
        self.endpoint = ep
        with _quiet_stdout():
            ep.libCreate()     # prints pjlib banners on stdout before any log config applies
        ep_cfg = pj.EpConfig()
        ep_cfg.uaConfig.threadCnt = 0
        ep_cfg.uaConfig.mainThreadOnly = True
        ep_cfg.uaConfig.maxCalls = 4
        ep_cfg.uaConfig.userAgent = cfg.user_agent
        if cfg.stun_server:
            ep_cfg.uaConfig.stunServer.append(cfg.stun_server)
            ep_cfg.uaConfig.stunIgnoreFailure = True
        # pjsua logs to its own file: a Python LogWriter is deleted by libDestroy from C++,
        # which crashes the next Endpoint.  SIP messages carry numbers: never logged.
        ep_cfg.logConfig.level = 4 if log.isEnabledFor(logging.DEBUG) else 2
        ep_cfg.logConfig.consoleLevel = 0
        ep_cfg.logConfig.msgLogging = 0
        ep_cfg.logConfig.filename = str(paths.log_dir() / "pjsua.log")
        ep_cfg.logConfig.fileFlags = pj.PJ_O_APPEND
        ep_cfg.medConfig.noVad = True        # VAD would write gaps into the recording
        ep.libInit(ep_cfg)
        tp_cfg = pj.TransportConfig()
        tp_cfg.port = int(cfg.local_port)
        if cfg.bind_address:
            tp_cfg.boundAddress = cfg.bind_address
        try:
            kind = _TRANSPORTS[cfg.transport]
        except KeyError:
            raise EngineError(f"Transport SIP tidak dikenal: {cfg.transport!r} (udp, tcp, tls)") from None
        self.transport_id = ep.transportCreate(kind, tp_cfg)
        wake_cfg = pj.TransportConfig()
        wake_cfg.port = 0
        wake_cfg.boundAddress = "127.0.0.1"
        wake_id = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, wake_cfg)
        host, port = ep.transportGetInfo(wake_id).localName.rsplit(":", 1)
        self._wake_addr = (host, int(port))
        ep.libStart()
        self._choose_audio()
        self._set_codecs()

    def _choose_audio(self) -> None:
        cfg = self.config
        adm = self.endpoint.audDevManager()
        if cfg.null_audio:
            adm.setNullDev()
            return
        try:
            devices = list(adm.enumDev2())
        except pj.Error:
            devices = []
        if not devices:
            log.warning("no sound device found: using the null audio device")
            adm.setNullDev()
            return
        for index, dev in enumerate(devices):
            if cfg.audio_capture and dev.name == cfg.audio_capture and dev.inputCount > 0:
                adm.setCaptureDev(index)
            if cfg.audio_playback and dev.name == cfg.audio_playback and dev.outputCount > 0:
                adm.setPlaybackDev(index)

    def _set_codecs(self) -> None:
        wanted = [c.upper() for c in self.config.codecs]
        for info in self.endpoint.codecEnum2():
            codec_id = info.codecId           # e.g. "PCMA/8000/1"
            rank = next((i for i, w in enumerate(wanted) if codec_id.upper().startswith(w)), None)
            priority = 0 if rank is None else 254 - rank
            self.endpoint.codecSetPriority(codec_id, priority)

    def _destroy(self) -> None:
        ep = self.endpoint
        if ep is None:
            return
        try:
            # Fast destroy: the teardown hook already hung up and unregistered.
            ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
        except Exception:
            log.exception("libDestroy failed")
        # Drop whatever still points at pjsua2 objects (pending timers hold call sessions,
        # which hold the Endpoint) and collect cycles now, on this thread: a second
        # Endpoint cannot be created while the first Python object lives, and a pjsua2
        # object destroyed by a garbage collection on another thread aborts the process.
        self._timers.clear()
        self._wake_addr = None
        self._wake_sock.close()
        self._on_tick = self._teardown = None
        self.endpoint = None
        del ep
        gc.collect()
