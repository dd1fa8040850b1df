"""The building blocks of a decision after a result, shared by every program's policy.

A Decision says the next state and when to call again: done, retry later, pend
(daytime +1 h, at night until the next morning's opening) or close as unreachable
(DOMAIN.md rule 6 and the reason table).  `decide_by_reason` applies a reason's
own rule (closes, callback, not reached) under given program rules; the programs'
policies (app.domain.attempt_policy, app.domain.tier2) build on it.  A scheduled
attempt never lies outside the customer's calling hours.  Computes only: it reads
no clock and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.calling_hours import CallingHours, CustomerZone, TimeZoneRegion, customer_zone
from app.domain.clock import as_utc
from app.domain.programs import ProgramRules
from app.domain.reasons import Reason
from app.domain.workitem import WorkItemState

_DAYS_ID = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Decision:
    """The outcome of one result.

    round_no is the round the item is in AFTER this decision (it becomes 2 when a
    pend starts the second round, so the caller resets its attempt counter);
    attempt_no and max_attempts describe the attempt just made and its round.
    Actions name follow-up work for the caller: send_rfo_email, note_details,
    create_monitoring_ticket, back_to_repair, to_qc, escalate, create_fault_ticket.
    """

    next_state: WorkItemState
    next_attempt_at: datetime | None
    round_no: int
    attempt_no: int
    max_attempts: int
    closes_phone_only: bool = False
    summary_id: str = ""
    summary_en: str = ""
    actions: tuple[str, ...] = ()


Zone = TimeZoneRegion | CustomerZone | str | None


def format_when(when: datetime, now: datetime, region: Zone, lang: str = "id") -> str:
    """A time as the customer's clock shows it: '14:05 WIB', 'besok 08:00 WITA', 'Sen 30/11 08:00 WIT'
    (an unknown zone is shown on the site's WIB clock)."""
    shown = customer_zone(region).display_region
    local, today = when.astimezone(shown.zone), now.astimezone(shown.zone).date()
    clock = f"{local:%H:%M} {shown.value}"
    if local.date() == today:
        return clock
    if local.date() == today + timedelta(days=1):
        return f"{'besok' if lang == 'id' else 'tomorrow'} {clock}"
    day = (_DAYS_ID if lang == "id" else _DAYS_EN)[local.weekday()]
    return f"{day} {local:%d/%m} {clock}"


def pend_until(now: datetime, region: Zone, hours: CallingHours,
               daytime_pend: timedelta = timedelta(hours=1)) -> tuple[datetime, bool]:
    """When a pended item comes back, and whether it was a daytime pend.

    Daytime means the window is open now and still open after the pend; otherwise
    (night, or the pend would run past closing) it waits for the next morning's
    opening in the customer's zone.
    """
    later = now + daytime_pend
    if hours.is_open(now, region) and hours.is_open(later, region):
        return later, True
    return hours.next_morning(now, region), False


def reason_actions(reason: Reason) -> tuple[str, ...]:
    actions = []
    if reason.to_qc:
        actions.append("to_qc")
    if reason.escalate:
        actions.append("escalate")
    if reason.creates_ticket:
        actions.append("create_fault_ticket")
    return tuple(actions)


def _night_pend_note(at: datetime, now: datetime, region: Zone, lang: str) -> str:
    """The night pend's note, agreeing with the date: 'besok pagi' only when it is tomorrow morning."""
    shown = customer_zone(region).display_region.zone
    days = (at.astimezone(shown).date() - now.astimezone(shown).date()).days
    if days == 0:
        return "malam: pagi ini" if lang == "id" else "night: this morning"
    if days == 1:
        return "malam: besok pagi" if lang == "id" else "night: next morning"
    return "malam: hari panggilan berikutnya" if lang == "id" else "night: next calling day"


def not_reached_decision(*, attempts_in_round: int, round_no: int, max_attempts: int, pend: bool,
                         now: datetime, region: Zone, hours: CallingHours,
                         retry_interval: timedelta, daytime_pend: timedelta, first_round_attempts: int,
                         closes_phone_only: bool = False, pend_actions: tuple[str, ...] = (),
                         close_actions: tuple[str, ...] = (), extra_actions: tuple[str, ...] = ()) -> Decision:
    """The 3-call rule for a customer who was not reached (shared by collection and Tier-2)."""
    n = attempts_in_round
    if n < max_attempts:
        at = hours.clamp(now + retry_interval, region)
        round_note_id = f" (putaran {round_no})" if round_no > 1 else ""
        round_note_en = f" (round {round_no})" if round_no > 1 else ""
        return Decision(WorkItemState.RETRY_LATER, at, round_no, n, max_attempts, closes_phone_only,
                        f"percobaan {n} dari {max_attempts}{round_note_id}, dijadwalkan "
                        f"{format_when(at, now, region)}",
                        f"attempt {n} of {max_attempts}{round_note_en}, scheduled "
                        f"{format_when(at, now, region, 'en')}", extra_actions)
    if pend and round_no <= 1:
        at, daytime = pend_until(now, region, hours, daytime_pend)
        return Decision(WorkItemState.PENDING_UNTIL, at, 2, n, max_attempts, closes_phone_only,
                        f"tidak terhubung {n} kali, ditunda sampai {format_when(at, now, region)}"
                        f" ({'siang: 1 jam' if daytime else _night_pend_note(at, now, region, 'id')}); putaran 2",
                        f"not reached {n} times, pending until {format_when(at, now, region, 'en')}"
                        f" ({'daytime' if daytime else _night_pend_note(at, now, region, 'en')}); round 2",
                        extra_actions + pend_actions)
    total = n + (first_round_attempts if round_no > 1 else 0)
    return Decision(WorkItemState.CLOSED_UNREACHABLE, None, round_no, n, max_attempts, closes_phone_only,
                    f"ditutup: tidak terhubung setelah {total} percobaan",
                    f"closed: not reached after {total} attempts", extra_actions + close_actions)


def _is_callback(reason: Reason) -> bool:
    return "callback_at" in reason.required_fields and reason.closes == "no" and not reason.not_reached


def decide_by_reason(rules: ProgramRules, reason: Reason, attempts_in_round: int, round_no: int,
                     now: datetime, region: Zone, hours: CallingHours, *,
                     callback_at: datetime | None = None, pend: bool, pend_actions: tuple[str, ...] = (),
                     close_actions: tuple[str, ...] = ()) -> Decision:
    max_attempts = rules.max_attempts(round_no)
    actions = reason_actions(reason)
    if reason.closes == "yes":
        qc_id = "; menunggu validasi QC" if reason.to_qc else ""
        qc_en = "; awaiting QC validation" if reason.to_qc else ""
        return Decision(WorkItemState.DONE, None, round_no, attempts_in_round, max_attempts, False,
                        f"selesai: {reason.label_id}{qc_id}", f"done: {reason.label_en}{qc_en}", actions)
    if _is_callback(reason):
        wanted = callback_time(callback_at, region) or now + rules.retry_interval
        at = hours.clamp(max(wanted, now), region)
        moved_id = " (disesuaikan ke jam panggilan)" if at != max(wanted, now) else ""
        moved_en = " (moved into calling hours)" if moved_id else ""
        return Decision(WorkItemState.RETRY_LATER, at, round_no, attempts_in_round, max_attempts, False,
                        f"dihubungi kembali {format_when(at, now, region)}{moved_id}",
                        f"callback {format_when(at, now, region, 'en')}{moved_en}", actions)
    # Not reached (NC codes, wrong number, third party) and any other non-closing reason.
    return not_reached_decision(
        attempts_in_round=attempts_in_round, round_no=round_no, max_attempts=max_attempts, pend=pend,
        now=now, region=region, hours=hours, retry_interval=rules.retry_interval,
        daytime_pend=rules.daytime_pend, first_round_attempts=rules.first_round_attempts,
        closes_phone_only=reason.closes_phone, pend_actions=pend_actions, close_actions=close_actions,
        extra_actions=actions)


def callback_time(callback_at: datetime | None, region: Zone) -> datetime | None:
    """A requested callback in UTC; a naive time is the customer's own wall-clock time
    (WIB for a customer whose zone is unknown: the agent reads the site's clock)."""
    if callback_at is None:
        return None
    if callback_at.tzinfo is None:
        callback_at = callback_at.replace(tzinfo=customer_zone(region).display_region.zone)
    return as_utc(callback_at)
