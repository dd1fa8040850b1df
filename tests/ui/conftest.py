"""UI fixtures: a migrated SQLite world, the stand-in server, and a context wired like the app's."""

from __future__ import annotations

import pytest

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.store.db import Database
from app.store.migrate import upgrade
from tests.fixtures.qt_loop import finish_closing_windows
from tests.fixtures.world import DAYTIME, seed_world


@pytest.fixture
def ui_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


@pytest.fixture
def ui_ctx(ui_db, standin):
    """An agent's context against the stand-in; the phone is added by tests that dial."""
    from app.core.runtime import Runtime
    ids = seed_world(ui_db)
    settings = Settings()
    for key in ("ipayment_url", "mycx_url", "tamara_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    settings.set("api.read_timeout", 2.0)
    ctx = AppContext(database=ui_db, settings=settings, clock=FrozenClock(DAYTIME),
                     catalogue=ReasonCatalogue.default(),
                     user=CurrentUser(ids["agent1"], "agent1", "Siti Rahayu", "agent", None))
    runtime = Runtime(ctx)
    runtime._build_clients()
    ctx.services["ids"] = ids
    yield ctx
    finish_closing_windows()
    runtime.stop()
