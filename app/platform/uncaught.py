"""Errors nobody caught, on any thread: logged once with their traceback, then told to a person.

`install(notify)` sets `sys.excepthook` (the main thread, and Qt slots: PySide hands
their exceptions to it) and `threading.excepthook` (worker threads).  Each logs the
error at CRITICAL through the ordinary log (whose privacy filter masks phone numbers
and secrets) and then calls `notify(summary)` with a one-line, redacted summary
— the window's crash reporter shows it (app.views.crash_reporter); the CLI passes
nothing.  Ctrl+C and SystemExit pass through untouched.  `uninstall()` puts the
previous hooks back.  This module must not import Qt, and a failing `notify` must
never hide the original error.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType
from typing import Callable

from app.platform.logging_setup import redact

log = logging.getLogger("app.uncaught")

Notify = Callable[[str], None]
_previous: tuple | None = None


def summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """'ValueError: what it said', redacted, for a message box or a status line."""
    text = str(exc).strip() if exc is not None else ""
    return redact(f"{exc_type.__name__}: {text}" if text else exc_type.__name__)


def _passes_through(exc_type: type[BaseException] | None) -> bool:
    return exc_type is None or issubclass(exc_type, (KeyboardInterrupt, SystemExit))


def _report(where: str, exc_type, exc, tb: TracebackType | None, notify: Notify | None) -> None:
    log.critical("uncaught error %s", where, exc_info=(exc_type, exc, tb))
    if notify is None:
        return
    try:
        notify(summary(exc_type, exc))
    except Exception:  # noqa: BLE001 - the report itself failed: the log above already has the error
        log.exception("showing an uncaught error failed")


def install(notify: Notify | None = None) -> None:
    """Log (and `notify`) every uncaught error from now on; calling it again replaces `notify`."""
    global _previous
    if _previous is None:
        _previous = (sys.excepthook, threading.excepthook)
    previous_hook = _previous[0]

    def excepthook(exc_type, exc, tb) -> None:
        if _passes_through(exc_type):
            previous_hook(exc_type, exc, tb)
            return
        _report("in the main thread", exc_type, exc, tb, notify)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if _passes_through(args.exc_type):
            return
        name = args.thread.name if args.thread is not None else "?"
        _report(f"in thread {name}", args.exc_type, args.exc_value, args.exc_traceback, notify)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


def uninstall() -> None:
    """The hooks that were there before `install`."""
    global _previous
    if _previous is not None:
        sys.excepthook, threading.excepthook = _previous
        _previous = None
