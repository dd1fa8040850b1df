"""Bringing Tier-2 tickets in: from the Callback app (contract `CallbackTicket`) or an XLSX/CSV export.

Each ticket becomes a customer, its phones, a TIER2 work item and a Ticket row; a
ticket seen again only has its information refreshed, so a re-import never
restarts the 3-call rule.  Bad records are listed in the summary, never fatal.
Rule 9 (three promise tickets per team leader) holds for imports too.  No Qt and no
HTTP here (the Callback client is passed in); one transaction and one audit entry.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.context import AppContext
from app.domain.phone import normalize
from app.domain.roles import Permission, PermissionDenied, Role, has_permission
from app.domain.text import Text, TextError, words_of
from app.domain.tier2 import (MAX_PROMISE_TICKETS_PER_TL, Segment, Service, TicketType, is_promise_ticket,
                              route_for_segment)
from app.store import audit
from app.store.models import Customer, Phone, Ticket, User, WorkItem
from app.core.tier2.escalation import PRIORITY_BY_TYPE, Tier2Error, promise_load, routed_to

log = logging.getLogger(__name__)


class TicketRowError(TextError, ValueError):
    """One ticket record cannot be imported; the summary lists it and the import goes on."""


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



def may_import_tickets(role: str | None) -> bool:
    """Team leaders and admins (who import dapros) and Tier-2 agents bring tickets in."""
    return role is not None and (role == Role.TIER2 or has_permission(role, Permission.IMPORT_DAPROS))


def _require_importer(ctx: AppContext) -> None:
    user = ctx.user
    if user is not None and not may_import_tickets(user.role):
        raise PermissionDenied(user.role, Permission.IMPORT_DAPROS)


def _ticket_type(raw: Any) -> TicketType:
    text = str(raw or "").strip()
    if not text or text.lower() in ("regular", "reguler", "biasa", "gangguan"):
        return TicketType.REPAIRED_FAULT
    try:
        return TicketType(text)
    except ValueError:
        raise TicketRowError(Text(f"jenis tiket tidak dikenal: {text!r}", f"unknown ticket type: {text!r}")) from None


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
        raise TicketRowError(Text("nomor tiket kosong", "no ticket number"))
    ttype = _ticket_type(record.get("ticket_type"))
    try:
        service = Service(str(record.get("service") or "")).value
    except ValueError:
        raise TicketRowError(Text(f"layanan harus INDIHOME, POTS atau DATIN, bukan {record.get('service')!r}",
                                  f"the service must be INDIHOME, POTS or DATIN, not {record.get('service')!r}")) \
            from None
    try:
        segment = Segment(str(record.get("segment") or "DCS")).value
    except ValueError:
        raise TicketRowError(Text(f"segmen harus DES, DGS, DBS atau DCS, bukan {record.get('segment')!r}",
                                  f"the segment must be DES, DGS, DBS or DCS, not {record.get('segment')!r}")) from None
    repeat = int(record.get("repeat_reports") or 0)
    phones = _phones(record.get("phones"))
    escort_name = record.get("escort_tl")
    escort_id = s.scalar(select(User.id).where(User.username == str(escort_name))) if escort_name else None
    info = dict(rfo_cause=record.get("rfo_cause") or None, rfo_repair=record.get("rfo_repair") or None,
                repeat_reports=repeat, progress_notes=_notes(record.get("progress_notes")))
    ticket = s.scalar(select(Ticket).where(Ticket.ticket_number == number))
    if escort_id is not None and is_promise_ticket(ttype) and (ticket is None or ticket.escort_tl_id != escort_id) \
            and promise_load(s, escort_id, ticket.id if ticket else None) >= MAX_PROMISE_TICKETS_PER_TL:
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
        raise TicketRowError(Text("tidak ada nomor telepon pelanggan", "no customer phone number"))
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
                 escort_tl_id=escort_id, hard_complaint=hard, routed_to=routed_to(routing),
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
        audit.record(s, ctx.user, "tier2.import", source,
                     {"created": summary.created, "updated": summary.updated, "errors": summary.errors[:50],
                      "warnings": summary.warnings[:50]}, at=now)
    log.info("tier2 import from %s: %s", source, summary.text())
    return summary


class CallbackUnavailable(TextError):
    """The Callback app could not be reached or refused us; the message is for people."""


def pull_callback_tickets(ctx: AppContext) -> ImportSummary:
    """Every ticket of the Callback app the settings name (api.callback_url), with a client of its own."""
    if not ctx.settings.get("api.callback_url"):
        raise Tier2Error(Text("Alamat aplikasi Callback belum diatur (api.callback_url).",
                              "The address of the Callback app is not set (api.callback_url)."))
    from app.services.callback import CallbackClient
    from app.services.errors import ServiceError
    client = CallbackClient.from_settings(ctx.settings)
    try:
        return import_callback_tickets(ctx, client)
    except ServiceError as exc:
        raise CallbackUnavailable(exc.user_text or exc.user_message) from exc
    finally:
        client.close()


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
            raise Tier2Error(Text(f"Kolom tiket tidak dikenali di berkas {path.name}: baris judul harus memuat "
                                  "'No Tiket', 'Layanan', 'Nama Pelanggan' dan 'No HP'.",
                                  f"The ticket columns in {path.name} are not recognised: the header row must have "
                                  "'No Tiket', 'Layanan', 'Nama Pelanggan' and 'No HP'.")) from exc
        raise Tier2Error(words_of(exc)) from exc
    columns = {i: _column_for(normalise_header(h)) for i, h in enumerate(table.header)}
    missing = [c for c in _REQUIRED_XLSX if c not in columns.values()]
    if missing:
        raise Tier2Error(Text(f"Kolom wajib tidak ada di berkas {path.name}: {', '.join(missing)}.",
                              f"Required columns missing in {path.name}: {', '.join(missing)}."))

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
