"""QC validation of agree calls: the queue, approving, returning and the report.

A QC officer listens to the recording of each agree result waiting for QC
(qc_status "pending"), scores it against the checklist and either approves it
or returns it; a return hands the work item back to the agent who recorded it
(state "returned") for another caring call.  Every verdict is a Review plus an
audit line.  No Qt here; file writing is app.services.qc_report's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.store import audit
from app.core.context import AppContext, acting
from app.domain.roles import Permission
from app.store.models import CallAttempt, Customer, Result, Review, User, WorkItem
from app.core.supervision.checklist import Checklist
from app.core.supervision.common import SITE_ZONE, SupervisionError, day_bounds
from app.core.supervision.review import check_not_in_hand, hand_back


@dataclass(frozen=True)
class QcItem:
    result_id: int
    work_item_id: int
    created_at: datetime
    agent_name: str
    customer_name: str
    account_number: str
    program: str
    reason_code: str
    promise_date: date | None
    promise_amount: Decimal | None
    notes: str | None
    revision: int
    recording_path: str | None
    talk_seconds: float | None
    attempt_id: int | None = None           # the recording QC plays: app.core.supervision.recordings


@dataclass(frozen=True)
class QcReportRow:
    """One line of the agree validation report form."""
    reviewed_at: datetime
    result_date: datetime
    agent: str
    customer: str
    account_number: str
    promise_date: date | None
    promise_amount: Decimal | None
    scores: dict[str, float]
    total: float | None
    verdict: str                 # approved / returned
    notes: str | None
    qc_officer: str


def _pending_query():
    return (select(Result, User.full_name, Customer.name, Customer.account_number, CallAttempt.recording_path,
                   CallAttempt.talk_seconds)
            .join(User, User.id == Result.agent_id)
            .join(WorkItem, WorkItem.id == Result.work_item_id)
            .join(Customer, Customer.id == WorkItem.customer_id)
            .outerjoin(CallAttempt, CallAttempt.id == Result.attempt_id)
            .where(Result.qc_status == "pending", Result.is_current.is_(True)))


def qc_queue(ctx: AppContext, offset: int = 0, limit: int = 100) -> tuple[list[QcItem], int]:
    """Agree results waiting for QC, oldest first (first in, first validated)."""
    acting(ctx, Permission.QC_REVIEW)
    query = _pending_query()
    with ctx.database.session() as s:
        total = s.scalar(select(func.count()).select_from(query.with_only_columns(Result.id).subquery()))
        rows = s.execute(query.order_by(Result.created_at, Result.id).offset(offset).limit(limit)).all()
        return [QcItem(r.id, r.work_item_id, r.created_at, agent, cname, account, r.program, r.reason_code,
                       r.promise_date, r.promise_amount, r.notes, r.revision, rec, talk, r.attempt_id)
                for r, agent, cname, account, rec, talk in rows], int(total or 0)


def _pending_result(s, result_id: int) -> Result:
    result = s.get(Result, result_id)
    if result is None:
        raise SupervisionError(f"Hasil #{result_id} tidak ditemukan.")
    if result.qc_status != "pending" or not result.is_current:
        raise SupervisionError("Hasil ini tidak sedang menunggu validasi QC.")
    return result


def _scored(checklist_scores: Mapping[str, float | bool],
            checklist: Checklist | None) -> tuple[dict[str, float], float]:
    """The verdict's checklist values and their weighted score."""
    checklist = checklist or Checklist.load()
    values = checklist.normalise(checklist_scores)
    return values, checklist.score(values)


def qc_approve(ctx: AppContext, result_id: int, checklist_scores: Mapping[str, float | bool],
               notes: str = "", checklist: Checklist | None = None) -> float:
    """Approve an agree call; returns the weighted score."""
    user = acting(ctx, Permission.QC_REVIEW)
    values, score = _scored(checklist_scores, checklist)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        result = _pending_result(s, result_id)
        result.qc_status = "approved"
        s.add(Review(result_id=result.id, reviewer_id=user.id, kind="qc_approve", comment=notes.strip() or None,
                     score=score, checklist=values, created_at=now))
        audit.record(s, user, "qc.approve", f"result:{result.id}", {"score": score}, at=now)
    return score


def qc_return(ctx: AppContext, result_id: int, notes: str, checklist_scores: Mapping[str, float | bool],
              checklist: Checklist | None = None) -> float:
    """Return an agree call: the agent must do the caring again (DOMAIN rule 3)."""
    user = acting(ctx, Permission.QC_REVIEW)
    notes = (notes or "").strip()
    if not notes:
        raise SupervisionError("Tulis catatan QC agar agen tahu apa yang harus diperbaiki.")
    values, score = _scored(checklist_scores, checklist)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        result = _pending_result(s, result_id)
        item = s.get(WorkItem, result.work_item_id, with_for_update=ctx.database.dialect == "postgresql")
        check_not_in_hand(item)
        result.qc_status = "returned"
        s.add(Review(result_id=result.id, reviewer_id=user.id, kind="qc_return", comment=notes,
                     score=score, checklist=values, created_at=now))
        hand_back(s, ctx.database, item, result.agent_id, user.id, notes, now)
        audit.record(s, user, "qc.return", f"result:{result.id}",
                     {"score": score, "work_item_id": item.id, "agent_id": result.agent_id, "notes": notes}, at=now)
    return score


def qc_report_rows(ctx: AppContext, date_from: date, date_to: date) -> list[QcReportRow]:
    """QC verdicts given in the site-local days date_from..date_to, in order."""
    acting(ctx, Permission.QC_REVIEW)
    start, end = day_bounds(date_from, date_to)
    Agent = aliased(User)
    Officer = aliased(User)
    query = (select(Review, Result, Agent.full_name, Officer.full_name, Customer.name, Customer.account_number)
             .join(Result, Result.id == Review.result_id)
             .join(Agent, Agent.id == Result.agent_id)
             .join(Officer, Officer.id == Review.reviewer_id)
             .join(WorkItem, WorkItem.id == Result.work_item_id)
             .join(Customer, Customer.id == WorkItem.customer_id)
             .where(Review.kind.in_(("qc_approve", "qc_return")), Review.created_at >= start,
                    Review.created_at < end)
             .order_by(Review.created_at, Review.id))
    with ctx.database.session() as s:
        return [QcReportRow(rv.created_at, r.created_at, agent, cname, account, r.promise_date, r.promise_amount,
                            {k: float(v) for k, v in (rv.checklist or {}).items()}, rv.score,
                            "approved" if rv.kind == "qc_approve" else "returned", rv.comment, officer)
                for rv, r, agent, officer, cname, account in s.execute(query)]


def export_qc_report(ctx: AppContext, date_from: date, date_to: date, path: Path,
                     checklist: Checklist | None = None) -> int:
    """Write the validation report (CSV or XLSX by the file's suffix); returns the row count."""
    from app.services.qc_report import write_qc_report
    user = acting(ctx, Permission.QC_REVIEW)
    rows = qc_report_rows(ctx, date_from, date_to)
    write_qc_report(Path(path), checklist or Checklist.load(), rows, SITE_ZONE)
    with ctx.database.session() as s:
        audit.record(s, user, "qc.report_export", str(path)[-120:],
                     {"from": date_from.isoformat(), "to": date_to.isoformat(), "rows": len(rows)},
                     at=ctx.clock.now())
    return len(rows)
