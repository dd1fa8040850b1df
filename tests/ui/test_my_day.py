"""The agent's own day on the desk (issue 16, item 15): today's figures as the team leader reads
them, time in each state with the pauses by reason, the shift timer from the day's first state
(a restart keeps it), "my callbacks" with due times (a double-click opens the customer), the call
script of the customer's program (the site's own file wins), and the TL's time-in-state columns."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.core.desk.desk import Desk
from app.core.desk.my_day import my_day
from app.views.desk.window import AgentDeskWindow


def _a_morning(ctx) -> dict:
    """08:00 WIB ready, a 15-minute prayer pause, a call with a callback promised for 14:00 WIB."""
    ids, clock, desk = ctx.services["ids"], ctx.clock, Desk(ctx)
    desk.set_agent_state("ready")
    clock.advance(timedelta(minutes=30))
    desk.set_agent_state("not_ready", "prayer")
    clock.advance(timedelta(minutes=15))
    desk.set_agent_state("ready")
    clock.advance(timedelta(minutes=5))
    assert desk.claim(ids["item1"])
    started = desk.start_attempt(ids["item1"], ids["phone1"])
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                        talk_seconds=40, recording_path=None, recording_error=None, suggested_reason=None)
    due = clock.now() + timedelta(hours=4)
    saved = desk.save_result(ids["item1"], started.attempt_id, "CT-CBK", {"callback_at": due.isoformat()})
    return {"due": saved.decision.next_attempt_at, "item": ids["item1"]}


def test_my_day_counts_what_the_team_leader_counts_and_lists_my_callback(ui_ctx):
    start = ui_ctx.clock.now()
    morning = _a_morning(ui_ctx)
    day = my_day(ui_ctx)
    assert (day.figures.calls, day.figures.contacted) == (1, 1)
    assert day.time_in_state["not_ready:prayer"] == 15 * 60
    assert day.time_in_state["ready"] == 35 * 60
    assert day.shift_started_at == start
    assert [(c.item_id, c.due_at, c.overdue) for c in day.callbacks] == [(morning["item"], morning["due"], False)]
    ui_ctx.clock.advance(timedelta(hours=5))
    assert my_day(ui_ctx).callbacks[0].overdue


def test_the_desk_shows_my_day_the_shift_and_opens_a_callback(qtbot, ui_ctx):
    morning = _a_morning(ui_ctx)
    ui_ctx.clock.set(morning["due"])                     # the callback is due now
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    panel = desk.my_day
    qtbot.waitUntil(lambda: panel.callbacks.rowCount() == 1, timeout=5000)
    assert panel.fields["calls"].text() == "1" and panel.fields["paused"].text() == "0:15"
    assert "0:15" in panel.fields["paused"].toolTip()
    assert desk.bar.shift.text().endswith("4:50"), "08:00 → 12:50, from the day's first state"
    assert panel.callbacks.item(0, 0).toolTip(), "a due callback says so"
    desk.side_tabs.setCurrentIndex(desk.side_tabs.count() - 1)     # the agent opens the "My day" tab
    qtbot.waitUntil(panel.callbacks.isVisible)
    with qtbot.waitSignal(desk.item_opened, timeout=5000) as opened:
        rect = panel.callbacks.visualItemRect(panel.callbacks.item(0, 1))
        qtbot.mouseClick(panel.callbacks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.callbacks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0] == morning["item"]
    qtbot.waitUntil(lambda: "Rp" in desk.script.toPlainText(), timeout=5000)
    text = desk.script.toPlainText()
    assert desk.card_data.name in text and "{nama}" not in text and ui_ctx.user.full_name in text


def test_a_site_script_replaces_the_shipped_one(qtbot, ui_ctx, tmp_path):
    (tmp_path / "CT0.txt").write_text("Naskah situs untuk {nama} — {kata_salah}", encoding="utf-8")
    (tmp_path / "PRANPC.txt").write_text("Naskah situs untuk {nama} — {kata_salah}", encoding="utf-8")
    ui_ctx.settings.set("desk.call_scripts_dir", str(tmp_path))
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    with qtbot.waitSignal(desk.item_opened, timeout=5000):
        desk.next_item()
    qtbot.waitUntil(lambda: desk.script.toPlainText().startswith("Naskah situs"), timeout=5000)
    assert desk.script.toPlainText() == f"Naskah situs untuk {desk.card_data.name} — {{kata_salah}}", \
        "an unknown placeholder stays as written"


def test_the_team_leader_sees_time_in_state_and_pauses(qtbot, ui_ctx):
    from app.core.context import AppContext, CurrentUser
    from app.views.teamleader.dashboard_tab import DashboardTab
    from app.store.models import User
    _a_morning(ui_ctx)
    with ui_ctx.database.session() as s:
        team_id = s.get(User, ui_ctx.user.id).team_id
        leader = User(username="tl1", full_name="Rina TL", role="team_leader", team_id=team_id)
        s.add(leader)
        s.flush()
        tl_id = leader.id
    tl = AppContext(database=ui_ctx.database, settings=ui_ctx.settings, clock=ui_ctx.clock,
                    catalogue=ui_ctx.catalogue, user=CurrentUser(tl_id, "tl1", "Rina TL", "team_leader", team_id))
    tab = DashboardTab(tl, refresh_ms=60000)
    qtbot.addWidget(tab)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=5000)
    rows = {tab.model.index(r, 0).data(): r for r in range(tab.model.rowCount())}
    row = rows[ui_ctx.user.full_name]
    assert tab.model.index(row, 3).data() == "0:15"
    assert "0:15" in tab.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert tab.model.index(row, 2).data() == "0:05", "ready again since five minutes"
