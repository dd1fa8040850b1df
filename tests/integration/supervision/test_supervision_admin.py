"""Admin: users and teams are added, changed and deactivated through the core, with audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core import supervision as sv
from app.store.models import AuditEntry, User
from tests.integration.supervision.seed import as_user


def test_admin_adds_user_changes_role_and_team_then_deactivates_with_audit(database, seeded):
    ctx = as_user(database, seeded, "admin1")
    team_c = sv.add_team(ctx, "Tim C")
    uid = sv.add_user(ctx, "Agent9", "Agen Sembilan", "agent", seeded.teams["A"])
    sv.set_role(ctx, uid, "tier2")
    sv.set_team(ctx, uid, team_c)
    sv.deactivate_user(ctx, uid)
    view = {u.username: u for u in sv.list_users(ctx)}["agent9"]
    assert (view.role, view.team_name, view.active) == ("tier2", "Tim C", False)
    assert {t.name: t.members for t in sv.list_teams(ctx)}["Tim C"] == 0     # inactive users do not count
    with database.session() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["team.add", "user.add", "user.set_role", "user.set_team", "user.deactivate"]
        assert s.get(User, uid).username == "agent9"


def test_admin_input_errors_are_refused_with_a_message(database, seeded):
    ctx = as_user(database, seeded, "admin1")
    with pytest.raises(sv.SupervisionError):
        sv.add_user(ctx, "a1", "Duplikat", "agent")
    with pytest.raises(sv.SupervisionError):
        sv.add_user(ctx, "baru", "Baru", "boss")
    with pytest.raises(sv.SupervisionError):
        sv.deactivate_user(ctx, seeded.users["admin1"])
    with pytest.raises(sv.SupervisionError):
        sv.set_team(ctx, seeded.users["a1"], 999)
