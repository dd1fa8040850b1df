"""The team leader's "Held" tab: a crashed desk's call shows as overdue, and one click
releases it to the queue or hands it to another agent of the team."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import Customer, WorkItem
from app.store.queue import WorkQueue
from tests.integration.supervision.seed import NOW, as_user, seed


@pytest.fixture
def held_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'held.db'}"
    upgrade(url)
    db = Database(url)
    seeded = seed(db)
    with db.session() as s:
        items = [WorkItem(customer=Customer(account_number=f"12299000000{i}", name=name, region="WIB"),
                          program="CT0", state="new") for i, name in enumerate(("Rina Crash", "Sari Klaim"))]
        s.add_all(items)
        s.flush()
        crashed, claimed = (w.id for w in items)
    queue = WorkQueue(db)
    queue.claim(seeded.users["a1"], crashed, NOW - timedelta(hours=2))
    queue.transition(crashed, seeded.users["a1"], "in_call", claim_expires_at=None)
    queue.claim(seeded.users["a2"], claimed, NOW - timedelta(minutes=3))
    yield db, seeded, crashed, claimed
    db.dispose()


def state(db, item_id):
    with db.session() as s:
        w = s.get(WorkItem, item_id)
        return w.state, w.claimed_by_id, w.assigned_agent_id


def test_held_tab_shows_the_crashed_call_and_releases_or_reassigns_it(qtbot, held_db):
    from app.views.teamleader.held_tab import HeldTab
    db, seeded, crashed, claimed = held_db
    tab = HeldTab(as_user(db, seeded, "tl_a"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.agents.count() > 0, timeout=5000)
    model = tab.model
    assert [model.index(r, 3).data() for r in range(2)] == ["Rina Crash", "Sari Klaim"]
    assert model.index(0, 0).data() == "2 j 00 m" and model.index(0, 2).data() == "Ayu Lestari"
    assert model.index(0, 5).data() == "expired" and model.index(1, 5).data() == "running"
    assert "1" in tab.summary.text()

    tab.table.selectRow(0)
    tab.release_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert state(db, crashed) == ("new", None, None)

    tab.table.selectRow(0)
    tab.agents.setCurrentIndex(tab.agents.findText("Ayu Lestari"))
    tab.reassign_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    assert state(db, claimed) == ("new", None, seeded.users["a1"])
    assert tab.summary.text() == "Nobody holds a customer right now."


def test_team_leader_window_shows_the_held_panel_beside_its_tabs(qtbot, held_db):
    from app.views.teamleader import TeamLeaderWindow
    db, seeded, _crashed, _claimed = held_db
    window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=60000)
    qtbot.addWidget(window)
    window.show()
    assert window.held_dock.widget() is window.held and window.held_dock.isVisible()
    qtbot.waitUntil(lambda: window.held.model.rowCount() == 2, timeout=5000)
    window.dashboard.timer.stop()
