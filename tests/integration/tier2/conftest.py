"""Tier-2 fixtures: a small callback world (one Tier-2 agent, two TLs, an agent; Datin, IndiHome,
POTS tickets), contexts per user on a frozen clock, and a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from app.config import Settings
from app.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.store.models import Customer, Phone, Team, Ticket, User, WorkItem
from tests.fixtures.postgres import free_port
from tests.fixtures.world import DAYTIME

USERS = (("t2.ayu", "Ayu Lestari", "tier2"), ("tl.rina", "Rina Wulandari", "team_leader"),
         ("tl.hendra", "Hendra Gunawan", "team_leader"), ("agent1", "Siti Rahayu", "agent"))

# (key, ticket number, service, segment, ticket type, e-mail)
TICKETS = (
    ("datin", "IN100000001", "DATIN", "DES", "repaired_fault", "it@bankmaju.co.id"),
    ("indihome", "IN100000002", "INDIHOME", "DCS", "repaired_fault", "budi@example.id"),
    ("pots", "IN100000003", "POTS", "DBS", "repaired_fault", None),
    ("dcs", "IN100000004", "INDIHOME", "DCS", "repaired_fault", None),
    ("dbs", "IN100000005", "DATIN", "DBS", "repaired_fault", None),
)


def seed_tier2(database, tickets=TICKETS) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.session() as s:
        team = Team(name="Tier-2 Bandung")
        s.add(team)
        s.flush()
        for username, name, role in USERS:
            user = User(username=username, full_name=name, role=role, team_id=team.id)
            s.add(user)
            s.flush()
            ids[username] = user.id
        for i, (key, number, service, segment, ttype, email) in enumerate(tickets, start=1):
            cust = Customer(account_number=f"1311000{i:05d}", name=f"Pelanggan {key.upper()}", segment=segment,
                            region="WIB", email=email, address="Jl. Braga No. 10, Bandung")
            cust.phones = [Phone(e164=f"+62812700{i:05d}", label="seluler")]
            s.add(cust)
            s.flush()
            item = WorkItem(customer_id=cust.id, program="TIER2", priority=10 * i, external_ref=number,
                            source="test")
            s.add(item)
            s.flush()
            ticket = Ticket(work_item_id=item.id, ticket_number=number, ticket_type=ttype, service=service,
                            rfo_cause="Kabel fiber putus di ODP", rfo_repair="Penyambungan ulang kabel fiber",
                            repeat_reports=1)
            s.add(ticket)
            s.flush()
            ids[key] = item.id
            ids[f"{key}_ticket"] = ticket.id
            ids[f"{key}_phone"] = cust.phones[0].id
    return ids


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


def smtp_settings(port: int, **extra) -> Settings:
    settings = Settings()
    settings.set("smtp.host", "127.0.0.1")
    settings.set("smtp.port", port)
    settings.set("smtp.starttls", False)
    settings.set("smtp.sender", "tier2@sambung.telkom.local")
    settings.set("smtp.timeout", 2.0)
    for key, value in extra.items():
        settings.set(key, value)
    return settings
