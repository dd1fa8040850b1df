import pytest

from app.domain.roles import ROLE_PERMISSIONS, Permission as P, PermissionDenied, Role, has_permission, require


def test_role_values_are_the_stored_strings():
    assert [r.value for r in Role] == ["agent", "tier2", "team_leader", "qc", "admin", "support_hc"]


def test_every_role_has_a_permission_set():
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role,permission", [
    (Role.AGENT, P.WORK_QUEUE), (Role.TIER2, P.WORK_QUEUE), (Role.TEAM_LEADER, P.EXPORT_REASONS),
    (Role.TEAM_LEADER, P.RETURN_RESULT), (Role.TEAM_LEADER, P.SET_SUPER_EMERGENCY), (Role.TEAM_LEADER, P.WORK_QUEUE),
    (Role.QC, P.QC_REVIEW), (Role.QC, P.RETURN_RESULT), (Role.ADMIN, P.MANAGE_USERS), (Role.ADMIN, P.RUN_RETENTION),
    ("agent", P.WORK_QUEUE), ("team_leader", "view_team")])
def test_allowed_actions(role, permission):
    require(role, permission)
    assert has_permission(role, permission)


@pytest.mark.parametrize("role,permission", [
    (Role.AGENT, P.EXPORT_REASONS), (Role.AGENT, P.QC_REVIEW), (Role.AGENT, P.SET_SUPER_EMERGENCY),
    (Role.TIER2, P.RETURN_RESULT), (Role.QC, P.WORK_QUEUE), (Role.QC, P.MANAGE_USERS),
    (Role.TEAM_LEADER, P.QC_REVIEW), (Role.TEAM_LEADER, P.MANAGE_USERS), (Role.ADMIN, P.WORK_QUEUE),
    ("ghost", P.WORK_QUEUE)])
def test_denied_actions_raise_permission_denied(role, permission):
    with pytest.raises(PermissionDenied):
        require(role, permission)


def test_permission_denied_message_names_role_and_action_in_indonesian():
    with pytest.raises(PermissionDenied) as info:
        require("agent", P.QC_REVIEW)
    assert str(info.value) == "Akses ditolak: peran Agen tidak boleh memvalidasi rekaman agree (QC)."
    assert isinstance(info.value, PermissionError)
