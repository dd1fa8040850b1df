"""Desk use-case fixtures: the hand-made world on each back-end, a frozen clock, contexts per agent."""

from __future__ import annotations

import pytest

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from tests.fixtures.world import DAYTIME, seed_world

@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(DAYTIME)


@pytest.fixture
def world(database):
    return seed_world(database)


@pytest.fixture
def make_ctx(database, clock, world):
    def make(username: str = "agent1") -> AppContext:
        user = CurrentUser(world[username], username, username, "agent", None)
        return AppContext(database=database, settings=Settings(), clock=clock,
                          catalogue=ReasonCatalogue.default(), user=user)
    return make
