"""Before the window exists: Qt paints on the GUI thread alone unless whoever starts the program
says otherwise, and the interpreter lock changes hands every millisecond."""

import os
import sys

from app.views.qt_setup import SWITCH_INTERVAL_S, before_qapplication


def test_qt_paints_on_the_gui_thread_alone_and_the_lock_changes_hands_often(monkeypatch):
    interval = sys.getswitchinterval()
    try:
        monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
        before_qapplication()
        assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
        assert abs(sys.getswitchinterval() - SWITCH_INTERVAL_S) < 1e-9 and SWITCH_INTERVAL_S < 0.005
        monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "0")
        before_qapplication()
        assert os.environ["QT_NO_GUI_THREADPOOL"] == "0"
    finally:
        sys.setswitchinterval(interval)
