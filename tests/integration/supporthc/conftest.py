"""Support HC fixtures: the Tier-2 world plus a Support HC user, contexts per user on a frozen clock."""

from __future__ import annotations

import pytest

from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.platform.config import Settings
from app.store.models import User
from tests.fixtures.world import DAYTIME
from tests.integration.tier2.world import USERS, seed_tier2

ROLES = dict((u, r) for u, _n, r in USERS) | {"hc.dewi": "support_hc"}


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(DAYTIME)


@pytest.fixture
def hcworld(database):
    ids = seed_tier2(database)
    with database.session() as s:
        hc = User(username="hc.dewi", full_name="Dewi Support HC", role="support_hc")
        s.add(hc)
        s.flush()
        ids["hc.dewi"] = hc.id
    return ids


@pytest.fixture
def make_ctx(database, clock, hcworld):
    def make(username: str, settings: Settings | None = None) -> AppContext:
        user = CurrentUser(hcworld[username], username, username, ROLES[username], None)
        return AppContext(database=database, settings=settings or Settings(), clock=clock,
                          catalogue=ReasonCatalogue.default(), user=user)
    return make
