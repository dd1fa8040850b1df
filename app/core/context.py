"""What every use case needs to know about this running Sambung: the database,
the settings, the clock, the reason catalogue, who is logged in, where blocking work
runs (`io`), and the one notice of what a write changed (`changed`).

Built once at start-up (app.core.runtime / the CLI) and passed down; screens never
build their own database or read settings files themselves.
"""

from __future__ import annotations

import threading
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.events import Changes, Fact
from app.domain.roles import Permission, require
from app.domain.text import Text, TextError

if TYPE_CHECKING:
    from app.core.phone import Phone
    from app.domain.clock import Clock
    from app.domain.reasons import ReasonCatalogue
    from app.platform.config import Settings
    from app.store.db import Database


IO_THREADS = 4


def _io_pool() -> Executor:
    # Database writes, HTTP look-ups and the phone's start: never on the event loop's thread.
    pool = ThreadPoolExecutor(max_workers=IO_THREADS, thread_name_prefix="sambung-io")
    # Every thread now, not one more whenever the pool happens to be busy during the day: each new
    # thread brings its own malloc arena, and the soak's memory figure jumped with them.
    all_started = threading.Barrier(IO_THREADS)
    for _ in range(IO_THREADS):
        pool.submit(all_started.wait)
    return pool


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    full_name: str
    role: str            # app.domain.roles.Role value
    team_id: int | None


@dataclass
class AppContext:
    database: "Database"
    settings: "Settings"
    clock: "Clock"
    catalogue: "ReasonCatalogue"
    user: CurrentUser | None = None
    demo: bool = False
    services: dict = field(default_factory=dict)   # named clients (ipayment, mycx, ...), the outbox worker
    phone: "Phone | None" = None
    io: Executor = field(default_factory=_io_pool)
    changed: Fact[Changes] = field(default_factory=lambda: Fact("changed"))


class NotLoggedIn(TextError, PermissionError):
    """A use case was asked for without a logged-in user."""

    def __init__(self) -> None:
        super().__init__(Text("Belum login.", "Not logged in."))


def acting(ctx: AppContext, permission: Permission) -> CurrentUser:
    """The logged-in user, once they are allowed `permission` (PermissionError otherwise)."""
    user = ctx.user
    if user is None:
        raise NotLoggedIn()
    require(user.role, permission)
    return user
