"""Errors nobody caught: logged with their traceback, and shown once in an Indonesian message box
on the GUI thread, whichever thread failed."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from app.platform import uncaught
from app.views import i18n
from app.views.crash_reporter import install_crash_reporter


@pytest.fixture
def reporter(qtbot):
    app = QApplication.instance()
    before = (sys.excepthook, threading.excepthook)
    assert i18n.install(app, "id")
    reporter = install_crash_reporter(app)
    yield reporter
    uncaught.uninstall()
    if reporter.box is not None:
        reporter.box.close()
    reporter.deleteLater()
    i18n.install(app, "en")
    assert (sys.excepthook, threading.excepthook) == before


def fail_in_thread(message: str) -> None:
    def work() -> None:
        raise ValueError(message)
    worker = threading.Thread(target=work, name="pekerja-uji")
    worker.start()
    worker.join(5)


def test_an_error_in_a_worker_thread_is_logged_and_shown_in_indonesian_on_the_gui_thread(qtbot, reporter, caplog):
    with caplog.at_level(logging.CRITICAL, logger="app.uncaught"):
        with qtbot.waitSignal(reporter.reported, timeout=5000) as shown:
            fail_in_thread("nomor 081234567890 tidak dapat diproses")
    record = next(r for r in caplog.records if r.name == "app.uncaught")
    assert record.levelno == logging.CRITICAL and "pekerja-uji" in record.getMessage()
    # the traceback goes to the log
    assert "Traceback (most recent call last)" in caplog.text and "ValueError" in caplog.text
    box = reporter.box
    assert box is not None and box.isVisible()
    assert box.thread() is QApplication.instance().thread()
    assert box.windowTitle() == "Sambung — kesalahan tak terduga"
    assert box.text().startswith("Terjadi kesalahan yang tidak diperkirakan Sambung")
    assert "dicatat di log" in box.informativeText()
    assert shown.args[0].startswith("ValueError: nomor ")
    assert "081234567890" not in box.informativeText(), "a phone number is masked in the box"


def test_an_uncaught_error_on_the_main_thread_goes_through_sys_excepthook(qtbot, reporter):
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        try:
            raise RuntimeError("slot gagal")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert reporter.box.isVisible() and "RuntimeError: slot gagal" in reporter.box.informativeText()


def test_errors_that_follow_are_counted_in_the_open_box_not_stacked(qtbot, reporter):
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        fail_in_thread("pertama")
    first = reporter.box
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        fail_in_thread("kedua")
    assert reporter.box is first and reporter.count == 2
    assert "Sudah 2 kesalahan." in first.informativeText() and "kedua" in first.informativeText()
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == first.windowTitle()]
    assert boxes == [first]


def test_ctrl_c_passes_through_to_the_previous_hook_and_is_not_reported(qtbot, reporter):
    uncaught.uninstall()
    outer, seen = sys.excepthook, []
    sys.excepthook = lambda *exc: seen.append(exc[0])        # stands for the hook that was there before
    try:
        uncaught.install(reporter.notify)
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        QApplication.processEvents()          # a crash report would be a queued signal: deliver it if any
    finally:
        uncaught.uninstall()
        sys.excepthook = outer
    assert seen == [KeyboardInterrupt] and reporter.box is None
