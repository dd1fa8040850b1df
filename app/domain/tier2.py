"""Tier-2 callbacks: closing a repaired-fault ticket, hard complaints, routing, promise escort.

DOMAIN.md rules 6–9 and 11 (seed: callback instructions).  The 3-call closing
rule: call at least 3 times; reached and normal → close (Datin asking for
monitoring → close and open a request/monitoring ticket); reached and not normal
→ back to repair; Datin not reached → pend (day 1 h / night next morning), send
the RFO by e-mail, note details, then up to 3 more calls, then close; IndiHome
and POTS not reached after 3 → close with details.  Pure rules: no tickets are
created here, the Decision's actions tell the caller what to create.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from app.domain.decision import Decision, decide_by_reason, not_reached_decision, reason_actions
from app.domain.calling_hours import CallingHours, CustomerZone, TimeZoneRegion, customer_zone
from app.domain.clock import as_utc
from app.domain.programs import Program, ProgramRules, rules_for
from app.domain.reasons import Reason
from app.domain.text import Text, TextError
from app.domain.workitem import WorkItemState


class Tier2RuleError(TextError, ValueError):
    """A Tier-2 rule was given a value it cannot decide on."""


class _CaseInsensitive(str, Enum):
    @classmethod
    def _missing_(cls, value: object):
        if isinstance(value, str):
            key = value.strip().replace("-", "_").replace(" ", "_").upper()
            for member in cls:
                if member.name == key or member.value.upper() == key:
                    return member
        return None


class TicketType(_CaseInsensitive):
    HARD_COMPLAINT = "hard_complaint"
    SUPER_EMERGENCY = "super_emergency"
    BUZZER = "buzzer"
    BUZZER_VISIT = "buzzer_visit"
    REPAIRED_FAULT = "repaired_fault"


class Service(_CaseInsensitive):
    INDIHOME = "INDIHOME"    # home broadband
    POTS = "POTS"            # fixed telephone line
    DATIN = "DATIN"          # enterprise data communication


class Segment(_CaseInsensitive):
    DES = "DES"    # enterprise
    DGS = "DGS"    # government
    DBS = "DBS"    # business
    DCS = "DCS"    # consumer


# Rule 9: the tickets a team leader escorts as promises (manajemen janji).
PROMISE_TICKET_TYPES = frozenset({TicketType.SUPER_EMERGENCY, TicketType.BUZZER, TicketType.BUZZER_VISIT})
MAX_PROMISE_TICKETS_PER_TL = 3

PEND_ACTIONS = ("send_rfo_email", "note_details")
CLOSE_UNREACHABLE_ACTIONS = ("note_details",)


def closing_decision(service: Service | str, reached: bool, attempts_in_round: int, round_no: int,
                     service_normal: bool | None, monitoring_asked: bool, now: datetime,
                     region: TimeZoneRegion | CustomerZone | str | None, calling_hours: CallingHours, *,
                     rules: ProgramRules | None = None) -> Decision:
    """Rule 6 for one callback result.

    'Not normal' ends this callback (state done for the callback desk) with the
    action back_to_repair: the ticket goes back to the repair side and a new
    callback comes when it is repaired again — the desk does not keep calling.
    """
    service, region, now = Service(service), customer_zone(region), as_utc(now)
    rules = rules or rules_for(Program.TIER2)
    round_no = max(1, int(round_no))
    max_attempts = rules.max_attempts(round_no)
    if reached:
        if service_normal is None:
            raise Tier2RuleError(Text("Pelanggan terhubung: status layanan (normal/belum) wajib dikonfirmasi.",
                                      "Customer reached: confirm whether the service is back to normal."))
        if not service_normal:
            return Decision(WorkItemState.DONE, None, round_no, attempts_in_round, max_attempts, False,
                            "layanan belum normal: dikembalikan ke perbaikan (back-end)",
                            "service not normal: back to repair", ("back_to_repair",))
        if monitoring_asked and service is Service.DATIN:
            return Decision(WorkItemState.DONE, None, round_no, attempts_in_round, max_attempts, False,
                            "layanan normal, tiket ditutup; tiket baru request/monitoring dibuat",
                            "service normal, ticket closed; new request/monitoring ticket",
                            ("create_monitoring_ticket",))
        return Decision(WorkItemState.DONE, None, round_no, attempts_in_round, max_attempts, False,
                        "layanan normal, pelanggan mengizinkan tiket ditutup",
                        "service normal, customer agreed to close the ticket")
    return not_reached_decision(
        attempts_in_round=attempts_in_round, round_no=round_no, max_attempts=max_attempts,
        pend=service is Service.DATIN, now=now, region=region, hours=calling_hours,
        retry_interval=rules.retry_interval, daytime_pend=rules.daytime_pend,
        first_round_attempts=rules.first_round_attempts, pend_actions=PEND_ACTIONS,
        close_actions=CLOSE_UNREACHABLE_ACTIONS)


# The SIP outcome suggests a collection code (app.domain.attempt_counting); the Tier-2 desk
# shows the Tier-2 code that means the same.
TIER2_EQUIVALENT = {"NC-RNA": "T2-RNA", "NC-BSY": "T2-BSY", "NC-MBX": "T2-MBX", "NC-REJ": "T2-REJ",
                    "NC-INA": "T2-INA", "NC-WRN": "T2-WRN"}


def suggestion_for(program: "Program | str", code: str | None) -> str | None:
    """The reason to pre-select for `program` from a suggestion made in collection codes."""
    if not code:
        return None
    return TIER2_EQUIVALENT.get(code, code) if Program(program) is Program.TIER2 else code


# What the Tier-2 result codes say about the service (app/resources/reasons.json).
SERVICE_NORMAL_BY_CODE = {"T2-OK": True, "T2-MON": True, "T2-NOK": False}
MONITORING_CODES = frozenset({"T2-MON"})


def decide_for_reason(reason: Reason, service: Service | str, attempts_in_round: int, round_no: int,
                      now: datetime, region: TimeZoneRegion | CustomerZone | str | None,
                      calling_hours: CallingHours,
                      rules: ProgramRules | None = None, callback_at: datetime | None = None) -> Decision:
    """A Tier-2 result by reason code: callbacks and escalations first, then rule 6."""
    rules = rules or rules_for(Program.TIER2)
    now, region = as_utc(now), customer_zone(region)
    if reason.code in SERVICE_NORMAL_BY_CODE:
        return closing_decision(service, True, attempts_in_round, round_no, SERVICE_NORMAL_BY_CODE[reason.code],
                                reason.code in MONITORING_CODES, now, region, calling_hours, rules=rules)
    if reason.closes == "yes" or "callback_at" in reason.required_fields:
        # Hard complaint, callback request, or a site-added closing code: the generic policy.
        return decide_by_reason(rules, reason, attempts_in_round, round_no, now, region, calling_hours,
                                callback_at=callback_at, pend=False)
    decision = closing_decision(service, False, attempts_in_round, round_no, None, False, now, region,
                                calling_hours, rules=rules)
    if reason.closes_phone or reason_actions(reason):
        decision = replace(decision, closes_phone_only=reason.closes_phone,
                           actions=reason_actions(reason) + decision.actions)
    return decision


class HardComplaintCriteria:
    """Rule 7: any one criterion makes a hard complaint (ticketed in Sephia and escorted)."""

    def __init__(self, repeat_reports: int = 0, threat_cancel_or_media: bool = False,
                 abusive_language: bool = False, asks_supervisor: bool = False,
                 will_not_end_call: bool = False) -> None:
        if repeat_reports < 0:
            raise Tier2RuleError(Text("Jumlah lapor ulang tidak boleh negatif.", "Repeat reports cannot be negative."))
        self.repeat_reports = repeat_reports
        self.threat_cancel_or_media = threat_cancel_or_media
        self.abusive_language = abusive_language
        self.asks_supervisor = asks_supervisor
        self.will_not_end_call = will_not_end_call

    def reasons(self) -> tuple[str, ...]:
        """The criteria met, in Indonesian (for the ticket note)."""
        met = []
        if self.repeat_reports >= 3:
            met.append(f"lapor ulang {self.repeat_reports} kali")
        if self.threat_cancel_or_media:
            met.append("mengancam berhenti berlangganan / ke media")
        if self.abusive_language:
            met.append("berkata kasar")
        if self.asks_supervisor:
            met.append("menolak agen / minta atasan")
        if self.will_not_end_call:
            met.append("tidak mau mengakhiri panggilan")
        return tuple(met)

    def is_hard_complaint(self) -> bool:
        return bool(self.reasons())

    def as_dict(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass(frozen=True)
class Routing:
    """Where a Tier-2 complaint or request goes (rule 11)."""

    handled_here: bool
    unit: str | None           # "DBS" / "DCS" when it goes to that unit
    escalate: bool
    hard_complaint_ticket: bool
    note_id: str


def route_for_segment(segment: Segment | str, hard_complaint: bool, is_request: bool = False) -> Routing:
    segment = Segment(segment)
    if segment is Segment.DCS:
        note = "diteruskan ke unit DCS" + ("; komplain keras dieskalasi" if hard_complaint else "")
        return Routing(False, "DCS", hard_complaint, hard_complaint, note)
    if segment is Segment.DBS and is_request:
        return Routing(False, "DBS", False, hard_complaint, "permintaan diteruskan ke unit DBS")
    return Routing(True, None, False, hard_complaint, f"ditangani (segmen {segment.value})")


class EscortLimitReached(TextError, ValueError):
    """A team leader already escorts the maximum number of promise tickets."""


def check_escort_limit(current_promise_count: int) -> None:
    if current_promise_count >= MAX_PROMISE_TICKETS_PER_TL:
        raise EscortLimitReached(Text(
            f"Team leader sudah mengawal {current_promise_count} tiket janji "
            f"(maksimal {MAX_PROMISE_TICKETS_PER_TL}: Super Emergency, Buzzer, Buzzer visit); "
            "selesaikan salah satu sebelum mengawal tiket baru.",
            f"The team leader already escorts {current_promise_count} promise tickets "
            f"(at most {MAX_PROMISE_TICKETS_PER_TL}: Super Emergency, Buzzer, Buzzer visit); "
            "finish one before escorting a new ticket."))


def is_promise_ticket(ticket_type: TicketType | str) -> bool:
    return TicketType(ticket_type) in PROMISE_TICKET_TYPES


__all__ = ["TIER2_EQUIVALENT", "suggestion_for", "TicketType", "Service", "Segment", "closing_decision", "decide_for_reason", "HardComplaintCriteria",
           "Routing", "route_for_segment", "PROMISE_TICKET_TYPES", "MAX_PROMISE_TICKETS_PER_TL",
           "EscortLimitReached", "check_escort_limit", "is_promise_ticket"]
