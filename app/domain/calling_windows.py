"""Each program's calling window, read from the site settings.

Collection programs (CT-0, PRANPC) call in `calling_hours`, the POJK 22/2023 art. 62
window (Mon–Sat 08:00–20:00 local, holidays only with the customer's agreement);
Tier-2 fault callbacks call in `service_hours`, the site's own service hours (every
day 08:00–20:00 local by default, holidays not kept).  Which window a program uses is
`programs.<P>.calling_window`.  Holidays come from `holidays` (app.domain.public_holidays).
Pure: it reads the settings values it is handed, never a file or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from app.domain.calling_hours import CallingHours, WindowCheck
from app.domain.programs import CALLING_WINDOWS, Program, ProgramRules, rules_from_settings
from app.domain.public_holidays import HolidayCalendar
from app.domain.time_zones import CustomerZone, TimeZoneRegion

# The defaults of the two windows (app.platform.config.DEFAULTS repeats them for the settings file).
DEFAULT_WINDOWS: dict[str, dict[str, Any]] = {
    "calling_hours": {"start": "08:00", "end": "20:00", "days": [0, 1, 2, 3, 4, 5], "observe_holidays": True},
    "service_hours": {"start": "08:00", "end": "20:00", "days": [0, 1, 2, 3, 4, 5, 6], "observe_holidays": False},
}


@dataclass(frozen=True)
class CallingWindows:
    windows: Mapping[str, CallingHours]
    rules: Mapping[Program, ProgramRules]

    @classmethod
    def from_settings(cls, values: Mapping[str, Any] | None) -> "CallingWindows":
        """From the settings values: "calling_hours", "service_hours", "holidays", "programs"."""
        values = values or {}
        calendar = HolidayCalendar.from_settings(values.get("holidays"))
        windows = {name: CallingHours.from_settings({**DEFAULT_WINDOWS[name], **(values.get(name) or {})},
                                                    calendar)
                   for name in CALLING_WINDOWS}
        return cls(windows, rules_from_settings(values.get("programs")))

    @classmethod
    def default(cls) -> "CallingWindows":
        return cls.from_settings({})

    def for_program(self, program: Program | str) -> CallingHours:
        return self.windows[self.rules[Program(program)].calling_window]

    def check(self, program: Program | str, now: datetime, zone: TimeZoneRegion | CustomerZone | str | None,
              holiday_agreed: bool = False) -> WindowCheck:
        return self.for_program(program).check(now, zone, holiday_agreed)

    def is_open(self, program: Program | str, now: datetime,
                zone: TimeZoneRegion | CustomerZone | str | None) -> bool:
        return self.for_program(program).is_open(now, zone)

    def within_hours(self, program: Program | str, now: datetime,
                     zone: TimeZoneRegion | CustomerZone | str | None) -> bool:
        """May be picked and dialled now (a holiday's agreement is asked at the dial)."""
        return self.for_program(program).within_hours(now, zone)

    def open_zones(self, now: datetime, programs: set[str] | None = None) -> dict[str, set[str]]:
        """{program: stored zone values callable now}, for WorkQueue.claim_next's open_regions."""
        wanted = [Program(p) for p in programs] if programs is not None else list(Program)
        return {p.value: self.for_program(p).open_zones(now) for p in wanted}
