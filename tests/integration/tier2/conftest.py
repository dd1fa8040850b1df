"""Tier-2 fixtures: a small callback world (one Tier-2 agent, two TLs, an agent; Datin, IndiHome,
POTS tickets), contexts per user on a frozen clock, and a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from tests.fixtures.postgres import free_port
from tests.fixtures.world import DAYTIME
from tests.integration.tier2.world import USERS, seed_tier2

@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(DAYTIME)


@pytest.fixture
def t2world(database):
    return seed_tier2(database)


@pytest.fixture
def make_ctx(database, clock, t2world):
    def make(username: str = "t2.ayu", settings: Settings | None = None) -> AppContext:
        role = next(r for u, _n, r in USERS if u == username)
        user = CurrentUser(t2world[username], username, username, role, None)
        return AppContext(database=database, settings=settings or Settings(), clock=clock,
                          catalogue=ReasonCatalogue.default(), user=user)
    return make


@dataclass
class SmtpSink:
    """A local SMTP server on a free port; `messages` holds what it accepted (email.message.Message)."""

    port: int
    messages: list = field(default_factory=list)
    controller: object | None = None
    login: tuple[str, str] | None = None          # (username, password) the server accepts
    arrived: threading.Event = field(default_factory=threading.Event)

    def start(self) -> "SmtpSink":
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Message

        sink = self

        class Collect(Message):
            def handle_message(self, message) -> None:
                sink.messages.append(message)
                sink.arrived.set()

        kw = {}
        if self.login is not None:
            from aiosmtpd.smtp import AuthResult

            def authenticate(_server, _session, _envelope, _mechanism, auth_data):
                def text(v):
                    return v.decode() if isinstance(v, bytes) else str(v)
                ok = (text(auth_data.login), text(auth_data.password)) == sink.login
                return AuthResult(success=ok, handled=False)
            kw = {"authenticator": authenticate, "auth_require_tls": False}
        self.controller = Controller(Collect(), hostname="127.0.0.1", port=self.port, ready_timeout=5, **kw)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_sink():
    """Factory: smtp_sink(start=True) -> SmtpSink on its own free port; stopped at the end."""
    sinks: list[SmtpSink] = []

    def make(start: bool = True, login: tuple[str, str] | None = None) -> SmtpSink:
        sink = SmtpSink(free_port(), login=login)
        sinks.append(sink)
        return sink.start() if start else sink
    yield make
    for sink in sinks:
        sink.stop()
