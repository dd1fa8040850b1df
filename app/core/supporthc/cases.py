"""Support HC's cases (W-24): opening them, pulling them from Sephia, forwarding, progress.

A case opens when an agent flags a hard complaint (any desk, W-24 5.1.2: it goes to
Sephia), when an e-mail of a DCS hard complaint arrives (W-89 1.2.9), or when a team
leader sends a promise ticket (super emergency, buzzer: 5.2.3, 5.3.3).  Support HC
pulls Sephia's list (5.1.3), forwards a case to TIAL REG or C4 (5.1.5, 5.2.5),
records repair progress (5.1.6), which feeds the TL (5.2.7: on the ticket and to the
escort TL's group) and the Callback app (5.3.8).  Every message out goes through
the outbox in the same transaction as the change; no HTTP or Qt here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.context import AppContext, acting
from app.domain.roles import Permission
from app.domain.text import Text, TextError
from app.domain.tier2 import route_for_segment
from app.store import audit
from app.store.models import SupportCase, Ticket, User, WorkItem
from app.store.outbox_repo import new_message

log = logging.getLogger(__name__)

OPEN = ("reported", "forwarded", "in_progress")
FORWARD_TARGETS = ("tial_reg", "c4")


class CaseError(TextError):
    """An expected refusal with a message for the user."""


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    reference: str                    # "HC-12": the name Sephia and the units know it by
    kind: str
    source: str
    status: str
    account_number: str
    customer_name: str
    segment: str
    criteria: tuple[str, ...]
    note: str | None
    sephia_id: str | None
    ticket_number: str | None
    progress: str | None
    escalated: bool
    created_at: datetime


def reference(case_id: int) -> str:
    return f"HC-{case_id}"


def _row(c: SupportCase) -> CaseRow:
    return CaseRow(c.id, reference(c.id), c.kind, c.source, c.status, c.account_number, c.customer_name,
                   c.segment, tuple((c.criteria or {}).get("met", ())), c.note, c.sephia_id, c.ticket_number,
                   c.progress, c.escalated, c.created_at)


def open_case(s: Session, *, kind: str, source: str, account_number: str, customer_name: str, segment: str,
              met: Iterable[str], by, now: datetime, note: str | None = None, work_item_id: int | None = None,
              ticket: Ticket | None = None, details: dict[str, Any] | None = None,
              to_sephia: bool = True) -> SupportCase:
    """A new case in the caller's transaction; a hard complaint is reported to Sephia and a DCS one
    escalated to the DCS unit at once (rule 11).  `by` is a CurrentUser or None (the system)."""
    met = tuple(met)
    routing = route_for_segment(segment, kind == "hard_complaint")
    case = SupportCase(kind=kind, source=source, status="reported", work_item_id=work_item_id,
                       ticket_id=ticket.id if ticket else None, ticket_number=ticket.ticket_number if ticket else None,
                       account_number=account_number[:20], customer_name=customer_name[:120], segment=segment,
                       criteria=dict(details or {}, met=list(met)), note=note, escalated=routing.escalate,
                       created_by_id=getattr(by, "id", None), created_at=now, updated_at=now)
    s.add(case)
    s.flush()
    username = getattr(by, "username", None) or "sambung"
    if kind == "hard_complaint" and to_sephia:
        s.add(new_message("sephia", {
            "case_id": reference(case.id), "account_number": case.account_number,
            "customer_name": case.customer_name, "segment": segment, "source": source,
            "criteria": list(met) or ["komplain keras"], "ticket_number": case.ticket_number, "note": note,
            "reported_by": username, "reported_at": now.isoformat()}, now))
    if routing.escalate:
        s.add(new_message("escalation", _escalation(case, "dcs_unit", routing.note_id, username, now, note), now))
    audit.record(s, by, "hc.case_opened", reference(case.id),
                 {"kind": kind, "source": source, "met": list(met), "escalated": routing.escalate}, at=now)
    return case


def _escalation(case: SupportCase, target: str, reason: str, by: str, now: datetime,
                note: str | None = None) -> dict[str, Any]:
    return {"reference": reference(case.id), "target": target, "reason": reason,
            "ticket_number": case.ticket_number, "account_number": case.account_number, "segment": case.segment,
            "note": note, "by": by, "at": now.isoformat()}


def case_for_item(s: Session, work_item_id: int) -> SupportCase | None:
    """The open hard-complaint case of a work item (one per item: flagging again updates it)."""
    return s.scalar(select(SupportCase).where(SupportCase.work_item_id == work_item_id,
                                              SupportCase.kind == "hard_complaint",
                                              SupportCase.status.in_(OPEN)).order_by(SupportCase.id).limit(1))


# -- Support HC's desk ----------------------------------------------------------------------------------

def case_page(ctx: AppContext, search: str = "", offset: int = 0, limit: int = 100,
              open_only: bool = True) -> tuple[list[CaseRow], int]:
    """One page of cases, oldest open first; search by customer, account, ticket or Sephia number."""
    acting(ctx, Permission.HANDLE_HARD_COMPLAINTS)
    with ctx.database.session() as s:
        stmt = select(SupportCase)
        if open_only:
            stmt = stmt.where(SupportCase.status.in_(OPEN))
        if search.strip():
            like = f"%{search.strip().lower()}%"
            stmt = stmt.where(or_(func.lower(SupportCase.customer_name).like(like),
                                  SupportCase.account_number.like(like),
                                  func.lower(func.coalesce(SupportCase.ticket_number, "")).like(like),
                                  func.lower(func.coalesce(SupportCase.sephia_id, "")).like(like)))
        total = s.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = s.scalars(stmt.order_by(SupportCase.id).offset(offset).limit(limit)).all()
        return [_row(c) for c in rows], int(total or 0)


@dataclass(frozen=True)
class PullSummary:
    new: int
    updated: int

    def text(self) -> str:
        return f"{self.new} kasus baru, {self.updated} diperbarui dari Sephia"


def pull_from_sephia(ctx: AppContext, client, page_size: int = 100) -> PullSummary:
    """Every hard complaint Sephia lists: a case reported from here gets its Sephia number and
    progress; one entered elsewhere (another channel) becomes a new case."""
    user = acting(ctx, Permission.HANDLE_HARD_COMPLAINTS)
    records, cursor = [], None
    while True:
        page = client.fetch_hard_complaints(page_size, cursor)
        records += page.items
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    now = ctx.clock.now()
    new = updated = 0
    with ctx.database.session() as s:
        for r in records:
            case = None
            ref = r.get("case_id") or ""
            if ref.startswith("HC-") and ref[3:].isdigit():
                case = s.get(SupportCase, int(ref[3:]))
            if case is None:
                case = s.scalar(select(SupportCase).where(SupportCase.sephia_id == r["sephia_id"]))
            progress = "\n".join(f"{p['at'][:16].replace('T', ' ')} {p['text']}" for p in r.get("progress") or [])
            if case is None:
                ticket = s.scalar(select(Ticket).where(Ticket.ticket_number == r["ticket_number"])) \
                    if r.get("ticket_number") else None
                case = SupportCase(kind="hard_complaint", source="sephia", status="reported",
                                   account_number=str(r["account_number"])[:20],
                                   customer_name=str(r["customer_name"])[:120], segment=r["segment"],
                                   criteria={"met": list(r.get("criteria") or [])}, note=r.get("note"),
                                   sephia_id=r["sephia_id"], ticket_number=r.get("ticket_number"),
                                   ticket_id=ticket.id if ticket else None,
                                   work_item_id=ticket.work_item_id if ticket else None,
                                   progress=progress or None, created_at=now, updated_at=now)
                s.add(case)
                new += 1
                continue
            case.sephia_id = r["sephia_id"]
            if progress and progress != case.progress and r.get("status") != "open":
                case.progress = _merge_progress(case.progress, progress)
            if r.get("status") == "closed":
                case.status = "closed"
            case.updated_at = now
            updated += 1
        audit.record(s, user, "hc.pull_sephia", None, {"new": new, "updated": updated}, at=now)
    return PullSummary(new, updated)


def _merge_progress(mine: str | None, theirs: str) -> str:
    lines = (mine or "").splitlines()
    lines += [line for line in theirs.splitlines() if line not in lines]
    return "\n".join(lines)


def _lock_open(ctx: AppContext, s: Session, case_id: int) -> SupportCase:
    case = s.get(SupportCase, case_id, with_for_update=ctx.database.dialect == "postgresql")
    if case is None:
        raise CaseError(Text(f"Kasus {reference(case_id)} tidak ditemukan.", f"Case {reference(case_id)} not found."))
    if case.status == "closed":
        raise CaseError(Text(f"Kasus {reference(case_id)} sudah ditutup.",
                             f"Case {reference(case_id)} is already closed."))
    return case


def forward_case(ctx: AppContext, case_id: int, target: str, note: str = "") -> CaseRow:
    """Send a case to TIAL REG or C4 for the unit to speed up the repair (W-24 5.1.5, 5.2.5)."""
    user = acting(ctx, Permission.HANDLE_HARD_COMPLAINTS)
    if target not in FORWARD_TARGETS:
        raise CaseError(Text("Tujuan penerusan harus TIAL REG atau C4.", "Forward to TIAL REG or C4."))
    now = ctx.clock.now()
    label = {"tial_reg": "TIAL REG", "c4": "C4"}[target]
    with ctx.database.session() as s:
        case = _lock_open(ctx, s, case_id)
        reason = {"hard_complaint": "komplain keras", "super_emergency": "tiket super emergency"}.get(
            case.kind, f"tiket {case.kind}")
        s.add(new_message("escalation", _escalation(case, target, f"Percepatan penyelesaian {reason}",
                                                    user.username, now, note or None), now))
        case.status = "forwarded"
        case.handler_id = user.id
        case.progress = _merge_progress(case.progress, f"{_stamp(now)} Diteruskan ke {label}"
                                        + (f": {note}" if note else ""))
        case.updated_at = now
        audit.record(s, user, "hc.forward", reference(case.id), {"target": target, "note": note}, at=now)
        s.flush()
        return _row(case)


def record_progress(ctx: AppContext, case_id: int, text: str, close: bool = False) -> CaseRow:
    """Repair progress received from the unit (W-24 5.1.6, 5.2.6): kept on the case, written on the
    Tier-2 ticket (the TL and the Tier-2 agent read it there), sent to the escort TL's group (5.2.7)
    and posted to the Callback app (5.3.8)."""
    user = acting(ctx, Permission.HANDLE_HARD_COMPLAINTS)
    text = text.strip()
    if not text:
        raise CaseError(Text("Isi progres perbaikan dulu.", "Fill in the repair progress first."))
    now = ctx.clock.now()
    with ctx.database.session() as s:
        case = _lock_open(ctx, s, case_id)
        line = f"{_stamp(now)} {text}"
        case.progress = _merge_progress(case.progress, line)
        case.status = "closed" if close else "in_progress"
        case.handler_id = user.id
        case.updated_at = now
        ticket = s.get(Ticket, case.ticket_id) if case.ticket_id else None
        if ticket is not None:
            ticket.progress_notes = _merge_progress(ticket.progress_notes, f"{line} (Support HC)")
            if ticket.escort_tl_id is not None:
                tl = s.get(User, ticket.escort_tl_id)
                s.add(new_message("escalation", _escalation(case, "team_leader", f"Progres untuk TL {tl.full_name}",
                                                            user.username, now, text), now))
        if case.ticket_number:
            s.add(new_message("callback_progress", {"ticket_number": case.ticket_number, "text": text,
                                                    "by": user.username, "at": now.isoformat(),
                                                    "case_id": reference(case.id)}, now))
        audit.record(s, user, "hc.progress", reference(case.id), {"text": text, "closed": close}, at=now)
        s.flush()
        return _row(case)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M")


def promise_case(s: Session, ticket: Ticket, by, now: datetime, note: str | None) -> SupportCase:
    """A promise ticket the TL sends to Support HC (W-24 5.2.3, 5.3.3): one open case per ticket."""
    existing = s.scalar(select(SupportCase).where(SupportCase.ticket_id == ticket.id,
                                                  SupportCase.kind == ticket.ticket_type,
                                                  SupportCase.status.in_(OPEN)).limit(1))
    if existing is not None:
        return existing
    item = s.get(WorkItem, ticket.work_item_id)
    customer = item.customer
    return open_case(s, kind=ticket.ticket_type, source="tl", account_number=customer.account_number,
                     customer_name=customer.name, segment=customer.segment, met=(), by=by, now=now, note=note,
                     work_item_id=item.id, ticket=ticket, to_sephia=False)
