"""The GUI thread's garbage collector: young generations as Python would collect them, a full
pass at most once a minute (each walks everything the day kept)."""

from __future__ import annotations

import gc

from app.views.gc_guard import FULL_EVERY_S, THRESHOLD0, GuiThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def _generations_collected(collector: GuiThreadCollector, rounds: int) -> list[int]:
    seen: list[int] = []

    def heard(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])
    gc.callbacks.append(heard)
    try:
        for _ in range(rounds):
            garbage = [Cycle() for _ in range(THRESHOLD0 + 50)]
            del garbage
            collector.collect()
    finally:
        gc.callbacks.remove(heard)
    return seen


def test_cycles_are_freed_and_a_full_pass_comes_at_most_once_a_minute(qapp):
    now = [1000.0]
    collector = GuiThreadCollector(clock=lambda: now[0])
    collector.timer.stop()                      # driven by hand below
    try:
        assert not gc.isenabled()
        first = _generations_collected(collector, 300)
        assert len(first) == 300 and set(first) <= {0, 1} and 1 in first   # the minute has not passed
        assert not [o for o in gc.get_objects(generation=0) if isinstance(o, Cycle)]
        now[0] += FULL_EVERY_S
        later = _generations_collected(collector, 300)
        assert later.count(2) == 1                                           # one full pass, then a minute's wait
    finally:
        collector.stop()
        collector.deleteLater()
