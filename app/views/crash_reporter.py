"""The window's face for errors nobody caught: a clear message box, whichever thread failed.

`install_crash_reporter(app)` hands app.platform.uncaught a notifier: the error is
logged there, and a summary comes here through a queued signal, so the box always
opens on the GUI thread — a worker thread never touches a widget.  One box at a
time: errors that follow while it is open are counted in it, not stacked.  The box
says what happened in the user's language, that the details are in the log, and
what to do (copy the diagnostics, tell the help desk).  It must not decide what the
program does next nor swallow the error (it is logged first).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app.platform import uncaught
from app.platform.logging_setup import log_file


class CrashReporter(QObject):
    reported = Signal(str)          # a summary was shown (or counted in the open box), on the GUI thread
    _arrived = Signal(str)          # from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self.count = 0
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def notify(self, summary: str) -> None:
        """Called by app.platform.uncaught on the failing thread: only posts to the GUI thread."""
        self._arrived.emit(summary)

    def _show(self, summary: str) -> None:
        self.count += 1
        if self.box is not None and self.box.isVisible():
            self.box.setInformativeText(self._details(summary))
            self.reported.emit(summary)
            return
        self.count = 1
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Sambung — unexpected error"),
                          self.tr("Something went wrong that Sambung did not expect. Your saved work is safe; "
                                  "what you were doing may not have finished."),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setInformativeText(self._details(summary))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.box = box
        box.open()                  # window-modal, without a nested event loop
        self.reported.emit(summary)

    def _details(self, summary: str) -> str:
        text = self.tr("Details were written to the log (%1). Please tell the help desk and give them "
                       "the diagnostics (menu: Copy diagnostics).").replace("%1", str(log_file()))
        if self.count > 1:
            text += "\n" + self.tr("%1 errors so far.").replace("%1", str(self.count))
        return text + "\n\n" + summary

    def _closed(self, _result: int) -> None:
        self.box = None


def install_crash_reporter(app: QApplication) -> CrashReporter:
    """Show every uncaught error of this program in a message box (and log it); call once, after
    the QApplication exists.  The reporter lives as long as `app`."""
    reporter = CrashReporter(app)
    uncaught.install(reporter.notify)
    return reporter
