"""The media tap: a pjsua2 AudioMediaPort on the call's audio, and the worker that classifies it.

`MediaTap` is the only pjsua2 part of call-progress analysis.  The call's audio is
transmitted into it (`audio.startTransmit(tap)`) from the first media on, early media
included.  pjmedia's clock thread hands it a 20 ms frame at a time; it only copies the
bytes into a short rolling buffer (`TapBuffer`, 2 s) and, every 100 ms, asks the one
`ProgressWorker` thread of the process to run the classifier on what arrived.  The
SIP thread is never blocked and never waits: verdicts come back to it through the
`report` callable the call session passes in (engine.post).

LIFETIME: pjmedia 2.15 removes a port from the conference bridge *later*, on its clock
thread, while pjsua2's AudioMediaPort frees itself at once: deleting a tap while the
bridge runs lets the clock thread call into freed memory (seen here as a segfault
under load).  So a softphone makes ONE tap for the life of its Endpoint (`retain`),
connects each call's audio to it and points it at that call's buffer; the tap is
never deleted, only retired when the Endpoint goes (a few hundred bytes per start).
Between calls the bridge still offers it an empty frame every 20 ms, which it drops.
The worker holds the plain-Python `TapBuffer`, never the port.
"""

from __future__ import annotations

import ctypes
import logging
import queue
import threading
import time
from collections import deque
from typing import Any, Callable

import numpy as np
import pjsua2 as pj

from app.telephony.events import ProgressVerdict
from app.telephony.failures import log_failure
from app.telephony.progress.classifier import ProgressClassifier

log = logging.getLogger(__name__)

RATE = 8000
FRAME_USEC = 20000
BUFFER_SECONDS = 2.0
FRAMES_PER_JOB = 5                      # 100 ms of audio per trip to the worker
_SILENT_FRAME = bytes(RATE * FRAME_USEC // 1000000 * 2)


def _frame_bytes_slow(frame: Any) -> bytes:
    return bytes(frame.buf)


_fast_copy: bool | None = None          # decided on the first frame: see frame_bytes


def frame_bytes(frame: Any) -> bytes:
    """The frame's samples as bytes.

    SWIG's ByteVector hands its bytes out one Python object at a time: 0.5-1.3 ms per
    20 ms frame, several per cent of a core for copying alone.  The pjsua2 MediaFrame is
    {frame type (4 bytes, padded to 8), std::vector<uint8_t> buf, unsigned size}, and a
    std::vector starts with pointers to its first and one-past-last element (libstdc++
    and MSVC alike), so the bytes can be read in one copy (~10 us).  The first frame is
    read both ways; if they differ the slow way is used from then on.
    """
    global _fast_copy
    if _fast_copy is False:
        return _frame_bytes_slow(frame)
    base = int(frame.this)
    begin = ctypes.c_void_p.from_address(base + 8).value or 0
    end = ctypes.c_void_p.from_address(base + 16).value or 0
    size = end - begin
    fast = ctypes.string_at(begin, size) if 0 < size <= 65536 else b""
    if _fast_copy is None:
        slow = _frame_bytes_slow(frame)
        _fast_copy = fast == slow and len(slow) > 0
        log.debug("media tap: %s frame copy", "fast" if _fast_copy else "slow")
        return slow
    return fast


class TapBuffer:
    """Frames between the clock thread and the worker, and the call's classifier (no pjsua2).

    The classifier is made by `make_classifier` on the worker, at the first job: reading
    and fingerprinting the library is file work that must not happen on the SIP thread.
    """

    def __init__(self, make_classifier: Callable[[], ProgressClassifier],
                 report: Callable[[ProgressVerdict], None]) -> None:
        self._make_classifier = make_classifier
        self.classifier: ProgressClassifier | None = None
        self.report = report
        self.frames: deque[bytes] = deque(maxlen=int(BUFFER_SECONDS * 1000000 / FRAME_USEC))
        self.dropped = 0
        self.closed = False
        self.first_media_at: float | None = None   # time.monotonic() of the first audio frame
        self._lock = threading.Lock()
        self._pending = 0

    def add(self, data: bytes) -> bool:
        """Keep a frame; True when a worker job is due."""
        if self.first_media_at is None:
            self.first_media_at = time.monotonic()
        if len(self.frames) == self.frames.maxlen:
            self.dropped += 1           # the worker fell 2 s behind: the oldest audio goes
        self.frames.append(data)
        self._pending += 1
        if self._pending >= FRAMES_PER_JOB:
            self._pending = 0
            return True
        return False

    def analyse(self) -> None:
        """Worker thread: classify whatever arrived since last time."""
        with self._lock:                # one job per buffer at a time, in order
            if self.classifier is None and not self.closed:
                self.classifier = self._make_classifier()
            if self.closed or self.classifier is None or self.classifier.done:
                self.frames.clear()
                return
            chunks = []
            while self.frames:
                chunks.append(self.frames.popleft())
            if not chunks:
                return
            samples = np.frombuffer(b"".join(chunks), dtype="<i2")
            verdicts = self.classifier.feed(samples)
        for verdict in verdicts:
            self.report(verdict)

    @property
    def finished(self) -> bool:
        return self.closed or (self.classifier is not None and self.classifier.done)

    @property
    def latest(self) -> ProgressVerdict | None:
        classifier = self.classifier
        return classifier.current if classifier is not None else None


class ProgressWorker:
    """One daemon thread for the whole process; jobs are TapBuffer.analyse calls.

    `cpu_seconds` is the CPU time its thread has used (diagnostics, the benchmark).
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.cpu_seconds = 0.0

    def submit(self, buffer: TapBuffer) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="cpa-worker", daemon=True)
                self._thread.start()
        self._jobs.put(buffer)

    def _run(self) -> None:
        while True:
            buffer = self._jobs.get()
            started = time.thread_time()
            try:
                buffer.analyse()
            except Exception:       # noqa: BLE001 - one bad call must not stop the analysis of the next
                log_failure(log, "call-progress analysis failed")
                buffer.closed = True
            self.cpu_seconds += time.thread_time() - started
            del buffer


WORKER = ProgressWorker()


class MediaTap(pj.AudioMediaPort):
    """Created on the SIP thread; pjmedia's clock thread calls onFrameReceived."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer: TapBuffer | None = None        # the current call's, or None between calls
        fmt = pj.MediaFormatAudio()
        fmt.type = pj.PJMEDIA_TYPE_AUDIO
        fmt.init(pj.PJMEDIA_FORMAT_PCM, RATE, 1, FRAME_USEC, 16)
        self.createPort("cpa-tap", fmt)     # the conference bridge resamples to 8 kHz for us
        # Never let Python delete the C++ port (see LIFETIME above); _RETAINED keeps the
        # Python side alive for the clock thread.
        self.thisown = False
        _RETAINED.append(self)

    def onFrameReceived(self, frame):  # noqa: N802 - pjsua2 name
        try:
            buffer = self.buffer
            if buffer is None or buffer.finished:
                return
            if frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO:
                data = frame_bytes(frame)
            elif buffer.first_media_at is not None:
                data = _SILENT_FRAME    # no packet this time (remote DTX): time still passes
            else:
                return                  # no media yet: the clock starts with the first packet
            if buffer.add(data):
                WORKER.submit(buffer)
        except Exception:  # noqa: BLE001 - nothing may escape into pjmedia's clock thread
            log_failure(log, "media tap frame failed")


_RETAINED: list[MediaTap] = []


class CallAnalysis:
    """Call-progress analysis of one call, owned by its CallSession (SIP thread only).

    `connect(audio)` on every media (re)start; `receive(verdict)` when a verdict posted by
    the worker reaches the SIP thread; `stop()` when the call ends.  `tap()` gives the
    softphone's one MediaTap (made on first use).
    """

    def __init__(self, make_classifier: Callable[[], ProgressClassifier], tap: Callable[[], MediaTap],
                 post: Callable[..., None], deliver: Callable[[ProgressVerdict], None]) -> None:
        self._make_classifier = make_classifier
        self._tap = tap
        self._post = post               # engine.post: worker thread -> SIP thread
        self._deliver = deliver
        self._buffer: TapBuffer | None = None
        self._audio: Any = None
        self.heard: ProgressVerdict | None = None

    def connect(self, audio: Any) -> None:
        if self._buffer is None:
            self._buffer = TapBuffer(self._make_classifier, lambda v: self._post(self.receive, v))
        if self._buffer.finished:
            return
        tap = self._tap()
        tap.buffer = self._buffer
        audio.startTransmit(tap)
        self._audio = audio

    def receive(self, verdict: ProgressVerdict) -> None:
        if self._buffer is None or self._buffer.closed:
            return                      # the call ended before the worker's verdict arrived
        self.heard = verdict
        self._deliver(verdict)
        if self._buffer.finished:
            self._disconnect()          # nothing more to learn: no CPU for the rest of the call

    def stop(self) -> None:
        if self._buffer is not None:
            self._buffer.closed = True
            if self._buffer.dropped:
                log.warning("call-progress analysis fell behind: %d frames of 20 ms dropped", self._buffer.dropped)
        self._disconnect()

    def _disconnect(self) -> None:
        tap = self._tap()
        if tap.buffer is self._buffer:
            tap.buffer = None
        audio, self._audio = self._audio, None
        if audio is not None:
            try:
                audio.stopTransmit(tap)
            except pj.Error:
                pass                    # the call's media is already gone, and with it the link

    @property
    def verdict(self) -> ProgressVerdict | None:
        """The last verdict delivered, with the confidence the classifier has reached since."""
        heard, buffer = self.heard, self._buffer
        latest = buffer.latest if buffer is not None else None
        if heard is not None and latest is not None and (latest.kind, latest.label) == (heard.kind, heard.label):
            return latest
        return heard
