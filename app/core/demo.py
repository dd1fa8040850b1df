"""`sambung --demo`: everything a new user needs to try Sambung on one machine.

Starts the stand-in server of the HTTP contract on a free loopback port, the
local SIP customer simulator (a separate pjsua2 process), and a demo SQLite
database seeded with sample users and prospects; points the settings at them
(in memory only — the user's settings file is not touched).  `sambung
demo-backends` and the frozen build's `--simulator` reach these pieces through
here too (`sambung standin`: app.core.standin).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import subprocess
from dataclasses import dataclass, field

from app.platform import paths
from app.platform.config import Settings
from app.platform.own_program import own_program
from app.platform.secrets import set_session_secret

log = logging.getLogger(__name__)


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def simulator_command(port: int) -> list[str]:
    # --parent-pid: it ends when we do, even killed
    return own_program("--simulator", "app.telephony.simulator", "--port", str(port), "--parent-pid", str(os.getpid()))


def run_simulator(argv: list[str]) -> int:
    """The customer simulator in this process (what a frozen build runs for `--simulator`)."""
    from app.telephony.simulator import main
    return int(main(argv) or 0)


@dataclass
class DemoEnvironment:
    database_url: str
    token: str = ""
    standin: object | None = None
    simulator: subprocess.Popen | None = None
    simulator_port: int = 0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, settings: Settings, with_simulator: bool = True) -> "DemoEnvironment":
        """`--demo`: back-ends on free ports, and the settings pointed at them (in memory)."""
        folder = paths.data_dir() / "demo"
        folder.mkdir(parents=True, exist_ok=True)
        env = cls.launch(f"sqlite:///{folder / 'sambung-demo.db'}", with_simulator=with_simulator)
        env.apply_to(settings)
        return env

    @classmethod
    def launch(cls, database_url: str, *, with_simulator: bool = True, standin_port: int = 0,
               simulator_port: int = 0, token: str | None = None, host: str = "127.0.0.1") -> "DemoEnvironment":
        """Start the stand-in and the simulator; port 0 = a free one."""
        from app.services.standin.server import StandinServer

        env = cls(database_url=database_url, token=token or secrets.token_urlsafe(24))
        server = StandinServer(port=standin_port, host=host, token=env.token)
        server.start()
        env.standin = server
        if with_simulator:
            env.simulator_port = simulator_port or free_udp_port()
            env.simulator = subprocess.Popen(simulator_command(env.simulator_port),
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             stdin=subprocess.DEVNULL, close_fds=True)
        return env

    def site_values(self) -> dict[str, str]:
        """What a site would set to use these back-ends: the settings keys and their values."""
        values = {f"api.{key}": url for key, url in self.standin.api_settings().items()}
        values["database_url"] = self.database_url
        if self.simulator is not None:
            values.update({"sip.registrar": "", "sip.domain": f"127.0.0.1:{self.simulator_port}",
                           "sip.supervisor_number": "0811000000"})
        return values

    def apply_to(self, settings: Settings) -> None:
        set_session_secret("api_token", self.token)
        for key, value in self.site_values().items():
            settings.set(key, value)
        if self.simulator is not None:
            settings.set("dialing.outside_line_prefix", "")
        settings.set("calling_hours.days", [0, 1, 2, 3, 4, 5, 6])
        settings.set("calling_hours.start", "00:00")
        settings.set("calling_hours.end", "23:59")
        settings.set("service_hours.start", "00:00")
        settings.set("service_hours.end", "23:59")
        self.notes.append("demo: calling and service hours widened to the whole day so the demo works at any "
                          "hour (customers of unknown zone still wait for the hours all three zones share; "
                          "national holidays still need the customer's agreement)")

    def prepare_database(self) -> None:
        """Migrate and seed the demo database on its own (`sambung demo-backends`); DatabaseUrlError
        when it cannot be opened."""
        from app.domain.clock import SystemClock
        from app.store.db import Database
        from app.store.migrate import upgrade
        database = Database(self.database_url)
        try:
            database.check()
            upgrade(database)
            self.seed(database, SystemClock().now())
        finally:
            database.dispose()

    def seed(self, database, now) -> None:
        from app.store.demo_seed import ensure_demo_passwords, seed_demo, seed_rule_examples
        if not seed_demo(database, now):
            with database.session() as s:     # a demo database made before passwords existed
                ensure_demo_passwords(s)
        seed_rule_examples(database, now)
        self._align_bills(database, now)
        self._record_seeded_agree_calls(database)

    @staticmethod
    def _record_seeded_agree_calls(database) -> None:
        """Give the seeded agree calls a recording, so QC has something to listen to in the demo."""
        from sqlalchemy import select

        from app.store.models import CallAttempt, Result
        from app.telephony.prompt_audio import write_prompt
        with database.session() as s:
            attempts = s.scalars(select(CallAttempt).join(Result, Result.attempt_id == CallAttempt.id)
                                 .where(Result.reason_code == "CT-AGR", CallAttempt.recording_path.is_(None)))
            for attempt in attempts:
                path = paths.recordings_dir() / f"attempt-{attempt.id}.wav"
                write_prompt(path, seconds=6.0)
                attempt.recording_path = str(path)

    def _align_bills(self, database, now) -> None:
        """Make the stand-in's i-payment tell the same story as the demo dapros (name, arrears)."""
        from decimal import Decimal

        from sqlalchemy import select

        import app.services.standin.data as data
        from app.store.models import Customer, WorkItem
        if self.standin is None:
            return
        today = now.date()
        with database.session() as s:
            for item, customer in s.execute(select(WorkItem, Customer).join(Customer,
                                                                           Customer.id == WorkItem.customer_id)):
                profile = {"name": customer.name, "address": customer.address or "", "segment": customer.segment,
                           "arrears_months": item.arrears_months if item.program != "TIER2" else 0,
                           "pending_latest": False}
                self.standin.add_account(customer.account_number, **profile)
                bill = data.bill(customer.account_number, today, profile)
                if bill is not None and item.program != "TIER2":
                    item.arrears_amount = Decimal(bill["total_arrears"])

    def stop(self) -> None:
        if self.simulator is not None and self.simulator.poll() is None:
            self.simulator.terminate()
            try:
                self.simulator.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.simulator.kill()
        if self.standin is not None:
            self.standin.stop()


def demo_logins() -> tuple[tuple[tuple[str, str, str], ...], str]:
    """The demo's sample users (username, full name, role) and their shared password, for its login."""
    from app.store.demo_seed import DEMO_PASSWORD, DEMO_USERS
    return tuple((u, n, r.value) for u, n, r, _t in DEMO_USERS), DEMO_PASSWORD
