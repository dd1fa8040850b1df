"""What the program sets in Qt and the interpreter before the QApplication exists
(app.views.main, and the benchmarks' desk rig so they measure the same program)."""

from __future__ import annotations

import os
import sys

# The interpreter lock changes hands every 1 ms, not 5: the window's every call into Python (a
# timer, a slot, a finished background job) waits for the lock while the io, phone and outbox
# threads take turns with it.  The desk's worst stalls in benchmarks/bench_gui_stalls.py, two
# paired runs: 38.6 -> 30.4 and 42.5 -> 30.9 ms.
SWITCH_INTERVAL_S = 0.001


def before_qapplication() -> None:
    # Qt splits a large fill (a scroll bar, a group box's frame) over a pool of its own threads and
    # waits for them: on an agent's two busy cores the window slept waiting for those threads to get
    # a CPU (1.2 s of 15 s of desk cycles in benchmarks/bench_gui_stalls.py).  Painting on the GUI
    # thread alone took the longest stalls down by a fifth.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    sys.setswitchinterval(SWITCH_INTERVAL_S)
