"""A team leader's review of results: the paged results table, returning a wrong
input to its agent, what happened to the returns, and a work item's revisions.

A return never edits the result: it marks it `returned`, writes a Review and an
audit line, and hands the work item back to the agent who recorded it (state
"returned", assigned to that agent) so it comes first in their queue.  The
agent's re-input (app.core.desk.desk) appends the next revision.  No Qt, no files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from app.core.context import AppContext, NotLoggedIn, acting
from app.core.supervision.common import (OutsideYourScope, SupervisionError, agent_role_values, agents_in_scope,
                                         check_agent_in_scope, day_bounds, reason_label, team_scope)
from app.domain.roles import Permission, has_permission
from app.domain.text import Text
from app.domain.workitem import IllegalTransition, WorkItemState, is_in_hand
from app.store import audit
from app.store.models import CallAttempt, Customer, Result, Review, User, WorkItem

@dataclass(frozen=True)
class ResultFilters:
    date_from: date | None = None
    date_to: date | None = None
    agent_id: int | None = None
    program: str | None = None
    reason_code: str | None = None
    review_status: str | None = None       # none / returned / reinput
    qc_status: str | None = None           # n/a / pending / approved / returned
    search: str = ""                       # customer name or internet number
    current_only: bool = True
    contact_without_call: bool = False     # only contacted reasons whose call never connected


@dataclass(frozen=True)
class ResultRow:
    id: int
    work_item_id: int
    created_at: datetime
    agent_id: int
    agent_name: str
    customer_name: str
    account_number: str
    program: str
    reason_code: str
    reason_label: str
    contacted: bool
    promise_date: date | None
    promise_amount: Decimal | None
    notes: str | None
    revision: int
    is_current: bool
    review_status: str
    qc_status: str
    talk_seconds: float | None = None
    sip_status: int | None = None           # the final SIP answer of the call the result is about
    sip_reason: str | None = None
    answered: bool | None = None

    @property
    def connected(self) -> bool:
        """The call was answered (or talk time was measured)."""
        return bool(self.answered) or (self.talk_seconds or 0) > 0

    @property
    def contact_without_call(self) -> bool:
        """A contacted reason (agree, refuses, already paid…) on a call that never connected: the
        input a team leader must look at first (issue 16: a 486-busy call saved as agree)."""
        return self.contacted and not self.connected


@dataclass(frozen=True)
class ReturnedRow:
    review_id: int
    kind: str                    # tl_return / qc_return
    result_id: int
    work_item_id: int
    agent_name: str
    customer_name: str
    account_number: str
    reason_code: str
    comment: str | None
    returned_by: str
    returned_at: datetime
    status: str                  # waiting / reinput
    new_result_id: int | None = None
    new_revision: int | None = None
    new_reason_code: str | None = None
    reinput_at: datetime | None = None


@dataclass(frozen=True)
class ReviewView:
    id: int
    kind: str
    reviewer: str
    comment: str | None
    score: float | None
    created_at: datetime


@dataclass(frozen=True)
class Revision:
    result_id: int
    revision: int
    supersedes_id: int | None
    is_current: bool
    created_at: datetime
    agent_name: str
    reason_code: str
    reason_label: str
    notes: str | None
    promise_date: date | None
    promise_amount: Decimal | None
    review_status: str
    qc_status: str
    reviews: tuple[ReviewView, ...] = field(default_factory=tuple)


def _result_query(ctx: AppContext, user, filters: ResultFilters):
    query = (select(Result, User.full_name, Customer.name, Customer.account_number, CallAttempt.talk_seconds,
                    CallAttempt.sip_status, CallAttempt.sip_reason, CallAttempt.answered)
             .join(User, User.id == Result.agent_id)
             .join(WorkItem, WorkItem.id == Result.work_item_id)
             .join(Customer, Customer.id == WorkItem.customer_id)
             .outerjoin(CallAttempt, CallAttempt.id == Result.attempt_id))
    team = team_scope(user)
    if team is not None:
        # A join condition, not "agent_id IN (...)": the planner then walks the created_at index.
        query = query.where(User.team_id == team)
    f = filters
    if f.date_from or f.date_to:
        start, end = day_bounds(f.date_from or date(2000, 1, 1), f.date_to or date(2999, 12, 31))
        query = query.where(Result.created_at >= start, Result.created_at < end)
    if f.current_only:
        query = query.where(Result.is_current.is_(True))
    if f.agent_id:
        query = query.where(Result.agent_id == f.agent_id)
    if f.program:
        query = query.where(Result.program == f.program)
    if f.reason_code:
        query = query.where(Result.reason_code == f.reason_code)
    if f.review_status:
        query = query.where(Result.review_status == f.review_status)
    if f.qc_status:
        query = query.where(Result.qc_status == f.qc_status)
    if f.contact_without_call:
        query = query.where(Result.contacted.is_(True),
                            or_(CallAttempt.id.is_(None),
                                and_(func.coalesce(CallAttempt.answered, False).is_(False),
                                     func.coalesce(CallAttempt.talk_seconds, 0) <= 0)))
    if f.search.strip():
        term = f"%{f.search.strip().lower()}%"
        query = query.where(or_(func.lower(Customer.name).like(term), Customer.account_number.like(term)))
    return query


def list_results(ctx: AppContext, filters: ResultFilters | None = None, offset: int = 0,
                 limit: int = 100) -> tuple[list[ResultRow], int]:
    """One page of results the actor may see, newest first, and the total count."""
    user = acting(ctx, Permission.VIEW_TEAM)
    query = _result_query(ctx, user, filters or ResultFilters())
    with ctx.database.session() as s:
        total = s.scalar(select(func.count()).select_from(query.with_only_columns(Result.id).subquery()))
        rows = s.execute(query.order_by(Result.created_at.desc(), Result.id.desc())
                         .offset(offset).limit(limit)).all()
        return [ResultRow(r.id, r.work_item_id, r.created_at, r.agent_id, agent, cname, account, r.program,
                          r.reason_code, reason_label(ctx, r.reason_code), r.contacted, r.promise_date,
                          r.promise_amount, r.notes, r.revision, r.is_current, r.review_status, r.qc_status,
                          talk, sip, sip_reason, answered)
                for r, agent, cname, account, talk, sip, sip_reason, answered in rows], int(total or 0)


def return_result(ctx: AppContext, result_id: int, comment: str) -> int:
    """Send one result back to its agent for re-input; returns the Review id."""
    user = acting(ctx, Permission.RETURN_RESULT)
    comment = (comment or "").strip()
    if not comment:
        raise SupervisionError(Text("Tulis alasan pengembalian agar agen tahu apa yang harus diperbaiki.",
                                    "Write why it goes back, so the agent knows what to correct."))
    now = ctx.clock.now()
    with ctx.database.session() as s:
        result = s.get(Result, result_id)
        if result is None:
            raise SupervisionError(Text(f"Hasil #{result_id} tidak ditemukan.", f"Result #{result_id} not found."))
        check_agent_in_scope(s, user, result.agent_id)
        item = s.get(WorkItem, result.work_item_id, with_for_update=ctx.database.dialect == "postgresql")
        _check_returnable(result, item)
        result.review_status = "returned"
        review = Review(result_id=result.id, reviewer_id=user.id, kind="tl_return", comment=comment,
                        created_at=now)
        s.add(review)
        hand_back(s, ctx.database, item, result.agent_id, user.id, comment, now)
        s.flush()
        audit.record(s, user, "result.return", f"result:{result.id}",
                     {"work_item_id": item.id, "agent_id": result.agent_id, "comment": comment}, at=now)
        return review.id


def return_results(ctx: AppContext, result_ids: list[int], comment: str) -> dict[int, Text | str]:
    """Return several results with one comment; {result id: why} for those refused."""
    refused: dict[int, str] = {}
    for rid in result_ids:
        try:
            return_result(ctx, rid, comment)
        except (SupervisionError, OutsideYourScope) as exc:
            refused[rid] = exc.text or str(exc)
    return refused


def _check_returnable(result: Result, item: WorkItem) -> None:
    if not result.is_current:
        raise SupervisionError(Text("Hasil ini sudah diganti revisi yang lebih baru.",
                                    "A newer revision has replaced this result."))
    if result.review_status == "returned" or result.qc_status == "returned":
        raise SupervisionError(Text("Hasil ini sudah dikembalikan ke agen.",
                                    "This result was already returned to the agent."))
    check_not_in_hand(item)


def check_not_in_hand(item: WorkItem) -> None:
    """Refuse to return what an agent is working on right now."""
    if item.claimed_by_id is not None and is_in_hand(item.state):
        raise SupervisionError(Text("Data ini sedang dikerjakan agen; kembalikan setelah selesai.",
                                    "An agent is working on this customer now; return it once they are done."))


def hand_back(s, database, item: WorkItem, agent_id: int, reviewer_id: int, comment: str, now: datetime) -> None:
    """The work item goes to the top of the original agent's queue (state "returned"), through the
    queue's one guarded transition (a supervisor's move: only from a state nobody holds)."""
    from app.store.queue import ClaimLost, WorkQueue
    try:
        WorkQueue(database).move(s, item.id, None, WorkItemState.RETURNED, now, assigned_agent_id=agent_id,
                                 returned_comment=comment, returned_by_id=reviewer_id, returned_at=now,
                                 next_attempt_at=None, closed_at=None)
    except IllegalTransition as exc:
        raise SupervisionError(Text(
            f"Data ini belum selesai dikerjakan (status {item.state}); hanya data yang sudah selesai atau "
            "ditutup yang dapat dikembalikan.",
            f"This customer is not finished yet (state {item.state}); only finished or closed customers can "
            "be returned.")) from exc
    except ClaimLost as exc:
        raise SupervisionError(Text("Data ini sedang dikerjakan agen; kembalikan setelah selesai.",
                                    "An agent is working on this customer now; return it once they are done.")) \
            from exc


def returned_status(ctx: AppContext, limit: int = 500) -> list[ReturnedRow]:
    """Every return in the actor's scope (TL and QC returns), newest first, with its re-input."""
    user = acting(ctx, Permission.VIEW_TEAM)
    Reviewer = aliased(User)
    Agent = aliased(User)
    Newer = aliased(Result)
    query = (select(Review, Result, Agent.full_name, Reviewer.full_name, Customer.name, Customer.account_number,
                    Newer.id, Newer.revision, Newer.reason_code, Newer.created_at)
             .join(Result, Result.id == Review.result_id)
             .join(Agent, Agent.id == Result.agent_id)
             .join(Reviewer, Reviewer.id == Review.reviewer_id)
             .join(WorkItem, WorkItem.id == Result.work_item_id)
             .join(Customer, Customer.id == WorkItem.customer_id)
             .outerjoin(Newer, Newer.supersedes_id == Result.id)
             .where(Review.kind.in_(("tl_return", "qc_return")),
                    Result.agent_id.in_(agents_in_scope(user)))
             .order_by(Review.created_at.desc(), Review.id.desc()).limit(limit))
    with ctx.database.session() as s:
        return [ReturnedRow(rv.id, rv.kind, r.id, r.work_item_id, agent, cname, account, r.reason_code,
                            rv.comment, reviewer, rv.created_at, "reinput" if new_id else "waiting",
                            new_id, new_rev, new_code, new_at)
                for rv, r, agent, reviewer, cname, account, new_id, new_rev, new_code, new_at
                in s.execute(query)]


def result_history(ctx: AppContext, work_item_id: int) -> list[Revision]:
    """All revisions of a work item's results, oldest first, each with its reviews.

    A team leader (own team), QC, or the agent whose item it is may look; an agent
    never sees another agent's customer.
    """
    user = ctx.user
    if user is None:
        raise NotLoggedIn()
    supervisor = has_permission(user.role, Permission.VIEW_TEAM) or has_permission(user.role, Permission.QC_REVIEW)
    if not supervisor:
        acting(ctx, Permission.WORK_QUEUE)
    Reviewer = aliased(User)
    with ctx.database.session() as s:
        results = s.execute(select(Result, User.full_name).join(User, User.id == Result.agent_id)
                            .where(Result.work_item_id == work_item_id).order_by(Result.revision, Result.id)).all()
        if supervisor:
            if team_scope(user) is not None and not has_permission(user.role, Permission.QC_REVIEW):
                for r, _ in results:
                    check_agent_in_scope(s, user, r.agent_id)
        else:
            item = s.get(WorkItem, work_item_id)
            owners = {r.agent_id for r, _ in results} | ({item.assigned_agent_id} if item else set())
            if owners - {None, user.id} or item is None:
                raise OutsideYourScope(Text("Data pelanggan ini milik agen lain.",
                                            "This customer belongs to another agent."))
        reviews: dict[int, list[ReviewView]] = {}
        ids = [r.id for r, _ in results]
        if ids:
            for rv, name in s.execute(select(Review, Reviewer.full_name).join(Reviewer, Reviewer.id == Review.reviewer_id)
                                      .where(Review.result_id.in_(ids)).order_by(Review.created_at, Review.id)):
                reviews.setdefault(rv.result_id, []).append(
                    ReviewView(rv.id, rv.kind, name, rv.comment, rv.score, rv.created_at))
        return [Revision(r.id, r.revision, r.supersedes_id, r.is_current, r.created_at, agent, r.reason_code,
                         reason_label(ctx, r.reason_code), r.notes, r.promise_date, r.promise_amount,
                         r.review_status, r.qc_status, tuple(reviews.get(r.id, ())))
                for r, agent in results]


def team_agents(ctx: AppContext) -> list[tuple[int, str, str]]:
    """(id, username, full name) of the agents whose results the actor may see, for filter lists."""
    user = acting(ctx, Permission.VIEW_TEAM)
    with ctx.database.session() as s:
        return [(uid, username, name) for uid, username, name in s.execute(
            select(User.id, User.username, User.full_name).where(User.id.in_(agents_in_scope(user)),
                                                  User.role.in_(agent_role_values()))
            .order_by(User.full_name))]
