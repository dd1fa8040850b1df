"""The one place where screens start background work (network, disk, database).

Modelled on Anki's QueryOp: `BackgroundOp(parent, op, success).failure(f).run()`.
`op` runs on a QThreadPool worker and must not touch widgets; `success` and
`failure` are called back on the GUI thread, and are dropped if `parent` is gone.
An unhandled failure is logged and shown in the status bar of the parent's
window.  Tests can set `BackgroundOp.synchronous = True` to run ops inline.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.views.i18n import message

log = logging.getLogger(__name__)

_live: set["_Relay"] = set()   # relays alive until their op reports back


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._op = op
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:  # noqa: BLE001 - every failure is handed back
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class BackgroundOp:
    synchronous: ClassVar[bool] = False
    pool: ClassVar[QThreadPool | None] = None

    def __init__(self, parent: QObject | None, op: Callable[[], Any],
                 success: Callable[[Any], None] | None = None) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None

    def failure(self, handler: Callable[[BaseException], None]) -> "BackgroundOp":
        self._failure = handler
        return self

    def run(self) -> None:
        if self.synchronous:
            try:
                result = self._op()
            except BaseException as exc:  # noqa: BLE001
                self._on_failed(exc)
            else:
                self._on_succeeded(result)
            return
        relay = _Relay()
        relay.op = self         # the op lives as long as its relay: PySide keeps no reference
        _live.add(relay)

        def finish(report: Callable[[Any], None], value: Any) -> None:
            op = relay.op
            relay.op = None
            _live.discard(relay)
            # The connections hold these closures and the closures hold the relay: only
            # deleting the QObject breaks that cycle, which Python's GC cannot see.
            relay.deleteLater()
            report(op, value)

        def succeeded(result: Any) -> None:
            finish(BackgroundOp._on_succeeded, result)

        def failed(exc: BaseException) -> None:
            finish(BackgroundOp._on_failed, exc)
        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        (self.pool or QThreadPool.globalInstance()).start(_Job(self._op, relay))

    def _parent_alive(self) -> bool:
        if self._parent is None:
            return True
        try:
            self._parent.objectName()   # raises once the C++ object is deleted
        except RuntimeError:
            return False
        return True

    def _on_succeeded(self, result: Any) -> None:
        if self._success and self._parent_alive():
            self._success(result)

    def _on_failed(self, exc: BaseException) -> None:
        if not self._parent_alive():
            return
        if self._failure:
            self._failure(exc)
            return
        log.error("background operation failed: %s\n%s", exc,
                  getattr(exc, "__traceback_text__", ""))
        window = self._parent.window() if hasattr(self._parent, "window") else None
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(message(exc), 10000)
