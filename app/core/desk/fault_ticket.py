"""A new fault reported to MyCX while the customer is still on the line (W-08 1.2.3-1.2.6, DOMAIN rule 10).

`file_fault_ticket` checks the report (product ID, reporter, phone, e-mail, symptom,
description), queues it to MyCX through the outbox (delivered exactly once, kept while
MyCX is down) and wakes the delivering worker; `fault_ticket_state` reads what MyCX
answered: the ticket number to tell the customer, or "queued" while it waits.  The
wrap-up then links the ticket to the result instead of sending a second one
(app.core.desk.followups).  `check_service` is the supporting apps' look-up made before
ticketing: a service monitored normal is told to the customer instead (1.2.4).  No Qt;
HTTP only in `check_service`, which callers run off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy import select

from app.core.context import AppContext, acting
from app.core.desk.errors import DeskError, ResultInvalid
from app.core.desk.result import fault_payload
from app.core.events import Changes
from app.domain.programs import Program
from app.domain.reasons import Reason
from app.domain.results import FAULT_FIELDS, validate_result
from app.domain.roles import Permission
from app.domain.text import Text
from app.domain.calling_hours import TimeZoneRegion
from app.store import audit
from app.store.models import CallAttempt, Customer, FaultReport, OutboxMessage, WorkItem
from app.store.outbox_repo import new_message

# Every field of the report is required (rule 10, W-08 1.2.6: the e-mail too).
_FAULT_REASON = Reason(code="FAULT", label_id="Tiket gangguan", label_en="Fault ticket", category="right_party",
                       contacted=True, counts_as_attempt=False, closes="no", required_fields=FAULT_FIELDS,
                       programs=tuple(Program))


@dataclass(frozen=True)
class FaultTicketState:
    report_id: int
    status: str                  # queued | created | failed
    ticket_number: str | None
    product_id: str
    error: str | None = None     # why MyCX refused it (failed)


def validate_report(ctx: AppContext, fields: Mapping[str, Any]) -> dict[str, str]:
    """The report's problems by field ({} when it may be sent)."""
    today = ctx.clock.now().astimezone(TimeZoneRegion.WIB.zone).date()
    return validate_result(_FAULT_REASON, {k: fields.get(k) for k in FAULT_FIELDS}, Program.CT0, today)


def file_fault_ticket(ctx: AppContext, item_id: int, fields: Mapping[str, Any]) -> FaultTicketState:
    """Queue the report to MyCX for the customer on this agent's desk; ResultInvalid lists what to fix."""
    user = acting(ctx, Permission.WORK_QUEUE)
    errors = validate_report(ctx, fields)
    if errors:
        raise ResultInvalid(errors)
    now = ctx.clock.now()
    with ctx.database.session() as s:
        item = s.get(WorkItem, item_id)
        if item is None or item.claimed_by_id != user.id:
            raise DeskError(Text("Data ini tidak sedang Anda kerjakan.", "You are not working on this record."))
        customer = s.get(Customer, item.customer_id)
        attempt_id = s.scalar(select(CallAttempt.id).where(CallAttempt.work_item_id == item.id,
                                                           CallAttempt.agent_id == user.id)
                              .order_by(CallAttempt.id.desc()).limit(1))
        report = fault_payload(customer, dict(fields), user)
        message = new_message("mycx_ticket", {"action": "create", "report": report}, now)
        s.add(message)
        s.flush()
        filed = FaultReport(work_item_id=item.id, attempt_id=attempt_id, agent_id=user.id, outbox_id=message.id,
                            product_id=report["product_id"][:30], created_at=now)
        s.add(filed)
        audit.record(s, user, "desk.fault_ticket", f"item:{item.id}", {"product_id": report["product_id"],
                                                                       "outbox_id": message.id}, at=now)
        s.flush()
        state = FaultTicketState(filed.id, "queued", None, filed.product_id)
    worker = ctx.services.get("outbox")
    if worker is not None:
        worker.wake()                 # the customer is waiting for the number: do not wait for the poll
    ctx.changed.emit(Changes(deliveries=True, item_id=item_id))
    return state


def fault_ticket_state(ctx: AppContext, report_id: int) -> FaultTicketState:
    with ctx.database.session() as s:
        report = s.get(FaultReport, report_id)
        if report is None:
            raise DeskError(Text(f"Laporan gangguan #{report_id} tidak ditemukan.",
                                 f"Fault report #{report_id} not found."))
        message = s.get(OutboxMessage, report.outbox_id)
        return _state(report, message)


def fault_tickets_of(ctx: AppContext, item_id: int) -> list[FaultTicketState]:
    """The fault tickets filed for this customer's item, oldest first (the desk shows them again)."""
    with ctx.database.session() as s:
        reports = s.scalars(select(FaultReport).where(FaultReport.work_item_id == item_id)
                            .order_by(FaultReport.id)).all()
        return [_state(r, s.get(OutboxMessage, r.outbox_id)) for r in reports]


def _state(report: FaultReport, message: OutboxMessage | None) -> FaultTicketState:
    if message is not None and message.status == "delivered":
        number = (message.response or {}).get("ticket_number")
        return FaultTicketState(report.id, "created", number, report.product_id)
    if message is not None and message.status == "failed":
        return FaultTicketState(report.id, "failed", None, report.product_id, message.last_error)
    return FaultTicketState(report.id, "queued", None, report.product_id)


@dataclass(frozen=True)
class ServiceCheck:
    product_id: str
    status: str                 # normal | fault | unknown | unavailable
    detail: str                 # for the agent (Indonesian)


def check_service(ctx: AppContext, product_id: str) -> ServiceCheck:
    """The supporting apps' look-up (W-08 1.2.3): normal, fault, or why it could not be asked."""
    from app.services.errors import NotFound, ServiceError
    client = ctx.services.get("service_status")
    product_id = product_id.strip()
    if client is None:
        return ServiceCheck(product_id, "unavailable", "Alamat status layanan belum diatur di pengaturan.")
    try:
        state = client.status(product_id)
    except NotFound:
        return ServiceCheck(product_id, "unknown", f"Produk {product_id} tidak dikenal oleh pemantauan layanan.")
    except ServiceError as exc:
        return ServiceCheck(product_id, "unavailable", exc.user_message)
    return ServiceCheck(product_id, state.status, state.detail or "")
