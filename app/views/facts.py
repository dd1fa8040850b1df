"""Screens subscribe to the core's facts here, and are unsubscribed when they are destroyed.

A `Fact` (app.core.events) calls its subscribers on the event loop's thread, which is
the GUI thread under qasync; a widget that is gone must not be called, so every
subscription made with `subscribe` ends with its owner's `destroyed` signal.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject

from app.core.events import Fact


def subscribe(owner: QObject, fact: Fact, slot: Callable[[Any], None]) -> None:
    fact.connect(slot)
    owner.destroyed.connect(lambda *_: fact.disconnect(slot))


class Subscriptions:
    """Subscriptions that end together: when `clear()`ed (the customer on the desk changes) or
    when their owner is destroyed.  A fact that outlives its screen must not keep calling it,
    and a screen that outlives many facts must not keep a connection per fact it ever saw."""

    def __init__(self, owner: QObject) -> None:
        self._pairs: list[tuple[Fact, Callable[[Any], None]]] = []
        owner.destroyed.connect(lambda *_: self.clear())

    def add(self, fact: Fact, slot: Callable[[Any], None]) -> None:
        fact.connect(slot)
        self._pairs.append((fact, slot))

    def clear(self) -> None:
        for fact, slot in self._pairs:
            fact.disconnect(slot)
        self._pairs.clear()
