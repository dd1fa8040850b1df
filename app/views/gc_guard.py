"""Garbage collection only on the GUI thread.

Python's collector runs on whichever thread happens to allocate.  When it frees a
cycle that holds a Qt object (a widget, a signal relay) or a pjsua2 object on a
background thread, the C++ destructor runs on the wrong thread and the process can
crash — seen as a segfault "Garbage-collecting" inside a BackgroundOp worker.  As in
Anki (aqt's GarbageCollector), automatic collection is switched off and a timer on
the GUI thread runs the same generational collections Python would have run.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from app.platform.collection import collect_unless_held

THRESHOLD0, THRESHOLD1, THRESHOLD2 = 700, 10, 10     # Python's own defaults
# Every 20 ms, not 100: the io, phone and outbox threads allocate too, and a young generation
# that grew for 100 ms took up to 60 ms to walk on the GUI thread.  (Full passes keep Python's
# pace: delayed to once a minute, a desk closed before a quick re-login still held the old
# phone's Endpoint when the new one was created, and the process aborted.)
INTERVAL_MS = 20


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    @staticmethod
    def collect() -> int:
        count0, count1, count2 = gc.get_count()
        if count0 < THRESHOLD0:
            return 0
        generation = 0
        if count1 >= THRESHOLD1:
            generation = 2 if count2 >= THRESHOLD2 else 1
        return collect_unless_held(generation)

    @staticmethod
    def settle() -> None:
        """Once the program is up: what start-up made (modules, classes, the first window) lives as
        long as the program, so it leaves the collector's view — a full collection then walks only
        what the day adds (gen-2 passes took 320 ms on the desk's GUI thread)."""
        collect_unless_held()
        gc.freeze()

    def stop(self) -> None:
        self.timer.stop()
        collect_unless_held()
        if self._was_enabled:
            gc.enable()
