"""Every role against every protected supervision use case, through the core.

The table says which roles may run each use case; everyone else gets a
PermissionError (with a message) and nothing is written.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core import supervision as sv
from app.core.supervision.export import ExportFilters
from app.domain.qc_listening import Listening
from app.store.models import AuditEntry, Review, User
from tests.integration.supervision.seed import DAY, as_user

ACTOR = {"agent": "a1", "tier2": "t2a", "team_leader": "tl_a", "qc": "qc1", "admin": "admin1"}
TL, QC, ADMIN = {"team_leader"}, {"qc"}, {"admin"}
NOT_HERE = Listening(reason="Didengarkan di perekam PBX, berkas tidak disalin.")   # no recording files here
FULL = {"opening": True, "verification": True, "bill_info": True, "promise_confirmed": True, "empathy": 5,
        "closing": True}

USE_CASES = {
    "team_dashboard": (TL | QC | ADMIN, lambda c, s, t: sv.team_dashboard(c, DAY, DAY)),
    "list_results": (TL | ADMIN, lambda c, s, t: sv.list_results(c, sv.ResultFilters(), 0, 10)),
    "team_agents": (TL | ADMIN, lambda c, s, t: sv.team_agents(c)),
    "export_reasons": (TL | ADMIN, lambda c, s, t: sv.export_reasons(
        c, t / "reasons.csv", ExportFilters(DAY, DAY))),
    "returned_status": (TL | ADMIN, lambda c, s, t: sv.returned_status(c)),
    "return_result": (TL | QC, lambda c, s, t: sv.return_result(c, s.results["a1_fin"], "salah input")),
    "qc_queue": (QC, lambda c, s, t: sv.qc_queue(c, 0, 10)),
    "qc_approve": (QC, lambda c, s, t: sv.qc_approve(c, s.results["a1_agr"], FULL, listening=NOT_HERE)),
    "qc_return": (QC, lambda c, s, t: sv.qc_return(c, s.results["a2_agr"], "ulang", FULL, listening=NOT_HERE)),
    "qc_report_rows": (QC, lambda c, s, t: sv.qc_report_rows(c, DAY, DAY)),
    "export_qc_report": (QC, lambda c, s, t: sv.export_qc_report(c, DAY, DAY, t / "qc.csv")),
    "list_users": (ADMIN, lambda c, s, t: sv.list_users(c)),
    "list_teams": (ADMIN, lambda c, s, t: sv.list_teams(c)),
    "add_team": (ADMIN, lambda c, s, t: sv.add_team(c, "Tim C")),
    "add_user": (ADMIN, lambda c, s, t: sv.add_user(c, "agent9", "Agen Sembilan", "agent", s.teams["A"])),
    "set_role": (ADMIN, lambda c, s, t: sv.set_role(c, s.users["b1"], "tier2")),
    "set_team": (ADMIN, lambda c, s, t: sv.set_team(c, s.users["b1"], s.teams["A"])),
    "deactivate_user": (ADMIN, lambda c, s, t: sv.deactivate_user(c, s.users["b1"])),
}
CASES = [(name, role) for name in USE_CASES for role in ACTOR]


def _written(database) -> tuple[int, int, int]:
    with database.session() as s:
        return (s.scalar(select(func.count()).select_from(AuditEntry)),
                s.scalar(select(func.count()).select_from(Review)),
                s.scalar(select(func.count()).select_from(User)))


@pytest.mark.parametrize("use_case,role", CASES, ids=[f"{u}-{r}" for u, r in CASES])
def test_only_the_roles_in_the_table_may_run_each_use_case(sqlite_database, use_case, role, tmp_path):
    database, seeded = sqlite_database
    allowed, run = USE_CASES[use_case]
    ctx = as_user(database, seeded, ACTOR[role])
    before = _written(database)
    if role in allowed:
        run(ctx, seeded, tmp_path)
    else:
        with pytest.raises(PermissionError) as denied:
            run(ctx, seeded, tmp_path)
        assert str(denied.value).strip()                      # a message a person can read
        assert _written(database) == before                   # and nothing was written


def test_anonymous_context_is_refused_everywhere(sqlite_database, tmp_path):
    from tests.integration.supervision.seed import make_ctx
    database, seeded = sqlite_database
    for name, (_allowed, run) in USE_CASES.items():
        with pytest.raises(PermissionError):
            run(make_ctx(database, None), seeded, tmp_path)


def test_team_leader_of_another_team_cannot_return_or_see_this_team(sqlite_database):
    database, seeded = sqlite_database
    ctx = as_user(database, seeded, "tl_b")
    with pytest.raises(PermissionError):
        sv.return_result(ctx, seeded.results["a1_fin"], "bukan tim saya")
    rows, total = sv.list_results(ctx, sv.ResultFilters(), 0, 50)
    assert total == 1 and rows[0].agent_name == "Citra Dewi"
    assert {r.username for r in sv.team_dashboard(ctx, DAY, DAY).agents} == {"b1"}
