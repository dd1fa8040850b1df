"""How the window program stops: by the user, or by a signal (Ctrl+C, `kill`, a session logoff).

A stop signal closes every window the way the user would (a desk hangs up with a BYE
and stores the call, keeps the draft, records the logout) but asks no questions;
windows read `stopping()` to know.  The program then stops its phone and children.
"""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def stopping(app: QApplication | None = None) -> bool:
    """True once a stop signal asked every window to close without questions."""
    app = app or QApplication.instance()
    return bool(app and app.property("sambung.stopping"))


def stop_on_signals(app: QApplication) -> list[int]:
    """Ctrl+C, a `kill`, a session logoff: every window closes as it would for the agent (a call
    is hung up with a BYE and stored, the draft kept, the logout recorded), without questions,
    then the program stops its phone and children.  Returns the signals received so far."""
    received: list[int] = []

    def stop_gracefully() -> None:
        app.setProperty("sambung.stopping", True)
        if not any(w.isVisible() for w in app.topLevelWidgets()):
            app.quit()
            return
        app.closeAllWindows()
        # A window that cannot finish in time does not keep us up (unless the stop was called off).
        QTimer.singleShot(8000, lambda: stopping(app) and app.quit())

    def stop(signum, _frame) -> None:
        received.append(signum)
        QTimer.singleShot(0, stop_gracefully)  # runs once the event loop runs
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    return received
