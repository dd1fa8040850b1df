"""The stand-in server of the HTTP contract, as `sambung standin` starts it on its own.

The demo starts the same server inside its back-ends (app.core.demo).  For the demo,
tests and trainings only: it must not be used as a real back-end.
"""

from __future__ import annotations

from app.services.standin.faults import MODES as FAULT_MODES

__all__ = ["FAULT_MODES", "standin_server"]


def standin_server(**options):
    """A StandinServer, not started: host, port, token, seed, latency_ms, fail_rate, mode,
    hold_ms, state_file, tls."""
    from app.services.standin.server import StandinServer
    return StandinServer(**options)
