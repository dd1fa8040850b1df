"""What happens to a work item after a result, per program: the 3-call rule and its pends.

The policy turns (program, reason, attempt count, round, now, customer's zone)
into a Decision (app.domain.decision): collection programs by the reason's own
rule, Tier-2 callbacks by the closing rule of app.domain.tier2, each in its own
program's calling window.  The zone may be unknown (CustomerZone.UNKNOWN): then a
time is scheduled only where every zone's window is open.  It computes only: it
reads no clock and writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Mapping

from app.domain.calling_hours import CallingHours, CustomerZone, TimeZoneRegion, customer_zone
from app.domain.calling_windows import CallingWindows
from app.domain.clock import as_utc
from app.domain.decision import Decision, decide_by_reason, format_when, pend_until
from app.domain.programs import Program, ProgramRules, rules_for as default_rules_for
from app.domain.reasons import Reason
from app.domain.tier2 import decide_for_reason

__all__ = ["AttemptPolicy", "Decision", "format_when", "pend_until"]


class AttemptPolicy:
    """Every program's scheduling rules, with injectable program rules and calling hours."""

    def __init__(self, rules_for: Callable[[Program], ProgramRules] = default_rules_for,
                 calling_hours: CallingHours | None = None, windows: CallingWindows | None = None) -> None:
        """calling_hours: one window for every program (tests, scripts); windows: each
        program's own (what the app uses, AttemptPolicy.from_settings)."""
        self.rules_for = rules_for
        self.calling_hours = calling_hours or CallingHours()
        self.windows = windows

    @classmethod
    def from_settings(cls, values: Mapping[str, Any] | None) -> "AttemptPolicy":
        """The site's policy: program rules (`programs`) and windows (`calling_hours`,
        `service_hours`, `holidays`) from the settings values."""
        windows = CallingWindows.from_settings(values)
        return cls(rules_for=lambda p: windows.rules[Program(p)], windows=windows)

    def hours_for(self, program: Program | str) -> CallingHours:
        return self.windows.for_program(program) if self.windows is not None else self.calling_hours

    def decide(self, program: Program | str, reason: Reason, attempts_in_round: int, round_no: int,
               now: datetime, region: TimeZoneRegion | CustomerZone | str | None, service: str | None = None,
               callback_at: datetime | None = None) -> Decision:
        program, now, zone = Program(program), as_utc(now), customer_zone(region)
        round_no = max(1, int(round_no))
        rules, hours = self.rules_for(program), self.hours_for(program)
        if program is Program.TIER2 and service is not None:
            return decide_for_reason(reason, service, attempts_in_round, round_no, now, zone,
                                     hours, rules, callback_at)
        return decide_by_reason(rules, reason, attempts_in_round, round_no, now, zone, hours,
                                callback_at=callback_at, pend=rules.pend_after_first_round)
