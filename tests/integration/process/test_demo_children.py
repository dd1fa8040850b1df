"""Every way of stopping `sambung --demo` stops what it started (issue: a fresh machine).

The demo starts the customer simulator as a child process.  A SIGTERM or SIGHUP (a
`kill`, a session logoff) must stop it with the window; a killed window (SIGKILL, a
crash) must not leave it running either: the child notices its parent is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[3]


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def demo_window(tmp_path):
    env = dict(os.environ, SAMBUNG_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               SAMBUNG_SITE_FILE=str(tmp_path / "site.json"))
    proc = subprocess.Popen([sys.executable, "-m", "app", "--demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(proc.pid)

    def simulator():
        return [c for c in parent.children(recursive=True) if "app.telephony.simulator" in " ".join(c.cmdline())]
    children = _wait(simulator, 30, "the demo's simulator to start")
    yield proc, children
    for child in children:
        if child.is_running():
            child.kill()
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _gone(procs) -> bool:
    return all(not p.is_running() or p.status() == psutil.STATUS_ZOMBIE for p in procs)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_stop_signal_to_the_demo_window_stops_its_simulator(demo_window, signum):
    proc, children = demo_window
    proc.send_signal(signum)
    assert proc.wait(timeout=20) == 0, proc.stderr.read().decode(errors="replace")
    _wait(lambda: _gone(children), 10, "the simulator to stop")
    assert b"Traceback" not in proc.stderr.read()


def test_a_killed_demo_window_leaves_no_simulator_behind(demo_window):
    proc, children = demo_window
    proc.kill()
    proc.wait(timeout=10)
    # Re-parented, the simulator notices within about half a second and shuts down cleanly.
    _wait(lambda: _gone(children), 10, "the orphaned simulator to stop by itself")
