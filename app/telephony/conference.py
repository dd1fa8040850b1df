"""The three-way conference: wiring two call legs to each other on pjsua's conference bridge.

The agent's microphone and speaker are connected to each leg by the leg itself
(app.telephony.call); this module adds what makes it a conference — the customer's
port transmits to the team leader's and back, and the team leader is also heard on the
customer's recording (mixed audio is what QC listens to).  pjsua restarts a call's
stream on hold and resume, which drops every connection of its port, so `link` is
called again each time a leg's audio comes up.  SIP thread only; it never places,
holds or ends a call (app.telephony.handover decides that).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

import pjsua2 as pj

# A leg is an app.telephony.call.CallSession (not imported: call.py imports this module).
Leg = Any

log = logging.getLogger(__name__)


def quietly(action: Callable[[], Any]) -> None:
    """A bridge (dis)connection whose port may already be gone."""
    try:
        action()
    except pj.Error as exc:
        log.debug("bridge change skipped: %s", exc.reason)


def join(a: Leg, b: Leg) -> None:
    a.partner, b.partner = b, a
    link(a)
    for leg in (a, b):
        leg.update_snapshot(conference=True)


def split(session: Leg) -> None:
    other = session.partner
    if other is None:
        return
    session.partner = other.partner = None
    for a, b in ((session, other), (other, session)):
        if a.audio is not None and b.audio is not None:
            quietly(lambda a=a, b=b: a.audio.stopTransmit(b.audio))
            if b.recorder is not None:
                quietly(lambda a=a, b=b: a.audio.stopTransmit(b.recorder))
    for leg in (session, other):
        if not leg.ended:
            leg.update_snapshot(conference=False)


def link(session: Leg) -> None:
    """Both legs' audio is up: each hears the other (again, after a stream restart)."""
    other = session.partner
    if other is None or not (session.media_active and other.media_active):
        return
    for a, b in ((session, other), (other, session)):
        a.audio.startTransmit(b.audio)
        if b.recorder is not None:
            a.audio.startTransmit(b.recorder)


def hold(session: Leg) -> None:
    """`session` was put on hold: its partner is no longer sent into it."""
    other = session.partner
    if other is not None and other.audio is not None and session.audio is not None:
        quietly(lambda: other.audio.stopTransmit(session.audio))
