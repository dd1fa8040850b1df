"""Which thread may run Python's cycle collector now.

The GUI thread collects garbage for the whole program (app.views.gc_guard: automatic collection
is off, so Qt objects die on their own thread).  While the SIP thread drops its pjsua2 objects at
the phone's stop, it must be the only collector: a pjsua2 object freed from the GUI thread calls
pjlib from a thread pjlib does not know, and the process aborts ("Calling pjlib from
unknown/external thread") — seen once in a benchmark when the GUI thread's collection fell
between the SIP thread dropping its last references and collecting them itself.

A bulk job pauses collection while it builds its objects (the dapros import: about a million
for a file of 100,000 rows, none of them in a cycle): every pass meanwhile walks what the job
has made so far, with the interpreter lock held — a tenth of a CSV import's time (2.33 → 2.08 s),
and on a desk the walking is done by the GUI thread.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_owner = threading.Lock()
_pauses = threading.Lock()
_paused = 0                 # bulk jobs running now
_automatic = False          # automatic collection was on when the first of them began


@contextmanager
def sole_collector() -> Iterator[None]:
    """Within the block, no other thread's `collect_unless_held` runs a collection."""
    with _owner:
        yield


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic collection and no `collect_unless_held` while the block runs (nests, and
    spans threads: collection resumes when the last paused block ends)."""
    global _paused, _automatic
    with _pauses:
        if _paused == 0:
            _automatic = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pauses:
            _paused -= 1
            if _paused == 0 and _automatic:
                gc.enable()


def collect_unless_held(generation: int = 2) -> int:
    """gc.collect(generation), or nothing (0) while another thread is the sole collector or a
    bulk job has paused collection."""
    if _paused or not _owner.acquire(blocking=False):
        return 0
    try:
        return gc.collect(generation)
    finally:
        _owner.release()
