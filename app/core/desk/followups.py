"""What a saved result owes the other systems besides the result itself (the procedures' loops).

Called by app.core.desk.result.write_result inside its one transaction, after the
Tier-2 closing rule has set the ticket's status:
- every call's reason to CWC and Nonatero, at a site that names them (P-01 8.1
  step 6, 11.6; MyCX and TAMARA are written by write_result itself);
- a Tier-2 ticket's change to MyCX and a note with its details in NOSSA: pend with
  its time (W-03 1.2.6-1.2.7), close (1.2.9-1.2.10), back to repair with an
  escalation to the back-end (W-08 1.2.16); the RFO by e-mail after a close with the
  customer's agreement (W-08 1.2.17);
- the catalogue's actions: `escalate` (a bill dispute to billing, a Tier-2 hard
  complaint to Support HC through Sephia) and `create_fault_ticket` (the fault
  ticket filed during the call is linked, else one is created from the form).
It only builds outbox rows and links; it never talks HTTP and never commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.domain.results import FAULT_FIELDS
from app.domain.tier2 import SERVICE_NORMAL_BY_CODE, HardComplaintCriteria
from app.domain.workitem import WorkItemState
from app.store.models import Customer, FaultReport, OutboxMessage, Result, WorkItem
from app.store.outbox_repo import new_message

#: Where the catalogue's `escalate` sends a collection result (site data could extend it).
ESCALATION_TARGET_BY_REASON = {"CT-DSP": "billing"}
#: Destinations that get every call's result where the site names the system's URL.
ALL_REASON_DESTINATIONS = (("cwc", "api.cwc_url"), ("nonatero", "api.nonatero_url"))

_REPORT_TO_FIELDS = {"product_id": "fault_product_id", "reporter_name": "fault_reporter_name",
                     "reporter_phone": "fault_reporter_phone", "email": "fault_email",
                     "symptom": "fault_symptom", "description": "fault_description"}


def all_reason_destinations(settings) -> tuple[str, ...]:
    return tuple(name for name, key in ALL_REASON_DESTINATIONS if settings.get(key))


# -- the fault ticket filed during the call (W-08 1.2.6) ------------------------------------------------

def unlinked_faults_filed():
    """True for a work item with fault tickets filed during the call and not yet part of a result:
    an EXISTS the save's first read carries, so the common save (none filed) reads no list."""
    return exists().where(FaultReport.work_item_id == WorkItem.id, FaultReport.result_id.is_(None))


def filed_fault_reports(s: Session, item_id: int) -> list[FaultReport]:
    """Fault tickets filed for this item during the call and not yet part of a result."""
    return list(s.scalars(select(FaultReport).where(FaultReport.work_item_id == item_id,
                                                    FaultReport.result_id.is_(None)).order_by(FaultReport.id)))


def with_filed_fault(s: Session, filed: list[FaultReport], reason, fields: dict[str, Any]) -> dict[str, Any]:
    """A reason that needs the fault report (CT-CMP) takes the one filed during the call when the
    form's fault fields are empty: the agent does not type it twice."""
    if not filed or not reason.creates_ticket or any(fields.get(f) for f in FAULT_FIELDS):
        return fields
    report = (s.get(OutboxMessage, filed[-1].outbox_id).payload or {}).get("report", {})
    return dict(fields, **{_REPORT_TO_FIELDS[k]: v for k, v in report.items() if k in _REPORT_TO_FIELDS and v})


def link_filed_faults(s: Session, filed: list[FaultReport], result: Result) -> None:
    """Attach the faults filed during the call to this result."""
    for report in filed:
        report.result_id = result.id
        message = s.get(OutboxMessage, report.outbox_id)
        if message is not None and message.result_id is None:
            message.result_id = result.id


# -- the follow-ups ---------------------------------------------------------------------------------------

def followups(s: Session, item: WorkItem, customer: Customer, result: Result, reason, decision, user,
              now: datetime) -> Iterator[OutboxMessage]:
    rid = f"{result.id}-r{result.revision}"
    ticket = item.ticket
    if ticket is None:
        if "escalate" in decision.actions:
            yield new_message("escalation", {
                "reference": f"result-{rid}", "target": ESCALATION_TARGET_BY_REASON.get(reason.code, "backend"),
                "reason": reason.label_id, "account_number": customer.account_number, "segment": customer.segment,
                "note": result.notes, "by": user.username, "at": now.isoformat()}, now, result.id)
        return
    yield from _ticket_changes(item, customer, result, reason, decision, user, now, rid)
    if "escalate" in decision.actions or "create_fault_ticket" in decision.actions:
        _hard_complaint_case(s, item, customer, result, user, now)


def _ticket_changes(item, customer, result, reason, decision, user, now, rid) -> Iterator[OutboxMessage]:
    ticket = item.ticket
    number = ticket.ticket_number
    details = "; ".join(p for p in (decision.summary_id, reason.label_id, result.notes) if p)
    change: dict[str, Any] | None = None
    note: dict[str, Any] | None = None
    if "send_rfo_email" in decision.actions:           # a Datin ticket pends (W-03 1.2.6-1.2.7)
        until = decision.next_attempt_at.isoformat() if decision.next_attempt_at else None
        mailed = "RFO dan info perbaikan dikirim via e-mail" if customer.email else \
            "RFO tidak dapat dikirim: alamat e-mail pelanggan kosong"
        change = {"status": "pending", "pending_until": until, "note": details}
        note = {"kind": "pending", "text": f"{details}. {mailed}.", "pending_until": until}
    elif ticket.status == "back_to_repair":             # reached, not normal (W-08 1.2.16)
        change = {"status": "back_to_repair", "note": details}
        note = {"kind": "back_to_repair", "text": f"Layanan belum normal: {details}"}
        yield new_message("escalation", {
            "reference": f"result-{rid}", "target": "backend", "reason": "Layanan belum normal setelah perbaikan",
            "ticket_number": number, "account_number": customer.account_number, "segment": customer.segment,
            "note": result.notes, "by": user.username, "at": now.isoformat()}, now, result.id)
    elif ticket.status == "closed":                     # W-03 1.2.9-1.2.10, W-08 1.2.16-1.2.17
        change = {"status": "closed", "note": details}
        note = {"kind": "closing", "text": f"Ditutup: {details}"}
        if SERVICE_NORMAL_BY_CODE.get(reason.code) and customer.email:
            yield new_message("email", {
                "template": "rfo_closed", "to": customer.email, "customer_name": customer.name,
                "ticket_number": number, "rfo_cause": ticket.rfo_cause or "", "rfo_repair": ticket.rfo_repair or "",
                "agent": user.username}, now, result.id)
    if change is not None:
        # Each is retried on its own, so a pend may arrive after the close: the time orders them.
        yield new_message("mycx_ticket_status", dict({k: v for k, v in change.items() if v is not None},
                                                     ticket_id=number, result_id=rid, by=user.username,
                                                     changed_at=now.isoformat()), now, result.id)
        yield new_message("nossa_note", dict({k: v for k, v in note.items() if v is not None},
                                             incident=number, by=user.username, result_id=rid,
                                             at=now.isoformat()), now, result.id)


def _hard_complaint_case(s: Session, item, customer, result, user, now) -> None:
    """T2-HC: the customer is a hard complaint; Support HC takes it through Sephia (W-24 5.1)."""
    from app.core.supporthc.cases import case_for_item, open_case
    if case_for_item(s, item.id) is not None:
        return
    ticket = item.ticket
    criteria = HardComplaintCriteria(repeat_reports=ticket.repeat_reports or 0)
    met = criteria.reasons() or ("dinyatakan komplain keras oleh agen Tier-2",)
    open_case(s, kind="hard_complaint", source="ticket", account_number=customer.account_number,
              customer_name=customer.name, segment=customer.segment, met=met, by=user, now=now,
              note=result.notes, work_item_id=item.id, ticket=ticket, details=criteria.as_dict())
    ticket.hard_complaint = True


def is_closing(state: WorkItemState) -> bool:
    return state in (WorkItemState.DONE, WorkItemState.CLOSED_UNREACHABLE)
