"""The Tier-2 card's look-ups and the escort actions beside them (W-08 1.2.7-1.2.12, W-03 1.2.2).

`lookup_ticket` asks, off the GUI thread like the bill, the supporting apps about
the ticket on the desk: is the service normal now (before closing), what NOSSA says
of the repair's progress, and whether an EOS escorts the customer.  A system that
is down or not configured is a line in the answer, never an exception.  The
actions write outbox rows: `escalate_ticket` to the back-end, top management or the
customer's EOS (1.2.9, 1.2.10, 1.2.12) and `send_progress_email` (1.2.11).  No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.context import AppContext, acting
from app.core.desk.fault_ticket import ServiceCheck, check_service
from app.core.tier2.escalation import Tier2Error
from app.domain.roles import Permission
from app.domain.text import Text
from app.store import audit
from app.store.models import Customer, WorkItem
from app.store.outbox_repo import new_message

ESCALATION_TARGETS = {"backend": "back-end", "top_management": "manajemen puncak", "eos": "EOS"}


@dataclass(frozen=True)
class TicketLookups:
    ticket_number: str
    service: ServiceCheck
    progress_status: str | None          # NOSSA's status (open/in_progress/pending/resolved/closed), None: unknown
    progress: tuple[tuple[str, str], ...]   # (at, text), oldest first
    progress_error: str | None
    eos_name: str | None                 # the EOS escorting the customer, None when none or unknown
    eos_contact: str | None
    eos_error: str | None


def lookup_ticket(ctx: AppContext, ticket_number: str, account_number: str) -> TicketLookups:
    from app.services.errors import NotFound, ServiceError
    service = check_service(ctx, account_number)
    progress_status, progress, progress_error = None, (), None
    nossa = ctx.services.get("nossa")
    if nossa is None:
        progress_error = "Alamat NOSSA belum diatur di pengaturan."
    else:
        try:
            incident = nossa.incident(ticket_number)
            progress_status, progress = incident.status, incident.notes
        except NotFound:
            progress_error = f"NOSSA tidak mengenal tiket {ticket_number}."
        except ServiceError as exc:
            progress_error = exc.user_message
    eos_name = eos_contact = eos_error = None
    mycx = ctx.services.get("mycx")
    if mycx is None:
        eos_error = "Alamat MyCX belum diatur di pengaturan."
    else:
        try:
            eos = mycx.eos(account_number)
            if eos.has_eos:
                eos_name = eos.name
                eos_contact = " / ".join(x for x in (eos.phone, eos.email) if x) or None
        except NotFound:
            eos_error = f"MyCX tidak mengenal pelanggan {account_number}."
        except ServiceError as exc:
            eos_error = exc.user_message
    return TicketLookups(ticket_number, service, progress_status, tuple(progress), progress_error, eos_name,
                         eos_contact, eos_error)


def _ticket_item(ctx: AppContext, s, item_id: int, user) -> WorkItem:
    item = s.get(WorkItem, item_id)
    if item is None or item.ticket is None:
        raise Tier2Error(Text(f"Tiket untuk data #{item_id} tidak ditemukan.",
                              f"No ticket found for record #{item_id}."))
    if item.claimed_by_id != user.id:
        raise Tier2Error(Text("Tiket ini tidak sedang Anda kerjakan.", "You are not working on this ticket."))
    return item


def escalate_ticket(ctx: AppContext, item_id: int, target: str, note: str, eos_name: str | None = None) -> str:
    """Hand the ticket on the desk to the back-end, top management or the customer's EOS; the
    message for the agent."""
    user = acting(ctx, Permission.WORK_QUEUE)
    if target not in ESCALATION_TARGETS:
        raise Tier2Error(Text("Tujuan eskalasi harus back-end, manajemen puncak atau EOS.",
                              "Escalate to the back-end, top management or the EOS."))
    if not note.strip():
        raise Tier2Error(Text("Tulis alasan eskalasi dulu.", "Write the reason for the escalation first."))
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = _ticket_item(ctx, s, item_id, user)
        ticket, customer = item.ticket, s.get(Customer, item.customer_id)
        reason = {"backend": "Percepatan penanganan gangguan",
                  "top_management": "Eskalasi percepatan penanganan gangguan ke manajemen",
                  "eos": f"Pengawalan oleh EOS {eos_name or ''}".strip()}[target]
        s.add(new_message("escalation", {
            "reference": f"ticket-{ticket.ticket_number}", "target": target, "reason": reason,
            "ticket_number": ticket.ticket_number, "account_number": customer.account_number,
            "segment": customer.segment, "note": note.strip(), "by": user.username, "at": now.isoformat()}, now))
        audit.record(s, user, "tier2.escalate", f"ticket:{ticket.ticket_number}",
                     {"target": target, "note": note.strip()}, at=now)
    return f"Tiket {ticket.ticket_number} dieskalasi ke {ESCALATION_TARGETS[target]}."


def send_progress_email(ctx: AppContext, item_id: int, progress: str) -> str:
    """The repair's latest progress to the customer by e-mail (W-08 1.2.11); the message for the agent."""
    user = acting(ctx, Permission.WORK_QUEUE)
    if not progress.strip():
        raise Tier2Error(Text("Tulis perkembangan penanganan dulu.", "Write the progress of the repair first."))
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = _ticket_item(ctx, s, item_id, user)
        ticket, customer = item.ticket, s.get(Customer, item.customer_id)
        if not customer.email:
            raise Tier2Error(Text("Pelanggan tidak punya alamat e-mail; sampaikan perkembangan lewat telepon.",
                                  "The customer has no e-mail address; tell them the progress by phone."))
        s.add(new_message("email", {"template": "progress", "to": customer.email, "customer_name": customer.name,
                                    "ticket_number": ticket.ticket_number, "progress": progress.strip(),
                                    "agent": user.username}, now))
        audit.record(s, user, "tier2.progress_email", f"ticket:{ticket.ticket_number}", {}, at=now)
    return f"Perkembangan tiket {ticket.ticket_number} dikirim ke e-mail pelanggan."
