"""What the program sets in Qt before the QApplication exists (app.views.main, and the benchmarks'
desk rig so they measure the same program)."""

from __future__ import annotations

import os


def before_qapplication() -> None:
    # Qt splits a large fill (a scroll bar, a group box's frame) over a pool of its own threads and
    # waits for them: on an agent's two busy cores the window slept waiting for those threads to get
    # a CPU (1.2 s of 15 s of desk cycles in benchmarks/bench_gui_stalls.py).  Painting on the GUI
    # thread alone took the longest stalls down by a fifth.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
