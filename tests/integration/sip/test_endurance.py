"""Many calls in one process: no crash, no file-descriptor, thread or memory leak."""

from __future__ import annotations

import gc
import sys
import threading

import psutil
import pytest

from app.telephony.softphone import Softphone

pytestmark = pytest.mark.sip

CALLS = 200
WARM_UP = 20


def _place(p, listener, sipp, n: int, record_dir) -> None:
    p.dial(sipp.uri(), attempt_id=f"a{n}", record_path=record_dir / f"a{n}.wav")
    listener.wait_for(lambda: [s.state for s in listener.states].count("connected") > n, what=f"call {n}")
    p.hangup()
    outcome = listener.wait_outcome(n + 1)
    assert outcome.answered and outcome.attempt_id == f"a{n}", outcome


def test_200_consecutive_calls_leak_no_fds_threads_or_memory(sipp_uas, phone, listener, tmp_path):
    sipp = sipp_uas("uas_answer.xml")
    me = psutil.Process()
    p = phone()
    for n in range(WARM_UP):
        _place(p, listener, sipp, n, tmp_path)
    fds, threads, rss = me.num_fds(), threading.active_count(), me.memory_info().rss
    gc.collect()
    nones = sys.getrefcount(None)
    native_threads = me.num_threads()
    for n in range(WARM_UP, CALLS):
        _place(p, listener, sipp, n, tmp_path)
    assert len(listener.outcomes) == CALLS
    assert all(o.recording_path and o.recording_error is None for o in listener.outcomes)
    assert me.num_fds() <= fds + 2
    assert threading.active_count() == threads and me.num_threads() <= native_threads + 1
    gc.collect()
    assert sys.getrefcount(None) >= nones - 20, "pjsua2's wrappers drain None; the guard must top it up"
    growth_mb = (me.memory_info().rss - rss) / 2**20
    assert growth_mb < 15, f"RSS grew {growth_mb:.1f} MB over {CALLS - WARM_UP} calls"


def test_starting_and_stopping_the_phone_repeatedly_is_safe(listener, direct_config, sipp_uas):
    sipp = sipp_uas("uas_answer.xml")
    me = psutil.Process()
    fds = None
    for round_ in range(5):
        p = Softphone(listener)
        p.start(direct_config())
        p.dial(sipp.uri())
        listener.wait_for(lambda: [s.state for s in listener.states].count("connected") > round_, what="call")
        p.stop()                   # with the call still up: hung up and reported, then libDestroy
        assert listener.wait_outcome(round_ + 1).answered
        if fds is None:
            fds = me.num_fds()
    assert me.num_fds() <= fds + 1
