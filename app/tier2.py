"""Tier-2 caring callbacks as use cases: bring tickets in, mark hard complaints, escort promises.

Tickets come from the Callback app (contract `CallbackTicket`) or an XLSX/CSV
export and become TIER2 work items that the agent desk (app.desk) works with its
ordinary queue, card, call and wrap-up — the 3-call closing rule itself lives in
app.domain.tier2 and is applied by the desk's save path.  Here: hard-complaint
marking and routing by segment (DOMAIN rules 7, 11), the team leader's super
emergency and the 3-promise-ticket escort limit (rules 8, 9), and the outbox
senders for the "email" (RFO) and "mycx_status" destinations.  No Qt and no
HTTP here; every write is one transaction with its audit entry.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AppContext, acting
from app.domain.phone import normalize
from app.domain.roles import Permission, PermissionDenied, Role, has_permission
from app.domain.tier2 import (MAX_PROMISE_TICKETS_PER_TL, PROMISE_TICKET_TYPES, HardComplaintCriteria, Routing, Segment, Service,
                              TicketType, check_escort_limit, is_promise_ticket, route_for_segment)
from app.store.models import AuditEntry, Customer, OutboxMessage, Phone, Ticket, User, WorkItem

log = logging.getLogger(__name__)

# Promise tickets first, then hard complaints, then ordinary repaired faults (lower = earlier).
PRIORITY_BY_TYPE = {TicketType.SUPER_EMERGENCY: 1, TicketType.BUZZER_VISIT: 2, TicketType.BUZZER: 3,
                    TicketType.HARD_COMPLAINT: 5, TicketType.REPAIRED_FAULT: 10}
OPEN_STATUSES = ("open", "pending", "back_to_repair")   # a ticket still escorted until it is closed
CRITERIA_FIELDS = ("repeat_reports", "threat_cancel_or_media", "abusive_language", "asks_supervisor",
                   "will_not_end_call")


class Tier2Error(Exception):
    """An expected refusal with a message for the user (Indonesian)."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)     # "baris 7: ..." / "tiket IN123: ..." (not imported)
    warnings: list[str] = field(default_factory=list)   # imported, but something was left out

    def text(self) -> str:
        out = f"{self.created} tiket baru, {self.updated} diperbarui"
        out += f", {len(self.errors)} ditolak" if self.errors else ""
        return out + (f", {len(self.warnings)} catatan" if self.warnings else "")


@dataclass(frozen=True)
class HardComplaintOutcome:
    ticket_number: str
    hard_complaint: bool
    reasons: tuple[str, ...]          # the criteria met, Indonesian
    routing: Routing
    routed_to: str | None


@dataclass(frozen=True)
class EscortedTicket:
    ticket_id: int
    ticket_number: str
    ticket_type: str
    service: str
    customer_name: str
    segment: str
    status: str
    escort_tl_id: int | None
    escort_tl: str | None


# -- import ---------------------------------------------------------------------------------------

def _require_importer(ctx: AppContext) -> None:
    user = ctx.user
    if user is not None and user.role != Role.TIER2.value and not has_permission(user.role,
                                                                                Permission.IMPORT_DAPROS):
        raise PermissionDenied(user.role, Permission.IMPORT_DAPROS)


def _ticket_type(raw: Any) -> TicketType:
    text = str(raw or "").strip()
    if not text or text.lower() in ("regular", "reguler", "biasa", "gangguan"):
        return TicketType.REPAIRED_FAULT
    try:
        return TicketType(text)
    except ValueError:
        raise ValueError(f"jenis tiket tidak dikenal: {text!r}") from None


def _phones(raw: Any) -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = []
    if isinstance(raw, (list, tuple)):
        for p in raw:
            if isinstance(p, Mapping):
                items.append((str(p.get("number", "")), p.get("label")))
            else:
                items.append((str(p), None))
    elif raw not in (None, ""):
        items = [(part, None) for part in re.split(r"[;,/|\n]+", str(raw)) if part.strip()]
    out, seen = [], set()
    for number, label in items:
        e164 = normalize(number.strip()).e164      # InvalidPhoneNumber is a ValueError with a message
        if e164 not in seen:
            seen.add(e164)
            out.append((e164, label))
    return out


def _notes(raw: Any) -> str | None:
    if isinstance(raw, list):
        lines = [f"{n.get('at', '')[:16].replace('T', ' ')} {n.get('text', '')}".strip()
                 if isinstance(n, Mapping) else str(n) for n in raw]
        return "\n".join(lines) or None
    return str(raw).strip() or None if raw is not None else None


def upsert_ticket(s: Session, record: Mapping[str, Any], source: str, now,
                  warnings: list[str] | None = None) -> bool:
    """One CallbackTicket-shaped record into customer + work item + ticket; True when created.

    A known ticket only has its information refreshed (RFO, notes, Lapul, escort): its
    work item keeps its state and attempts, so a re-import never restarts the 3-call rule.
    """
    number = str(record.get("ticket_number") or "").strip()
    if not number:
        raise ValueError("nomor tiket kosong")
    ttype = _ticket_type(record.get("ticket_type"))
    try:
        service = Service(str(record.get("service") or "")).value
    except ValueError:
        raise ValueError(f"layanan harus INDIHOME, POTS atau DATIN, bukan {record.get('service')!r}") from None
    try:
        segment = Segment(str(record.get("segment") or "DCS")).value
    except ValueError:
        raise ValueError(f"segmen harus DES, DGS, DBS atau DCS, bukan {record.get('segment')!r}") from None
    repeat = int(record.get("repeat_reports") or 0)
    phones = _phones(record.get("phones"))
    escort_name = record.get("escort_tl")
    escort_id = s.scalar(select(User.id).where(User.username == str(escort_name))) if escort_name else None
    info = dict(rfo_cause=record.get("rfo_cause") or None, rfo_repair=record.get("rfo_repair") or None,
                repeat_reports=repeat, progress_notes=_notes(record.get("progress_notes")))
    ticket = s.scalar(select(Ticket).where(Ticket.ticket_number == number))
    if escort_id is not None and is_promise_ticket(ttype) and (ticket is None or ticket.escort_tl_id != escort_id) \
            and _promise_load(s, escort_id, ticket.id if ticket else None) >= MAX_PROMISE_TICKETS_PER_TL:
        # Rule 9 holds for imports too: the ticket comes in unescorted and a TL assigns it.
        (warnings if warnings is not None else []).append(
            f"tiket {number}: TL {escort_name} sudah mengawal {MAX_PROMISE_TICKETS_PER_TL} tiket janji; "
            "pengawal tidak diisi")
        escort_id = None
    if ticket is not None:
        for key, value in info.items():
            setattr(ticket, key, value)
        if escort_id is not None:
            ticket.escort_tl_id = escort_id
        if record.get("email"):        # a newer e-mail address for the RFO mail
            s.get(WorkItem, ticket.work_item_id).customer.email = str(record["email"]).strip()
        return False
    if not phones:
        raise ValueError("tidak ada nomor telepon pelanggan")
    account = str(record.get("account_number") or "").strip() or f"TK-{number}"[:20]
    customer = s.scalar(select(Customer).where(Customer.account_number == account))
    if customer is None:
        customer = Customer(account_number=account, name=str(record.get("customer_name") or "-")[:120],
                            segment=segment, region=str(record.get("region") or "WIB").upper()[:4],
                            email=record.get("email") or None)
        s.add(customer)
        s.flush()
    elif record.get("email"):
        customer.email = record["email"]
    known = set(s.scalars(select(Phone.e164).where(Phone.customer_id == customer.id)))
    for e164, label in phones:
        if e164 not in known:
            s.add(Phone(customer_id=customer.id, e164=e164, label=label))
    item = WorkItem(customer_id=customer.id, program="TIER2", priority=PRIORITY_BY_TYPE[ttype], source=source,
                    external_ref=number, created_at=now, updated_at=now)
    s.add(item)
    s.flush()
    hard = ttype is TicketType.HARD_COMPLAINT
    routing = route_for_segment(segment, hard) if hard else None
    s.add(Ticket(work_item_id=item.id, ticket_number=number, ticket_type=ttype.value, service=service,
                 escort_tl_id=escort_id, hard_complaint=hard, routed_to=_routed_to(routing),
                 hard_complaint_criteria={"repeat_reports": repeat} if hard else None, **info))
    return True


def _import_records(ctx: AppContext, records: Iterable[tuple[str, Mapping[str, Any]]], source: str,
                    summary: ImportSummary) -> ImportSummary:
    now = ctx.clock.now()
    with ctx.database.session() as s:
        for where, record in records:
            try:
                with s.begin_nested():           # one bad record does not spoil the others
                    created = upsert_ticket(s, record, source, now, summary.warnings)
            except (ValueError, TypeError) as exc:
                summary.errors.append(f"{where}: {exc}")
                continue
            if created:
                summary.created += 1
            else:
                summary.updated += 1
        s.add(AuditEntry(at=now, user_id=ctx.user.id if ctx.user else None, action="tier2.import",
                         target=source[:120], details={"created": summary.created, "updated": summary.updated,
                                                       "errors": summary.errors[:50],
                                                       "warnings": summary.warnings[:50]}))
    log.info("tier2 import from %s: %s", source, summary.text())
    return summary


def import_callback_tickets(ctx: AppContext, client, page_size: int = 100) -> ImportSummary:
    """Every ticket the Callback app offers (all pages) into the Tier-2 queue."""
    _require_importer(ctx)
    records: list[tuple[str, Mapping[str, Any]]] = []
    cursor = None
    while True:
        page = client.fetch_tickets(page_size, cursor)
        records += [(f"tiket {r.get('ticket_number', '?')}", r) for r in page.items]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    return _import_records(ctx, records, "callback", ImportSummary())


# Header texts (normalised: lower case, punctuation as spaces) naming each ticket column.
XLSX_COLUMNS = {
    "ticket_number": ("no tiket", "nomor tiket", "ticket number", "ticket", "tiket", "no ticket", "incident"),
    "ticket_type": ("jenis tiket", "tipe tiket", "ticket type", "jenis", "kategori"),
    "service": ("layanan", "service", "produk"),
    "segment": ("segmen", "segment"),
    "account_number": ("no internet", "nomor internet", "account number", "snd", "no layanan", "account"),
    "customer_name": ("nama pelanggan", "customer name", "nama", "pelanggan"),
    "phones": ("no hp", "nomor hp", "no telepon", "telepon", "phone", "phones", "no kontak", "kontak"),
    "email": ("email", "e mail"),
    "region": ("zona", "zona waktu", "region", "wilayah waktu"),
    "rfo_cause": ("rfo penyebab", "penyebab", "rfo cause", "cause"),
    "rfo_repair": ("rfo perbaikan", "perbaikan", "rfo repair", "repair"),
    "repeat_reports": ("lapul", "lapor ulang", "repeat reports", "jumlah lapul"),
    "progress_notes": ("catatan", "progress", "progress notes", "keterangan"),
    "escort_tl": ("tl pengawal", "escort tl", "tl", "team leader"),
}
_REQUIRED_XLSX = ("ticket_number", "service", "customer_name", "phones")


def _column_for(header: str) -> str | None:
    for name, synonyms in XLSX_COLUMNS.items():
        if header in synonyms:
            return name
    return None


def _score(cells: list[str]) -> int:
    found = {_column_for(c) for c in cells} - {None}
    return len(found) if {"ticket_number", "service"} <= found else 0


def import_ticket_xlsx(ctx: AppContext, path: str | Path) -> ImportSummary:
    """Tickets from a spreadsheet (XLSX, or CSV as Excel saves it); bad rows are listed, not fatal."""
    from app.services.import_readers import ImportFileError, normalise_header, open_table
    _require_importer(ctx)
    path = Path(path)
    try:
        table = open_table(path, _score)
    except ImportFileError as exc:
        if "Kolom dapros" in str(exc):
            raise Tier2Error(f"Kolom tiket tidak dikenali di berkas {path.name}: baris judul harus memuat "
                             "'No Tiket', 'Layanan', 'Nama Pelanggan' dan 'No HP'.") from exc
        raise Tier2Error(str(exc)) from exc
    columns = {i: _column_for(normalise_header(h)) for i, h in enumerate(table.header)}
    missing = [c for c in _REQUIRED_XLSX if c not in columns.values()]
    if missing:
        raise Tier2Error(f"Kolom wajib tidak ada di berkas {path.name}: {', '.join(missing)}.")

    def records():
        for number, values in table.rows():
            if not any(v not in (None, "") for v in values):
                continue
            record: dict[str, Any] = {}
            for i, value in enumerate(values):
                name = columns.get(i)
                if name and value not in (None, ""):
                    record[name] = str(int(value)) if isinstance(value, float) and value.is_integer() \
                        else (value if name == "repeat_reports" else str(value).strip())
            yield f"baris {number}", record
    return _import_records(ctx, records(), path.name[:120], ImportSummary())


# -- hard complaint (rules 7, 11) ---------------------------------------------------------------------

def _routed_to(routing: Routing | None) -> str | None:
    if routing is None:
        return None
    where = f"unit {routing.unit}" if routing.unit else "Tier-2"
    return f"{where}; eskalasi" if routing.escalate else where


def _criteria(value: HardComplaintCriteria | Mapping[str, Any]) -> HardComplaintCriteria:
    if isinstance(value, HardComplaintCriteria):
        return value
    return HardComplaintCriteria(**{k: value[k] for k in CRITERIA_FIELDS if k in value})


def mark_hard_complaint(ctx: AppContext, item_id: int,
                        criteria: HardComplaintCriteria | Mapping[str, Any]) -> HardComplaintOutcome:
    """Record the criteria ticked during the call; any one makes the ticket a hard complaint,
    routed by the customer's segment (DCS: to the DCS unit and escalated)."""
    user = acting(ctx, Permission.WORK_QUEUE)
    crit = _criteria(criteria)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        if item is None or item.ticket is None:
            raise Tier2Error(f"Tiket untuk data #{item_id} tidak ditemukan.")
        if item.claimed_by_id != user.id and not has_permission(user.role, Permission.SET_SUPER_EMERGENCY):
            raise Tier2Error("Tiket ini tidak sedang Anda kerjakan.")
        ticket, customer = item.ticket, s.get(Customer, item.customer_id)
        hard = crit.is_hard_complaint()
        routing = route_for_segment(customer.segment, hard)
        ticket.hard_complaint = hard
        ticket.hard_complaint_criteria = dict(crit.as_dict(), met=list(crit.reasons()),
                                              escalated=routing.escalate) if hard else None
        ticket.routed_to = _routed_to(routing) if hard else None
        if hard:
            item.priority = min(item.priority, PRIORITY_BY_TYPE[TicketType.HARD_COMPLAINT])
        s.add(AuditEntry(at=now, user_id=user.id, action="tier2.hard_complaint",
                         target=f"ticket:{ticket.ticket_number}",
                         details={"hard_complaint": hard, "criteria": crit.as_dict(), "met": list(crit.reasons()),
                                  "routed_to": ticket.routed_to, "escalate": routing.escalate}))
        return HardComplaintOutcome(ticket.ticket_number, hard, crit.reasons(), routing, ticket.routed_to)


# -- promise escort and super emergency (rules 8, 9) ----------------------------------------------------

def _promise_load(s: Session, tl_id: int, exclude_ticket: int | None = None) -> int:
    stmt = select(Ticket.id).where(Ticket.escort_tl_id == tl_id,
                                   Ticket.ticket_type.in_(sorted(t.value for t in PROMISE_TICKET_TYPES)),
                                   Ticket.status.in_(OPEN_STATUSES))
    if exclude_ticket is not None:
        stmt = stmt.where(Ticket.id != exclude_ticket)
    return len(s.scalars(stmt).all())


def _lock_ticket(ctx: AppContext, s: Session, ticket_id: int) -> Ticket:
    ticket = s.get(Ticket, ticket_id, with_for_update=ctx.database.dialect == "postgresql")
    if ticket is None:
        raise Tier2Error(f"Tiket #{ticket_id} tidak ditemukan.")
    if ticket.status == "closed":
        raise Tier2Error(f"Tiket {ticket.ticket_number} sudah ditutup.")
    return ticket


def _lock_tl(ctx: AppContext, s: Session, tl_id: int) -> User:
    # Locking the TL's row serialises two desks escorting for the same TL (PostgreSQL).
    tl = s.get(User, tl_id, with_for_update=ctx.database.dialect == "postgresql")
    if tl is None or tl.role != Role.TEAM_LEADER.value:
        raise Tier2Error("Pengawal tiket janji harus seorang team leader.")
    return tl


def set_super_emergency(ctx: AppContext, ticket_id: int, note: str | None = None) -> EscortedTicket:
    """A TL sets the ticket to super emergency and escorts it (at most 3 promise tickets each);
    MyCX hears it through the outbox ("mycx_status")."""
    user = acting(ctx, Permission.SET_SUPER_EMERGENCY)
    now = ctx.clock.now()
    from app.desk import new_idempotency_key
    with ctx.database.session() as s:
        ticket = _lock_ticket(ctx, s, ticket_id)
        escort_id = ticket.escort_tl_id or user.id
        tl = _lock_tl(ctx, s, escort_id)
        if not (is_promise_ticket(ticket.ticket_type) and ticket.escort_tl_id == escort_id):
            check_escort_limit(_promise_load(s, escort_id, exclude_ticket=ticket.id))
        previous = ticket.ticket_type
        ticket.ticket_type = TicketType.SUPER_EMERGENCY.value
        ticket.escort_tl_id = escort_id
        item = s.get(WorkItem, ticket.work_item_id)
        item.priority = min(item.priority, PRIORITY_BY_TYPE[TicketType.SUPER_EMERGENCY])
        s.add(OutboxMessage(destination="mycx_status", idempotency_key=new_idempotency_key(), next_attempt_at=now,
                            created_at=now, payload={"ticket_id": ticket.ticket_number, "status": "super_emergency",
                                                     "note": note or f"Super emergency, dikawal {tl.full_name}",
                                                     "by": user.username}))
        s.add(AuditEntry(at=now, user_id=user.id, action="tier2.super_emergency",
                         target=f"ticket:{ticket.ticket_number}",
                         details={"from": previous, "escort_tl_id": escort_id, "note": note}))
        s.flush()
        return _escorted(s, ticket)


def assign_escort(ctx: AppContext, ticket_id: int, tl_id: int) -> EscortedTicket:
    """Hand a ticket to a TL to escort; a promise ticket counts against that TL's limit of 3."""
    user = acting(ctx, Permission.SET_SUPER_EMERGENCY)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        ticket = _lock_ticket(ctx, s, ticket_id)
        _lock_tl(ctx, s, tl_id)
        if is_promise_ticket(ticket.ticket_type) and ticket.escort_tl_id != tl_id:
            check_escort_limit(_promise_load(s, tl_id, exclude_ticket=ticket.id))
        previous, ticket.escort_tl_id = ticket.escort_tl_id, tl_id
        s.add(AuditEntry(at=now, user_id=user.id, action="tier2.assign_escort",
                         target=f"ticket:{ticket.ticket_number}", details={"from": previous, "to": tl_id}))
        s.flush()
        return _escorted(s, ticket)


def _escorted(s: Session, ticket: Ticket) -> EscortedTicket:
    item = s.get(WorkItem, ticket.work_item_id)
    customer = s.get(Customer, item.customer_id)
    tl = s.get(User, ticket.escort_tl_id) if ticket.escort_tl_id else None
    return EscortedTicket(ticket.id, ticket.ticket_number, ticket.ticket_type, ticket.service, customer.name,
                          customer.segment, ticket.status, ticket.escort_tl_id, tl.full_name if tl else None)


def escort_load(ctx: AppContext, tl_id: int) -> tuple[EscortedTicket, ...]:
    """The promise tickets (super emergency, buzzer, buzzer visit) a TL escorts and that are not closed."""
    with ctx.database.session() as s:
        ids = s.scalars(select(Ticket.id).where(
            Ticket.escort_tl_id == tl_id, Ticket.status.in_(OPEN_STATUSES),
            Ticket.ticket_type.in_(sorted(t.value for t in PROMISE_TICKET_TYPES))).order_by(Ticket.id)).all()
        return tuple(_escorted(s, s.get(Ticket, i)) for i in ids)


def open_tickets(ctx: AppContext, search: str = "", offset: int = 0,
                 limit: int = 100) -> tuple[list[EscortedTicket], int]:
    """One page of tickets not closed, promise tickets first, for the TL to choose from
    (search by ticket number or customer name); (rows, total)."""
    from sqlalchemy import func
    with ctx.database.session() as s:
        stmt = (select(Ticket.id).join(WorkItem, WorkItem.id == Ticket.work_item_id)
                .join(Customer, Customer.id == WorkItem.customer_id).where(Ticket.status.in_(OPEN_STATUSES)))
        if search.strip():
            like = f"%{search.strip().lower()}%"
            stmt = stmt.where(func.lower(Ticket.ticket_number).like(like) | func.lower(Customer.name).like(like))
        total = s.scalar(select(func.count()).select_from(stmt.subquery()))
        ids = s.scalars(stmt.order_by(WorkItem.priority, Ticket.id).offset(offset).limit(limit)).all()
        return [_escorted(s, s.get(Ticket, i)) for i in ids], int(total or 0)


# -- outbox destinations ---------------------------------------------------------------------------------

def mycx_status_sender(mycx):
    """Outbox sender for "mycx_status": payload {ticket_id, status, note?, pending_until?, by?}."""
    def send(payload: Mapping[str, Any], idempotency_key: str):
        return mycx.update_ticket_status(str(payload["ticket_id"]), str(payload["status"]), idempotency_key,
                                         note=payload.get("note"), pending_until=payload.get("pending_until"),
                                         by=payload.get("by"))
    return send


def register_tier2_destinations(worker, settings, *, mycx=None, mailer=None) -> list[str]:
    """Add the "email" (RFO by SMTP) and "mycx_status" senders to an OutboxWorker; the names added.

    Without an SMTP host the "email" sender still exists and fails each message with a
    configuration error (shown as failed in the outbox) instead of leaving it silently unsent.
    """
    from app.services.rfo_mail import RfoMailer
    added = []
    if mycx is None and settings.get("api.mycx_url"):
        from app.services.mycx import MyCXClient
        mycx = MyCXClient.from_settings(settings)
    if mycx is not None:
        worker.senders["mycx_status"] = mycx_status_sender(mycx)
        added.append("mycx_status")
    worker.senders["email"] = (mailer or RfoMailer.from_settings(settings)).deliver
    added.append("email")
    return added


def ticket_criteria(ctx: AppContext, item_id: int) -> dict[str, Any]:
    """The hard-complaint criteria recorded on an item's ticket ({} when none), for the ticket panel."""
    with ctx.database.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.work_item_id == item_id))
        if ticket is None:
            return {}
        return dict(ticket.hard_complaint_criteria or {}, hard_complaint=ticket.hard_complaint,
                    routed_to=ticket.routed_to)
