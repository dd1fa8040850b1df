"""Dashboard figures against numbers counted by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.supervision import team_dashboard
from tests.integration.supervision.seed import DAY, EXPECTED, as_user


def _check(fig, expected):
    for name, value in expected.items():
        got = getattr(fig, name)
        if isinstance(value, float):
            assert got == pytest.approx(value), name
        else:
            assert got == value, name


def test_team_leader_dashboard_matches_hand_counted_team_day(database, seeded):
    dash = team_dashboard(as_user(database, seeded, "tl_a"), DAY, DAY)
    by_name = {row.username: row for row in dash.agents}
    assert set(by_name) == {"a1", "a2", "t2a"}          # team B's agent is not shown
    _check(by_name["a1"].figures, EXPECTED["a1"])
    _check(by_name["a2"].figures, EXPECTED["a2"])
    _check(dash.team, EXPECTED["team"])
    assert dash.team.avg_talk_seconds == pytest.approx((120 + 60 + 200) / 3)
    assert by_name["a1"].figures.contacted_rate == pytest.approx(2 / 3)
    assert by_name["a1"].figures.agree_rate == pytest.approx(1 / 2)
    assert by_name["a1"].figures.attempts_per_item == pytest.approx(1.5)
    assert by_name["t2a"].figures.calls == 0 and by_name["t2a"].figures.contacted_rate is None


def test_dashboard_trend_mix_states_and_outbox_are_per_team(database, seeded):
    dash = team_dashboard(as_user(database, seeded, "tl_a"), DAY, DAY)
    assert dash.by_hour[8] == 2 and dash.by_hour[9] == 3 and sum(dash.by_hour) == 5   # WIB hours
    assert dict(dash.reason_mix) == {"CT-AGR": 2, "CT-FIN": 1, "NC-INA": 1, "NC-RNA": 1}
    assert dash.reason_mix[0] == ("CT-AGR", 2)
    states = {row.username: row.state for row in dash.agents}
    assert states["a1"].state == "ready"
    assert (states["a2"].state, states["a2"].pause_reason) == ("not_ready", "break")
    assert states["t2a"].state == "logged_out"
    assert (dash.outbox.pending, dash.outbox.failed) == (2, 1)          # team B's pending row excluded
    assert dash.outbox.oldest_pending_seconds == pytest.approx(3600)


def test_dashboard_range_includes_yesterday_only_when_asked(database, seeded):
    ctx = as_user(database, seeded, "tl_a")
    two_days = team_dashboard(ctx, date(2026, 11, 24), DAY)
    a1 = {row.username: row for row in two_days.agents}["a1"].figures
    assert (a1.calls, a1.results) == (4, 4)
    # the superseded revision (is_current False) never counts, even in its own day
    a2 = {row.username: row for row in two_days.agents}["a2"].figures
    assert a2.results == 2 and a2.calls == 3


def test_admin_dashboard_sees_every_team(database, seeded):
    dash = team_dashboard(as_user(database, seeded, "admin1"), DAY, DAY)
    assert {"a1", "a2", "b1"} <= {row.username for row in dash.agents}
    assert dash.team.agree == 3 and dash.outbox.pending == 3
