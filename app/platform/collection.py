"""Which thread may run Python's cycle collector now.

The GUI thread collects garbage for the whole program (app.views.gc_guard: automatic collection
is off, so Qt objects die on their own thread).  While the SIP thread drops its pjsua2 objects at
the phone's stop, it must be the only collector: a pjsua2 object freed from the GUI thread calls
pjlib from a thread pjlib does not know, and the process aborts ("Calling pjlib from
unknown/external thread") — seen once in a benchmark when the GUI thread's collection fell
between the SIP thread dropping its last references and collecting them itself.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_owner = threading.Lock()


@contextmanager
def sole_collector() -> Iterator[None]:
    """Within the block, no other thread's `collect_unless_held` runs a collection."""
    with _owner:
        yield


def collect_unless_held(generation: int = 2) -> int:
    """gc.collect(generation), or nothing (0) while another thread is the sole collector."""
    if not _owner.acquire(blocking=False):
        return 0
    try:
        return gc.collect(generation)
    finally:
        _owner.release()
