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


def test_a_bulk_job_pauses_collection_until_the_last_of_them_ends():
    from app.platform.collection import collection_paused

    started: list[int] = []

    def heard(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    first_in, second_done, release = threading.Event(), threading.Event(), threading.Event()

    def other_job() -> None:
        with collection_paused():
            first_in.set()
            release.wait(5)
        second_done.set()

    was = gc.isenabled()
    gc.enable()
    gc.callbacks.append(heard)
    job = threading.Thread(target=other_job)
    try:
        with collection_paused():
            assert not gc.isenabled()
            job.start()
            assert first_in.wait(5)
        # this block ended, the other job's has not: still paused, the GUI thread's turn skipped
        assert not gc.isenabled()
        assert collect_unless_held() == 0 and started == []
        release.set()
        assert second_done.wait(5)
        assert gc.isenabled()                       # automatic collection is back as it was
        collect_unless_held()
        assert started == [2]
    finally:
        release.set()
        job.join(5)
        gc.callbacks.remove(heard)
        (gc.enable if was else gc.disable)()


def test_a_pause_leaves_automatic_collection_off_when_it_was_off():
    from app.platform.collection import collection_paused

    was = gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
