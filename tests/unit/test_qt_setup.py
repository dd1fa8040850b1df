"""Qt paints on the GUI thread alone unless whoever starts the program says otherwise."""

import os

from app.views.qt_setup import before_qapplication


def test_qt_paints_on_the_gui_thread_alone_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    before_qapplication()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "0")
    before_qapplication()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "0"
