"""The composition root: builds the running Sambung from settings and flags.

Opens (and migrates) the database, signs a user in and out, builds the contract
clients, starts the outbox worker and the softphone, and stops them all once — on
window close, Ctrl+C or an error.  Shared by the window (app.views.main) and the
headless soak.  On one PC the SQLite file is opened at start and a login checks its
password hash; on a team's PostgreSQL (the site file names host, port and database,
no credential) nothing is opened before the login: each user connects as their own
login role, and logging out closes that connection, the phone and the outbox.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.core.events import Changes, post
from app.domain.clock import SystemClock
from app.domain.reasons import ReasonCatalogue
from app.store.db import Database, DatabaseUrlError, is_postgresql

__all__ = ["Runtime", "DatabaseUrlError"]

if TYPE_CHECKING:
    from app.core.phone import Phone

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    ctx: AppContext
    demo: Any = None
    team_url: str | None = None          # a team's PostgreSQL: each login connects as its user
    _stopped: bool = field(default=False, repr=False)
    _throttle: Any = field(default=None, repr=False)

    @classmethod
    def open(cls, settings: Settings, db_url: str | None = None, demo: bool = False) -> "Runtime":
        from app.store.schema_version import needs_upgrade

        demo_env = None
        if demo:
            from app.core.demo import DemoEnvironment
            demo_env = DemoEnvironment.start(settings)
        url = db_url or settings.get("database_url") or None
        clock = SystemClock()
        if is_postgresql(url) and not demo:
            _refuse_credentials(url)
            ctx = AppContext(database=None, settings=settings, clock=clock,  # type: ignore[arg-type]
                             catalogue=ReasonCatalogue.default(), demo=demo)
            return cls(ctx, demo_env, team_url=url)
        database = Database(url)
        database.check()
        if needs_upgrade(database):
            from app.store.migrate import upgrade
            upgrade(database)
        if demo_env is not None:
            demo_env.seed(database, clock.now())
        ctx = AppContext(database=database, settings=settings, clock=clock,
                         catalogue=ReasonCatalogue.default(), demo=demo)
        return cls(ctx, demo_env)

    # -- who is logged in ---------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> CurrentUser:
        """Check the password (blocking: call it off the GUI thread); the user, or LoginRefused."""
        from app.core import identity
        from app.core.recording_access import remember_login
        if self.team_url is None:
            user = identity.sign_in_local(self.ctx.database, username, password, self.ctx.clock.now())
        else:
            if self._throttle is None:
                self._throttle = identity.LoginThrottle()
            database, user = identity.sign_in_team(self.team_url, username, password, self.ctx.clock.now(),
                                                   self._throttle)
            old, self.ctx.database = self.ctx.database, database
            if old is not None:
                old.dispose()
        # In memory only, for this login: an SMB recording store is reached as this user.
        remember_login(self.ctx, user.username, password)
        return user

    def sign_out(self) -> None:
        """Log out without stopping the program: the phone, the outbox and (team) the user's
        connection end; the next login starts them again."""
        phone, self.ctx.phone = self.ctx.phone, None
        for name, service in (("phone", phone), ("outbox", self.ctx.services.pop("outbox", None))):
            if service is not None:
                try:
                    service.stop()
                except Exception:  # noqa: BLE001 - keep signing out
                    log.exception("stopping %s failed", name)
        self.ctx.user = None
        from app.core.recording_access import forget
        forget(self.ctx)
        if self.team_url is not None and self.ctx.database is not None:
            self.ctx.database.dispose()
            self.ctx.database = None  # type: ignore[assignment]

    def ensure_clients(self) -> None:
        """Build the contract clients once (after the login: importing requests costs start-up time)."""
        if "clients_built" not in self.ctx.services:
            self._build_clients()
            self.ctx.services["clients_built"] = True

    def _build_clients(self) -> None:
        from app.services.callback import CallbackClient
        from app.services.ipayment import IPaymentClient
        from app.services.mycx import MyCXClient
        from app.services.nossa import NossaClient
        from app.services.sephia import SephiaClient
        from app.services.service_status import ServiceStatusClient
        from app.services.tamara import TamaraClient
        s = self.ctx.settings
        for name, cls, key in (("ipayment", IPaymentClient, "ipayment_url"), ("mycx", MyCXClient, "mycx_url"),
                               ("tamara", TamaraClient, "tamara_url"), ("callback", CallbackClient, "callback_url"),
                               ("nossa", NossaClient, "nossa_url"), ("sephia", SephiaClient, "sephia_url"),
                               ("service_status", ServiceStatusClient, "service_status_url")):
            if s.get(f"api.{key}"):
                self.ctx.services[name] = cls.from_settings(s)

    def start_outbox(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Deliver in the background; with an event loop, each delivery is announced on it as
        `Changes(deliveries=True)`, so indicators refresh without polling."""
        if "outbox" in self.ctx.services:
            return
        from app.core.recording_access import recording_store
        from app.platform.desktop import desktop_id
        from app.services.destinations import senders_from_settings
        from app.services.outbox_worker import OutboxWorker
        from app.services.recording_upload import recording_sender
        # Its own clients: the worker's threads never share a requests.Session with the bill lookups.
        from app.services.recording_store import RecordingStoreError
        senders = senders_from_settings(self.ctx.settings)
        try:
            store = recording_store(self.ctx)
        except RecordingStoreError as exc:      # recordings wait in the outbox until it can be reached
            log.warning("recording store not available: %s", exc)
            store = None
        if store is not None:
            senders["recording"] = recording_sender(store)
        worker = OutboxWorker(self.ctx.database, senders, clock=self.ctx.clock, origin=desktop_id())
        if loop is not None:
            changed = self.ctx.changed
            worker.add_listener(lambda _event: post(loop, changed.emit, Changes(deliveries=True)))
        worker.start()
        self.ctx.services["outbox"] = worker

    def start_phone(self, loop: asyncio.AbstractEventLoop) -> "Phone":
        """The desk's phone, starting on the io pool (the window shows "connecting" meanwhile)."""
        from app.core.phone import Phone
        from app.platform.secrets import get_secret
        from app.telephony.events import SipConfig
        phone = Phone(SipConfig.from_settings(self.ctx.settings), get_secret("sip_password"), loop)
        self.ctx.phone = phone
        loop.create_task(phone.start(self.ctx.io))
        return phone

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        phone, self.ctx.phone = self.ctx.phone, None
        for name, service in (("phone", phone), ("outbox", self.ctx.services.pop("outbox", None))):
            if service is not None:
                try:
                    service.stop()
                except Exception:  # noqa: BLE001 - keep stopping the rest
                    log.exception("stopping %s failed", name)
        for name in ("ipayment", "mycx", "tamara", "callback", "nossa", "sephia", "service_status"):
            client = self.ctx.services.pop(name, None)
            if client is not None:
                client.close()
        if self.demo is not None:
            self.demo.stop()
        self.ctx.io.shutdown(wait=False, cancel_futures=True)
        if self.ctx.database is not None:
            self.ctx.database.dispose()


def _refuse_credentials(url: str) -> None:
    """The site file names host, port and database only: a password there is one every PC would hold."""
    from sqlalchemy.engine import make_url
    if make_url(url.replace("postgres://", "postgresql://", 1)).password:
        from app.domain.text import Text
        raise DatabaseUrlError(Text("database_url berisi kata sandi; di mode tim berkas situs hanya memuat host, "
                                    "port dan nama basis data. Setiap pengguna masuk dengan akunnya sendiri "
                                    "(lihat docs/admin.md).",
                                    "database_url holds a password; in team mode the site file names only the "
                                    "host, port and database. Every user logs in with their own account "
                                    "(see docs/admin.md)."))
