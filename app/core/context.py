"""What every use case needs to know about this running Sambung: the database,
the settings, the clock, the reason catalogue and who is logged in.

Built once at start-up (app.gui / the CLI) and passed down; screens never build
their own database or read settings files themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.domain.roles import Permission, require

if TYPE_CHECKING:
    from app.platform.config import Settings
    from app.domain.clock import Clock
    from app.domain.reasons import ReasonCatalogue
    from app.store.db import Database


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
    services: dict = field(default_factory=dict)   # named clients (ipayment, mycx, ...), phone, outbox worker


def acting(ctx: AppContext, permission: Permission) -> CurrentUser:
    """The logged-in user, once they are allowed `permission` (PermissionError otherwise)."""
    user = ctx.user
    if user is None:
        raise PermissionError("Belum login.")
    require(user.role, permission)
    return user
