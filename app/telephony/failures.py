"""Logging an exception caught on the SIP thread without keeping its traceback alive.

`log.exception` stores the exception (and so its traceback, its frames and every
pjsua2 object those frames hold) in the LogRecord; a handler that keeps records (a
test's log capture, a memory handler) would then free those pjsua2 objects later on
another thread, which aborts the process.  `log_failure` logs the formatted text only.
No pjsua2 import here.
"""

from __future__ import annotations

import logging
import sys
import traceback


def log_failure(log: logging.Logger, message: str, *args: object) -> None:
    """Like log.exception(message, *args) but the record holds text, not the exception."""
    text = traceback.format_exc()
    log.error(message + "\n%s", *args, text)
    exc = sys.exc_info()[1]
    if exc is not None:
        exc.__traceback__ = None
