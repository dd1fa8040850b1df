"""Delivery failures go to someone who can act on them (issue 16, item 18): an agent's indicator
counts only their own results, says what it counts and opens the list; other agents' failures
(an RFO e-mail, a ticket) go to the team leader's and the administrator's windows, with resend."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.deliveries import DeliveryRefused, delivery_totals, owed_deliveries, resend_delivery
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import AuditEntry, OutboxMessage
from tests.integration.supervision.seed import as_user, seed, utc


@pytest.fixture
def world(tmp_path):
    """The supervision day, plus a failed RFO e-mail of b1's (team B) and a failed status message of
    no result.  Already there: a1's MyCX result failed, a1's, a2's and b1's agree results waiting."""
    url = f"sqlite:///{tmp_path / 'deliveries.db'}"
    upgrade(url)
    db = Database(url)
    seeded = seed(db)
    with db.session() as s:
        s.add(OutboxMessage(result_id=seeded.results["b1_agr"], destination="email", idempotency_key="rfo-b1",
                            payload={"template": "rfo"}, status="failed", attempts=5, created_at=utc(2, 30),
                            last_error="550 mailbox unavailable"))
        s.add(OutboxMessage(result_id=None, destination="mycx_status", idempotency_key="se-1", payload={},
                            status="failed", attempts=3, created_at=utc(2, 40), last_status_code=422,
                            last_error="ticket unknown"))
        failed_a1 = s.scalar(select(OutboxMessage).where(OutboxMessage.status == "failed",
                                                         OutboxMessage.result_id == seeded.results["a1_fin"]))
        failed_a1.last_status_code, failed_a1.last_error = 400, "reason_code tidak dikenal MyCX"
    yield db, seeded
    db.dispose()


def test_an_agents_indicator_counts_the_deliveries_of_their_own_results_only(world):
    db, seeded = world
    a2 = delivery_totals(as_user(db, seeded, "a2"))
    assert (a2.pending, a2.failed) == (1, 0)          # b1's RFO e-mail and a1's failure are not a2's to see
    a1 = delivery_totals(as_user(db, seeded, "a1"))
    assert (a1.pending, a1.failed) == (1, 1)
    everything = delivery_totals(as_user(db, seeded, "a2"), everyone=True)
    assert everything.failed == 3                      # the help desk's diagnostics still see the whole PC


def test_the_indicator_says_what_it_counts_and_a_click_asks_for_the_list(qtbot):
    from app.views.desk.agent_bar import AgentBar
    bar = AgentBar("Siti · Agen")
    qtbot.addWidget(bar)
    bar.show()
    bar.show_outbox(2, 1)
    assert "2 waiting, 1 failed" in bar.outbox.toolTip() and "team leader" in bar.outbox.toolTip()
    with qtbot.waitSignal(bar.outbox_clicked, timeout=1000):
        qtbot.mouseClick(bar.outbox, Qt.MouseButton.LeftButton)


def test_the_agents_list_shows_their_own_deliveries_with_the_error_and_no_resend(qtbot, world):
    from app.views.deliveries import DeliveriesDialog
    db, seeded = world
    dialog = DeliveriesDialog(as_user(db, seeded, "a1"))
    qtbot.addWidget(dialog)
    panel = dialog.panel
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=5000)
    first = panel.model.rows[0]
    assert first.status == "failed" and first.destination == "mycx"       # failed first
    error = panel.model.data(panel.model.index(0, 6))
    assert error == "HTTP 400: reason_code tidak dikenal MyCX"
    assert {r.agent_id for r in panel.model.rows} == {seeded.users["a1"]}
    assert not panel.resend_button.isVisibleTo(dialog) and not panel.resend_all_button.isVisibleTo(dialog)
    assert "1 of them failed" in panel.count.text()


def test_the_team_leader_sees_the_teams_failures_and_resends_one(qtbot, world):
    from app.views.teamleader import TeamLeaderWindow
    db, seeded = world
    window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=60000)
    qtbot.addWidget(window)
    panel = window.deliveries
    qtbot.waitUntil(lambda: panel.model.total == 3, timeout=5000)       # a1's failure, a1's and a2's waiting
    assert {r.destination for r in panel.model.rows} == {"mycx"}          # not team B's RFO e-mail
    assert panel.resend_button.isVisibleTo(window) and panel.resend_all_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.resend_button.isEnabled()
    with qtbot.waitSignal(panel.resent, timeout=5000) as resent:
        panel.resend_button.click()
    assert resent.args == [1]
    qtbot.waitUntil(lambda: all(r.status == "pending" for r in panel.model.rows), timeout=5000)
    with db.session() as s:
        assert s.scalars(select(AuditEntry.action)).all() == ["outbox.resend"]


def test_the_administrator_sees_every_failure_also_without_a_result_and_resends_all(qtbot, world):
    from app.views.admin import AdminWindow
    db, seeded = world
    window = AdminWindow(as_user(db, seeded, "admin1"))
    qtbot.addWidget(window)
    panel = window.deliveries
    qtbot.waitUntil(lambda: panel.model.total == 6, timeout=5000)
    failed = [r for r in panel.model.rows if r.status == "failed"]
    assert {r.destination for r in failed} == {"mycx", "email", "mycx_status"}
    assert [r.status for r in panel.model.rows[:3]] == ["failed"] * 3
    with qtbot.waitSignal(panel.resent, timeout=5000) as resent:
        panel.resend_all_button.click()
    assert resent.args == [3]


def test_resending_is_for_the_team_leader_of_that_team_and_the_administrator(world):
    db, seeded = world
    with db.session() as s:
        rfo = s.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == "rfo-b1"))
    with pytest.raises(DeliveryRefused):
        resend_delivery(as_user(db, seeded, "tl_a"), rfo)                 # team B's
    with pytest.raises(PermissionError):
        resend_delivery(as_user(db, seeded, "a1"), rfo)                   # an agent cannot
    assert resend_delivery(as_user(db, seeded, "tl_b"), rfo) == 1
    rows, total = owed_deliveries(as_user(db, seeded, "tl_b"))
    assert total == 2 and {r.destination for r in rows} == {"mycx", "email"}
