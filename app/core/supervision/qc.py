"""QC validation of agree calls: the queue, approving, returning and the report.

A QC officer listens to the recording of each agree result waiting for QC
(qc_status "pending"), scores it against the checklist and either approves it
or returns it; a return hands the work item back to the agent who recorded it
(state "returned") for another caring call.  A verdict needs every checklist item
scored and the recording heard (most of it, or a written reason why not:
app.domain.qc_listening) — checked here, so no screen or script can skip it.  Every
verdict is a Review (with what was heard) plus an audit line.  No Qt here; file
writing is app.services.qc_report's job.
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
from app.domain.qc_listening import DEFAULT_MIN_PERCENT, Listening, listening_refusal
from app.domain.roles import Permission
from app.domain.text import Text
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
        raise SupervisionError(Text(f"Hasil #{result_id} tidak ditemukan.", f"Result #{result_id} not found."))
    if result.qc_status != "pending" or not result.is_current:
        raise SupervisionError(Text("Hasil ini tidak sedang menunggu validasi QC.",
                                    "This result is not waiting for QC validation."))
    return result


def min_listened_percent(ctx: AppContext) -> float:
    """How much of a recording QC must hear before a verdict (site setting qc.min_listened_percent)."""
    return float(ctx.settings.get("qc.min_listened_percent", DEFAULT_MIN_PERCENT) or 0)


def recording_seconds(path: str | None) -> float | None:
    """The length of a call's recording, None when there is no readable one to hear."""
    if not path:
        return None
    import wave
    from app.telephony.prompt_audio import wav_seconds
    try:
        seconds = wav_seconds(Path(path))
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return None
    return seconds if seconds > 0 else None


@dataclass(frozen=True)
class _Verdict:
    values: dict[str, float]
    score: float
    heard_seconds: float
    recording_seconds: float | None
    unheard_reason: str | None

    def review(self, result: Result, reviewer_id: int, kind: str, comment: str | None, now: datetime) -> Review:
        return Review(result_id=result.id, reviewer_id=reviewer_id, kind=kind, comment=comment, score=self.score,
                      checklist=self.values, created_at=now, heard_seconds=self.heard_seconds,
                      recording_seconds=self.recording_seconds, unheard_reason=self.unheard_reason)

    def facts(self) -> dict:
        return {"score": self.score, "heard_seconds": round(self.heard_seconds, 1),
                "recording_seconds": None if self.recording_seconds is None else round(self.recording_seconds, 1),
                "unheard_reason": self.unheard_reason}


def _judged(ctx: AppContext, result: Result, checklist_scores: Mapping[str, float | bool | None],
            checklist: Checklist | None, listening: Listening | None) -> _Verdict:
    """The verdict's values once the checklist is scored and the recording heard (else SupervisionError)."""
    checklist = checklist or Checklist.load()
    unscored = checklist.unscored(checklist_scores)
    if unscored:
        names = {"id": ", ".join(i.label_id for i in unscored), "en": ", ".join(i.label_en for i in unscored)}
        raise SupervisionError(Text(f"Nilai semua parameter daftar periksa dulu; belum dinilai: {names['id']}.",
                                    f"Score every checklist item first; not scored yet: {names['en']}."))
    values = checklist.normalise({k: v for k, v in checklist_scores.items() if v is not None})
    length = recording_seconds(result.attempt.recording_path if result.attempt is not None else None)
    refusal = listening_refusal(listening, length, min_listened_percent(ctx))
    if refusal is not None:
        raise SupervisionError(refusal)
    listening = listening or Listening()
    return _Verdict(values, checklist.score(values), float(listening.heard_seconds), length,
                    listening.reason.strip() or None)


def qc_approve(ctx: AppContext, result_id: int, checklist_scores: Mapping[str, float | bool | None],
               notes: str = "", checklist: Checklist | None = None, *,
               listening: Listening | None = None) -> float:
    """Approve an agree call; returns the weighted score.  Every checklist item must be scored and
    the recording heard (`listening`: what the player counted, or why the officer did not listen)."""
    user = acting(ctx, Permission.QC_REVIEW)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        result = _pending_result(s, result_id)
        verdict = _judged(ctx, result, checklist_scores, checklist, listening)
        result.qc_status = "approved"
        s.add(verdict.review(result, user.id, "qc_approve", notes.strip() or None, now))
        audit.record(s, user, "qc.approve", f"result:{result.id}", verdict.facts(), at=now)
    return verdict.score


def qc_return(ctx: AppContext, result_id: int, notes: str, checklist_scores: Mapping[str, float | bool | None],
              checklist: Checklist | None = None, *, listening: Listening | None = None) -> float:
    """Return an agree call: the agent must do the caring again (DOMAIN rule 3).  The same
    scoring and listening as an approval, plus the notes the agent reads."""
    user = acting(ctx, Permission.QC_REVIEW)
    notes = (notes or "").strip()
    if not notes:
        raise SupervisionError(Text("Tulis catatan QC agar agen tahu apa yang harus diperbaiki.",
                                    "Write the QC notes, so the agent knows what to correct."))
    now = ctx.clock.now()
    with ctx.database.session() as s:
        result = _pending_result(s, result_id)
        verdict = _judged(ctx, result, checklist_scores, checklist, listening)
        item = s.get(WorkItem, result.work_item_id, with_for_update=ctx.database.dialect == "postgresql")
        check_not_in_hand(item)
        result.qc_status = "returned"
        s.add(verdict.review(result, user.id, "qc_return", notes, now))
        hand_back(s, ctx.database, item, result.agent_id, user.id, notes, now)
        audit.record(s, user, "qc.return", f"result:{result.id}",
                     {**verdict.facts(), "work_item_id": item.id, "agent_id": result.agent_id, "notes": notes},
                     at=now)
    return verdict.score


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
