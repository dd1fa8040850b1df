"""While the SIP thread drops its pjsua2 objects it is the only thread that collects garbage."""

from __future__ import annotations

import gc
import threading

from app.platform.collection import collect_unless_held, sole_collector


def test_no_other_thread_collects_while_the_sip_thread_is_the_sole_collector():
    holding, done = threading.Event(), threading.Event()
    started: list[int] = []

    def heard(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    def sip_thread_teardown() -> None:
        with sole_collector():
            holding.set()
            done.wait(5)

    teardown = threading.Thread(target=sip_thread_teardown)
    gc.callbacks.append(heard)
    try:
        teardown.start()
        assert holding.wait(5)
        assert collect_unless_held() == 0 and started == []      # the GUI thread's turn is skipped
        done.set()
        teardown.join(5)
        collect_unless_held()
        assert started == [2]                                     # and taken once the teardown is over
    finally:
        gc.callbacks.remove(heard)
        done.set()
