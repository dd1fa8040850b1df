"""Taking in the site mailbox by the customer's segment (W-89, DOMAIN rule 11).

Each new e-mail is read (app.domain.email_routing), its customer found by the
sender's address or an internet number it quotes, and routed by segment
(app.domain.tier2.route_for_segment): DES/DGS/DBS are handled here (recorded for the
e-mail agent); a DBS request is forwarded to the DBS unit; DCS is forwarded to the
DCS unit, and a DCS hard complaint also opens a Support HC case (Sephia, and the
escalation to the DCS unit).  The customer is told where it went.  Forwards and
replies are outbox e-mails, committed with the intake's record in one transaction;
the message is marked done in IMAP only after that, and a Message-ID already
recorded is never taken in twice.  No Qt; IMAP through app.services.mailbox.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from sqlalchemy import func, select

from app.core.context import AppContext
from app.core.supporthc.cases import open_case
from app.domain.email_routing import account_numbers, read_mail
from app.domain.roles import Permission, require
from app.domain.text import TextError
from app.domain.tier2 import Segment, route_for_segment
from app.store import audit
from app.store.models import Customer, MailIntake
from app.store.outbox_repo import new_message

log = logging.getLogger(__name__)
UNITS = ("DBS", "DCS")


class IntakeNotConfigured(Exception):
    """The units' addresses are not set; the message says which (Indonesian)."""


@dataclass
class IntakeSummary:
    read: int = 0
    handled: int = 0                 # DES/DGS/DBS: handled by the e-mail agent
    forwarded: dict[str, int] = field(default_factory=dict)     # unit -> e-mails forwarded
    escalated: int = 0               # DCS hard complaints (Support HC case + DCS unit)
    unidentified: int = 0            # no customer found: an agent checks it
    already: int = 0                 # taken in before (a crash between commit and IMAP flag)

    def text(self) -> str:
        fwd = ", ".join(f"{n} ke unit {u}" for u, n in sorted(self.forwarded.items())) or "tidak ada yang diteruskan"
        return (f"{self.read} e-mail dibaca: {self.handled} ditangani, {fwd}, {self.escalated} dieskalasi, "
                f"{self.unidentified} pelanggan tidak dikenali")


def unit_addresses(settings) -> dict[str, str]:
    units = {u: str(settings.get(f"mail_intake.units.{u}") or "").strip() for u in UNITS}
    missing = [u for u, a in units.items() if "@" not in a]
    if missing:
        raise IntakeNotConfigured("Alamat e-mail unit belum diatur: "
                                  + ", ".join(f"mail_intake.units.{u}" for u in missing) + ".")
    return units


def take_in_mail(ctx: AppContext, mailbox) -> IntakeSummary:
    """Read every new e-mail of an open `mailbox` (app.services.mailbox.Mailbox) and route it."""
    if ctx.user is not None and ctx.user.id is not None:
        require(ctx.user.role, Permission.WORK_QUEUE)        # the e-mail agent; no one named: the system (cron)
    units = unit_addresses(ctx.settings)
    summary = IntakeSummary()
    for uid, raw in mailbox.waiting():
        summary.read += 1
        outcome = _take_in(ctx, raw, mailbox.config.mailbox, units)
        if outcome == "already":
            summary.already += 1
        elif outcome == "handled":
            summary.handled += 1
        elif outcome == "unidentified":
            summary.unidentified += 1
        else:
            unit, escalated = outcome
            summary.forwarded[unit] = summary.forwarded.get(unit, 0) + 1
            summary.escalated += int(escalated)
        mailbox.mark_done(uid)
    log.info("mail intake: %s", summary.text())
    return summary


def _parse(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def _text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def _customer(s, sender: str, subject: str, body: str) -> Customer | None:
    found = s.scalar(select(Customer).where(func.lower(Customer.email) == sender.lower()).limit(1)) if sender else None
    if found is None:
        for number in account_numbers(f"{subject}\n{body}"):
            found = s.scalar(select(Customer).where(Customer.account_number == number))
            if found is not None:
                break
    return found


def _take_in(ctx: AppContext, raw: bytes, mailbox: str, units: dict[str, str]):
    msg = _parse(raw)
    message_id = (msg["Message-ID"] or "").strip() or "sha256:" + hashlib.sha256(raw).hexdigest()
    sender = parseaddr(str(msg["From"] or ""))[1]
    subject = str(msg["Subject"] or "(tanpa subjek)")
    body = _text_of(msg)
    try:
        received = parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else None
    except (TypeError, ValueError):
        received = None
    reading = read_mail(subject, body)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        if s.scalar(select(MailIntake.id).where(MailIntake.message_id == message_id[:250])) is not None:
            return "already"
        customer = _customer(s, sender, subject, body)
        record = MailIntake(message_id=message_id[:250], mailbox=mailbox[:80], sender=sender[:200],
                            subject=subject[:250], kind=reading.kind, hard_complaint=reading.hard_complaint,
                            customer_id=customer.id if customer else None, received_at=received, processed_at=now)
        s.add(record)
        if customer is None:
            record.routing = "tidak dikenali: dicek agen"
            outcome = "unidentified"
        else:
            segment = Segment(customer.segment).value
            record.segment = segment
            routing = route_for_segment(segment, reading.hard_complaint, is_request=reading.is_request)
            record.routing = routing.note_id[:60]
            if routing.handled_here:
                outcome = "handled"
            else:
                unit = routing.unit
                s.add(new_message("email", {
                    "template": "forward", "to": units[unit], "reply_to": sender, "unit": unit, "segment": segment,
                    "routing": routing.note_id, "original_from": sender, "original_date": str(msg["Date"] or "-"),
                    "original_subject": subject, "original_body": body.strip() or "-",
                    "hard_complaint": "ya" if reading.hard_complaint else "tidak"}, now))
                if sender:
                    s.add(new_message("email", {"template": "forward_ack", "to": sender,
                                                "customer_name": customer.name, "unit": unit,
                                                "original_subject": subject}, now))
                if routing.escalate:
                    case = open_case(s, kind="hard_complaint", source="email",
                                     account_number=customer.account_number, customer_name=customer.name,
                                     segment=segment, met=reading.criteria.reasons(), by=ctx.user, now=now,
                                     note=f"E-mail: {subject}"[:500], details=reading.criteria.as_dict())
                    s.flush()
                    record.case_id = case.id
                outcome = (unit, routing.escalate)
        audit.record(s, ctx.user, "mail.intake", message_id[:120],
                     {"segment": record.segment, "kind": reading.kind, "hard_complaint": reading.hard_complaint,
                      "routing": record.routing}, at=now)
    return outcome


class MailboxUnreachable(TextError):
    """The site mailbox cannot be opened or read; the message is for people."""


def take_in_site_mailbox(ctx: AppContext) -> IntakeSummary:
    """The site mailbox of the settings (`mail_intake.*`, keyring "imap_password"), read once."""
    from app.services.errors import ServiceError
    from app.services.mailbox import Mailbox
    unit_addresses(ctx.settings)                 # refused before the mailbox is opened
    try:
        with Mailbox.from_settings(ctx.settings) as mailbox:
            return take_in_mail(ctx, mailbox)
    except ServiceError as exc:
        raise MailboxUnreachable(exc.user_text or exc.user_message) from exc
