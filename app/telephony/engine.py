"""The one owner of the pjsua2 Endpoint in this process: a thread, a queue, a pump.

`SipEngine` starts a dedicated thread that creates the Endpoint (threadCnt=0,
mainThreadOnly=True), pumps `libHandleEvents` a few milliseconds at a time, and runs
the commands other threads post to it through a thread-safe queue — so no pjsua2
call ever happens on any other thread and the GUI thread never waits for pjsua2
(a posted command wakes the pump at once through a loopback "wake" transport).
It calls `libDestroy` exactly once (on stop(), at interpreter exit, or Ctrl+C), after
its owner's teardown hook has hung up and dropped every Call and Account.  It knows
nothing about calls or accounts: that is app.telephony.softphone's job.
"""

from __future__ import annotations

import atexit
import gc
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

from app.domain.text import Text, text_of
from app.platform.collection import sole_collector
from app.telephony import none_guard
from app.telephony.endpoint_setup import EngineError, configure_endpoint
from app.telephony.events import SipConfig
from app.telephony.failures import log_failure

log = logging.getLogger(__name__)

POLL_MS = 10         # longest libHandleEvents sleep; posted commands wake it at once (see _wake)

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
            log_failure(log, "SIP engine run failed")


def _owner_thread() -> threading.Thread:
    global _sip_thread
    if _sip_thread is None:
        # Daemon: at interpreter exit non-daemon threads are joined *before* atexit runs,
        # and it is our atexit hook that asks the engine to finish.
        _sip_thread = threading.Thread(target=_sip_thread_main, name="sip-engine", daemon=True)
        _sip_thread.start()
    return _sip_thread


def _describe(exc: BaseException) -> str:
    if isinstance(exc, pj.Error):
        return f"{exc.title}: {exc.reason} (status {exc.status})"
    return str(exc) or type(exc).__name__


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
        self._start_error: str | None = None
        self._start_text: Text | None = None        # the same, when the failure said it in both languages
        self._thread: threading.Thread | None = None
        self._wake_addr: tuple[str, int] | None = None
        self.warnings: list[str] = []       # Indonesian, reported by the owner after start()
        self._wake_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    # ----------------------------------------------------------------- any thread
    def start(self, timeout: float | None = None) -> None:
        """Create the Endpoint on the SIP thread; raises EngineError with a user message.

        Blocks until the endpoint exists: a few ms, plus up to 1 s to probe a STUN server.
        """
        if timeout is None:
            timeout = 40.0 if self.config.stun_server else 10.0
        global _current
        with _owner_lock:
            if _current is not None:
                raise EngineError(Text("Mesin SIP sudah berjalan di proses ini.",
                                       "The SIP engine is already running in this process."))
            _current = self
            self._thread = _owner_thread()
        _sip_jobs.put(self._run)
        if not self._ready.wait(timeout) or self._start_error is not None:
            self.stop()
            why = self._start_text or self._start_error or Text("waktu habis", "timed out")
            raise EngineError(Text("Mesin SIP gagal dimulai: {why}", "The SIP engine failed to start: {why}")
                              .format(why=why))
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

    def _create_endpoint(self) -> None:
        ep = pj.Endpoint()
        self.endpoint = ep        # set first: a failure below still destroys it
        self.transport_id, self._wake_addr = configure_endpoint(ep, self.config, self.warnings)

    def _run(self) -> None:
        global _current
        try:
            self._create_endpoint()
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            # Only text leaves this block: the traceback's frames hold the Endpoint, and an
            # Endpoint freed on another thread (when start() re-raised) aborts the process.
            log.error("SIP endpoint creation failed: %s", _describe(exc))
            self._start_error = _describe(exc)
            self._start_text = text_of(exc)
        if self._start_error is not None:
            with sole_collector():
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
                none_guard.top_up()         # see app.telephony.none_guard
                if self._on_tick is not None:
                    self._guard(self._on_tick)
        finally:
            self._run_commands()            # a command posted just before stop still runs
            with sole_collector():          # the pjsua2 objects the teardown drops die here
                if self._teardown is not None:
                    self._guard(self._teardown, self.pump)
                self._destroy()
            none_guard.top_up()
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
                    # The waiting thread gets the exception without its traceback: the
                    # frames hold pjsua2 objects that must die on this thread.
                    fut.set_exception(exc.with_traceback(None))
                else:
                    log_failure(log, "SIP command %s failed", getattr(fn, "__name__", fn))
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
            log_failure(log, "SIP thread task %s failed", getattr(fn, "__name__", fn))

    def _destroy(self) -> None:
        ep = self.endpoint
        if ep is None:
            return
        try:
            # Fast destroy: the teardown hook already hung up and unregistered.
            ep.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
        except Exception:
            log_failure(log, "libDestroy failed")
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
