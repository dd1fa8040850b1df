"""Who may do what: the roles of DOMAIN.md and their permissions.

One table (ROLE_PERMISSIONS) and one check (require); screens hide what a role
may not do, and the use cases call require() so the rule holds without a screen
too.  It does not know who is logged in — the caller passes the role.
"""

from __future__ import annotations

from enum import Enum

from app.domain.text import Text, TextError


class Role(str, Enum):
    AGENT = "agent"
    TIER2 = "tier2"
    TEAM_LEADER = "team_leader"
    QC = "qc"
    ADMIN = "admin"
    SUPPORT_HC = "support_hc"     # escorts hard complaints and super emergencies to the units (W-24)


#: The agents: the roles whose desk is the call queue and whose calls make a team's figures.
AGENT_ROLES: tuple[Role, ...] = (Role.AGENT, Role.TIER2)


class Permission(str, Enum):
    WORK_QUEUE = "work_queue"                   # pick dapros / tickets and call
    EXPORT_REASONS = "export_reasons"           # TL exports all reasons (rule 4)
    VIEW_TEAM = "view_team"                     # watch agents' results live
    RETURN_RESULT = "return_result"             # send a result back for re-input (rules 3, 4)
    QC_REVIEW = "qc_review"                     # listen to agree calls, approve or return (rule 3)
    MANAGE_USERS = "manage_users"
    VIEW_DASHBOARD = "view_dashboard"
    SET_SUPER_EMERGENCY = "set_super_emergency"  # rule 8
    RUN_RETENTION = "run_retention"             # rule 5
    IMPORT_DAPROS = "import_dapros"
    MANAGE_ANNOUNCEMENTS = "manage_announcements"   # the site's library of operator announcements
    HANDLE_HARD_COMPLAINTS = "handle_hard_complaints"   # pull from Sephia, forward, post progress (W-24)


ROLE_LABELS: dict[Role, dict[str, str]] = {
    Role.AGENT: {"id": "Agen", "en": "Agent"},
    Role.TIER2: {"id": "Agen Tier-2", "en": "Tier-2 agent"},
    Role.TEAM_LEADER: {"id": "Team leader", "en": "Team leader"},
    Role.QC: {"id": "QC", "en": "QC officer"},
    Role.ADMIN: {"id": "Admin", "en": "Administrator"},
    Role.SUPPORT_HC: {"id": "Support HC", "en": "Support HC"},
}

PERMISSION_LABELS: dict[Permission, Text] = {
    Permission.WORK_QUEUE: Text("mengerjakan antrean panggilan", "work the call queue"),
    Permission.EXPORT_REASONS: Text("mengekspor semua reason", "export all reasons"),
    Permission.VIEW_TEAM: Text("melihat hasil tim", "see the team's results"),
    Permission.RETURN_RESULT: Text("mengembalikan hasil ke agen", "return results to the agent"),
    Permission.QC_REVIEW: Text("memvalidasi rekaman agree (QC)", "validate agree recordings (QC)"),
    Permission.MANAGE_USERS: Text("mengelola pengguna", "manage users"),
    Permission.VIEW_DASHBOARD: Text("melihat dasbor", "see the dashboard"),
    Permission.SET_SUPER_EMERGENCY: Text("menetapkan status super emergency", "set a ticket to super emergency"),
    Permission.RUN_RETENTION: Text("menjalankan retensi data", "run data retention"),
    Permission.IMPORT_DAPROS: Text("mengimpor dapros", "import dapros"),
    Permission.MANAGE_ANNOUNCEMENTS: Text("mengelola pustaka pengumuman operator",
                                          "manage the operator announcement library"),
    Permission.HANDLE_HARD_COMPLAINTS: Text("mengawal tiket komplain keras", "escort hard-complaint tickets"),
}

P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AGENT: frozenset({P.WORK_QUEUE}),
    Role.TIER2: frozenset({P.WORK_QUEUE}),
    # A TL also does caring calls for super emergency tickets (rule 8).
    Role.TEAM_LEADER: frozenset({P.WORK_QUEUE, P.EXPORT_REASONS, P.VIEW_TEAM, P.RETURN_RESULT, P.VIEW_DASHBOARD,
                                 P.SET_SUPER_EMERGENCY, P.IMPORT_DAPROS}),
    Role.QC: frozenset({P.QC_REVIEW, P.RETURN_RESULT, P.VIEW_DASHBOARD}),
    Role.ADMIN: frozenset({P.MANAGE_USERS, P.VIEW_DASHBOARD, P.RUN_RETENTION, P.IMPORT_DAPROS, P.EXPORT_REASONS,
                           P.VIEW_TEAM, P.MANAGE_ANNOUNCEMENTS}),
    Role.SUPPORT_HC: frozenset({P.HANDLE_HARD_COMPLAINTS}),
}


class PermissionDenied(TextError, PermissionError):
    """The role may not do this; the message names the role and the action (both languages)."""

    def __init__(self, role: Role | str, permission: Permission | str) -> None:
        self.role, self.permission = role, permission
        try:
            names = ROLE_LABELS[Role(role)]
        except ValueError:
            names = {"id": str(role), "en": str(role)}
        try:
            actions = {"id": PERMISSION_LABELS[Permission(permission)].id,
                       "en": PERMISSION_LABELS[Permission(permission)].en}
        except ValueError:
            actions = {"id": str(permission), "en": str(permission)}
        super().__init__(Text(f"Akses ditolak: peran {names['id']} tidak boleh {actions['id']}.",
                              f"Access denied: the {names['en']} role may not {actions['en']}."))


def has_permission(role: Role | str, permission: Permission | str) -> bool:
    try:
        return Permission(permission) in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False     # an unknown role (old row, typo) gets nothing


def require(role: Role | str, permission: Permission | str) -> None:
    if not has_permission(role, permission):
        raise PermissionDenied(role, permission)
