"""The composition root: builds the running Sambung from settings and flags.

Opens (and migrates) the database, builds the contract clients, starts the
outbox worker and the softphone, and stops them all once — on window close,
Ctrl+C or an error.  Shared by the window (app.views.main) and the headless soak.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.platform.config import Settings
from app.core.context import AppContext
from app.core.events import Changes, post
from app.domain.clock import SystemClock
from app.domain.reasons import ReasonCatalogue
from app.store.db import Database, DatabaseUrlError

__all__ = ["Runtime", "DatabaseUrlError"]

if TYPE_CHECKING:
    from app.core.phone import Phone

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    ctx: AppContext
    demo: Any = None
    _stopped: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, settings: Settings, db_url: str | None = None, demo: bool = False) -> "Runtime":
        from app.store.schema_version import needs_upgrade

        demo_env = None
        if demo:
            from app.core.demo import DemoEnvironment
            demo_env = DemoEnvironment.start(settings)
        url = db_url or settings.get("database_url") or None
        database = Database(url)
        database.check()
        if needs_upgrade(database):
            from app.store.migrate import upgrade
            upgrade(database)
        clock = SystemClock()
        if demo_env is not None:
            demo_env.seed(database, clock.now())
        ctx = AppContext(database=database, settings=settings, clock=clock,
                         catalogue=ReasonCatalogue.default(), demo=demo)
        return cls(ctx, demo_env)

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
        from app.services.destinations import senders_from_settings
        from app.services.outbox_worker import OutboxWorker
        # Its own clients: the worker's threads never share a requests.Session with the bill lookups.
        worker = OutboxWorker(self.ctx.database, senders_from_settings(self.ctx.settings), clock=self.ctx.clock)
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
        self.ctx.database.dispose()
