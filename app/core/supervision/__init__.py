"""The team leader, QC and admin use cases (DOMAIN rules 3–5), for windows, CLI and tests.

Every use case takes the AppContext (whose `user` is the actor) and checks the
actor's permission first (app.domain.roles.require), then limits what a team
leader sees to their own team.  Every review, return, approval, export and user
change writes an audit entry (app.store.audit) in the same transaction.  Nothing here
imports Qt; screens call these through BackgroundOp.
"""

from app.core.supervision.admin import (TeamView, UserView, add_team, add_user, deactivate_user, list_teams,
                                   list_users, reset_password, set_role, set_team)
from app.core.supervision.checklist import Checklist, ChecklistItem
from app.core.supervision.common import OutsideYourScope, SupervisionError, site_today
from app.core.supervision.export import ExportFilters, ExportSummary, export_reasons
from app.core.supervision.held import HeldRow, held_items, release_held
from app.core.supervision.dashboard import AgentRow, Dashboard, Figures, OutboxHealth, team_dashboard
from app.core.supervision.qc import (QcItem, QcReportRow, export_qc_report, min_listened_percent, qc_approve, qc_queue,
                                    qc_report_rows, qc_return)
from app.core.supervision.review import (ResultFilters, ResultRow, ReturnedRow, Revision, list_results,
                                    result_history, return_result, return_results, returned_status, team_agents)

__all__ = [name for name in dir() if not name.startswith("_")]
