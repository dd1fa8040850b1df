"""Facts the core posts and the screens subscribe to, without Qt.

A `Fact` is something that happened (past tense: `result_saved`, `call_ended`).  Its
subscribers are called on the thread that emits it, which for everything the core
emits is the event loop's thread (the GUI thread under qasync), so a subscriber may
touch widgets.  `Changes` is the one app-wide notice after a write, as Anki's
`operation_did_execute(changes, initiator)`: screens refresh themselves from it
instead of being refreshed by hand or polling for what the program itself just did.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Fact(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self._subscribers: list[Callable[[T], None]] = []

    def connect(self, subscriber: Callable[[T], None]) -> None:
        self._subscribers.append(subscriber)

    def disconnect(self, subscriber: Callable[[T], None]) -> None:
        try:
            self._subscribers.remove(subscriber)
        except ValueError:
            pass

    def emit(self, value: T) -> None:
        for subscriber in list(self._subscribers):
            try:
                subscriber(value)
            except Exception:  # noqa: BLE001 - one broken screen must not silence the others
                log.exception("subscriber of %s failed", self.name)

    def __repr__(self) -> str:
        return f"Fact({self.name!r}, {len(self._subscribers)} subscribers)"


@dataclass(frozen=True)
class Changes:
    """What a write changed, for every screen that shows it."""

    queue: bool = False          # work items claimed, released, moved by a result or a review
    results: bool = False        # results or reviews added
    deliveries: bool = False     # outbox rows added or delivered
    agent_state: bool = False    # ready / pause / in call / wrap-up
    item_id: int | None = None
    initiator: object | None = None


def post(loop: asyncio.AbstractEventLoop, fn: Callable[..., None], *args) -> None:
    """Run fn(*args) on the loop's thread, from any thread; dropped once the loop is closed
    (the program is stopping and nobody listens any more)."""
    try:
        loop.call_soon_threadsafe(fn, *args)
    except RuntimeError:
        log.debug("%s after the event loop closed", getattr(fn, "__qualname__", fn))
