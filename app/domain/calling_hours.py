"""When a customer may be called: a calling window in the customer's own time zone.

Default window (POJK 22/2023 art. 62): Monday–Saturday 08.00–20.00 local time, not on
national holidays unless the customer agreed; all of it is a site setting, and each
program names the window it uses (app.domain.calling_windows).  The window is
half-open: 08:00 is open, 20:00 is closed.  A customer whose zone is unknown may be
in any of the three zones, so the window is open for them only when it is open in
all three (08:00–18:00 WIB by default).  Pure computation on aware datetimes; it
never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Mapping

from app.domain.clock import as_utc
from app.domain.public_holidays import HolidayCalendar
from app.domain.text import Text, TextError, Worded
from app.domain.time_zones import (CustomerZone, TimeZoneRegion, UnknownZone, customer_zone,  # noqa: F401
                                   region_for_area_code)

__all__ = ["CallingHours", "WindowCheck", "TimeZoneRegion", "CustomerZone", "UnknownZone", "customer_zone",
           "region_for_area_code"]

_DAY_NAMES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
              "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}
_SETTINGS = {"start", "end", "days", "holidays", "observe_holidays"}
# An unknown zone is open only where all three windows overlap; each step of the search
# lands on one zone's opening, so a few steps per day suffice (more means no overlap).
_MAX_OVERLAP_STEPS = 64


def _parse_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(str(value).strip().replace(".", ":"))


def _parse_day(value: Any) -> int:
    if isinstance(value, int):
        day = value
    else:
        text = str(value).strip().lower()
        day = int(text) if text.isdigit() else _DAY_NAMES.get(text[:3] if text[:3] in _DAY_NAMES else text, -1)
    if not 0 <= day <= 6:
        raise CallingHoursError(Text(f"Hari tidak dikenal di pengaturan jam panggilan: {value!r}.",
                                     f"Unknown day in the calling hours settings: {value!r}."))
    return day


class CallingHoursError(TextError, ValueError):
    """The calling hours settings cannot be used as written."""


@dataclass(frozen=True)
class WindowCheck(Worded):
    """Whether a call may be placed now, and if not, why (for the desk).

    reason: "open" | "outside_hours" | "not_a_calling_day" | "holiday_needs_agreement".
    On a holiday inside the hours, `open` is True only when the customer's agreement
    is on record (POJK: holidays only with the customer's agreement).
    """

    open: bool
    reason: str
    holiday: str | None = None       # the holiday's name when it is one
    message: Text | None = None      # why not (or what was agreed on a holiday), for the desk


@dataclass(frozen=True)
class CallingHours:
    start: time = time(8)
    end: time = time(20)
    days: frozenset[int] = field(default_factory=lambda: frozenset({0, 1, 2, 3, 4, 5}))  # Mon=0 … Sat=5
    holidays: frozenset[date] = field(default_factory=frozenset)     # extra closed dates of this window
    calendar: HolidayCalendar = field(default_factory=HolidayCalendar)  # national + site holidays

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise CallingHoursError(Text("Jam mulai panggilan harus sebelum jam selesai.",
                                         "The calling hours must start before they end."))
        if not self.days:
            raise CallingHoursError(Text("Minimal satu hari panggilan harus diizinkan.",
                                         "At least one calling day must be allowed."))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None,
                      calendar: HolidayCalendar | None = None) -> "CallingHours":
        """From {"start": "08:00", "end": "20:00", "days": ["mon", …] or [0..6],
        "observe_holidays": true, "holidays": ["2026-12-25"]} and the site's holiday calendar.

        observe_holidays false: the window keeps no holidays at all (only its own "holidays").
        """
        settings = settings or {}
        unknown = set(settings) - _SETTINGS
        if unknown:
            raise CallingHoursError(Text(f"Pengaturan jam panggilan tidak dikenal: {', '.join(sorted(unknown))}.",
                                         f"Unknown calling hours settings: {', '.join(sorted(unknown))}."))
        kwargs: dict[str, Any] = {}
        if "start" in settings:
            kwargs["start"] = _parse_time(settings["start"])
        if "end" in settings:
            kwargs["end"] = _parse_time(settings["end"])
        if "days" in settings:
            kwargs["days"] = frozenset(_parse_day(d) for d in settings["days"])
        if "holidays" in settings:
            kwargs["holidays"] = frozenset(
                d if isinstance(d, date) else date.fromisoformat(str(d)) for d in settings["holidays"])
        observe = settings.get("observe_holidays", True)
        if isinstance(observe, str):
            observe = observe.strip().lower() not in ("", "0", "false", "no", "tidak")
        if not observe:
            kwargs["calendar"] = HolidayCalendar.none()
        elif calendar is not None:
            kwargs["calendar"] = calendar
        return cls(**kwargs)

    # -- days -------------------------------------------------------------------------------
    def holiday_name(self, day: date) -> str | None:
        if day in self.holidays:
            return "libur"
        return self.calendar.name(day)

    def is_calling_day(self, day: date) -> bool:
        return day.weekday() in self.days and self.holiday_name(day) is None

    # -- one real zone ------------------------------------------------------------------------
    def _open_in(self, utc_dt: datetime, region: TimeZoneRegion) -> bool:
        local = utc_dt.astimezone(region.zone)
        return self.is_calling_day(local.date()) and self.start <= local.time() < self.end

    def _next_open_in(self, utc_dt: datetime, region: TimeZoneRegion) -> datetime:
        if self._open_in(utc_dt, region):
            return utc_dt
        local = utc_dt.astimezone(region.zone)
        day = local.date()
        if local.time() >= self.start or not self.is_calling_day(day):
            day += timedelta(days=1)
        for _ in range(800):    # two years of holidays is more than any site lists
            if self.is_calling_day(day):
                return datetime.combine(day, self.start, region.zone).astimezone(timezone.utc)
            day += timedelta(days=1)
        raise CallingHoursError(Text("Tidak ada jam panggilan yang terbuka dalam dua tahun ke depan; "
                                     "periksa pengaturan.",
                                     "No calling hours open in the next two years; check the settings."))

    # -- a customer's zone (known or not) -----------------------------------------------------
    def is_open(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> bool:
        """Open for this customer now; an unknown zone needs all three zones open."""
        utc_dt = as_utc(utc_dt)
        return all(self._open_in(utc_dt, r) for r in customer_zone(zone).regions)

    def check(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None,
              holiday_agreed: bool = False) -> WindowCheck:
        """May the customer be called now?  A holiday inside the hours needs the customer's agreement."""
        utc_dt, cz = as_utc(utc_dt), customer_zone(zone)
        holiday = None
        for region in cz.regions:
            local = utc_dt.astimezone(region.zone)
            if local.date().weekday() not in self.days:
                return WindowCheck(False, "not_a_calling_day", None,
                                   Text(f"Hari ini bukan hari panggilan pelanggan ({cz.label('id')}).",
                                        f"Today is not a calling day for the customer ({cz.label('en')})."))
            if not self.start <= local.time() < self.end:
                return WindowCheck(False, "outside_hours", None,
                                   Text(f"Di luar jam panggilan pelanggan ({self._window_text(cz, utc_dt, 'id')}).",
                                        "Outside the customer's calling hours "
                                        f"({self._window_text(cz, utc_dt, 'en')})."))
            holiday = holiday or self.holiday_name(local.date())
        if holiday is None:
            return WindowCheck(True, "open")
        if holiday_agreed:
            return WindowCheck(True, "open", holiday, Text(f"Hari libur ({holiday}): pelanggan sudah setuju dihubungi.",
                                                           f"Holiday ({holiday}): the customer agreed to be called."))
        return WindowCheck(False, "holiday_needs_agreement", holiday,
                           Text(f"Hari libur ({holiday}): pelanggan hanya boleh dihubungi bila sudah setuju.",
                                f"Holiday ({holiday}): the customer may be called only with their agreement."))

    def _window_text(self, cz: CustomerZone, utc_dt: datetime, language: str) -> str:
        if cz.known:
            return f"{self.start:%H:%M}–{self.end:%H:%M} {cz.value}"
        wib = TimeZoneRegion.WIB.zone
        day = utc_dt.astimezone(wib).date()
        start, end = self.opening(day, cz).astimezone(wib), self.closing(day, cz).astimezone(wib)
        return f"{start:%H:%M}–{end:%H:%M} WIB, {cz.label(language)}"

    def within_hours(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> bool:
        """Inside the hours of a calling weekday, holiday or not: the customer may be picked and
        dialled, a holiday's agreement being asked at the dial (`check`).  Scheduling uses
        `is_open`, so no retry is ever planned on a holiday."""
        utc_dt = as_utc(utc_dt)
        for region in customer_zone(zone).regions:
            local = utc_dt.astimezone(region.zone)
            if local.date().weekday() not in self.days or not self.start <= local.time() < self.end:
                return False
        return True

    def open_zones(self, utc_dt: datetime) -> set[str]:
        """The stored zone values (CustomerZone) whose customers may be picked now."""
        return {z.value for z in CustomerZone if self.within_hours(utc_dt, z)}

    def opening(self, day: date, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
        """The window's opening on a local calendar day, in UTC (unknown zone: the latest opening)."""
        cz = customer_zone(zone)
        return max(datetime.combine(day, self.start, r.zone) for r in cz.regions).astimezone(timezone.utc)

    def closing(self, day: date, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
        cz = customer_zone(zone)
        return min(datetime.combine(day, self.end, r.zone) for r in cz.regions).astimezone(timezone.utc)

    def next_open(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
        """utc_dt itself if the window is open then, else the next opening (UTC)."""
        utc_dt, regions = as_utc(utc_dt), customer_zone(zone).regions
        if len(regions) == 1:
            return self._next_open_in(utc_dt, regions[0])
        t = utc_dt
        for _ in range(_MAX_OVERLAP_STEPS):
            latest = max(self._next_open_in(t, r) for r in regions)
            if latest == t:
                return t
            t = latest
        raise CallingHoursError(Text("Jam panggilan ketiga zona tidak pernah terbuka bersamaan; pelanggan tanpa zona "
                                     "tidak dapat dijadwalkan. Periksa pengaturan jam panggilan.",
                                     "The calling hours of the three zones are never open together; a customer "
                                     "without a zone cannot be scheduled. Check the calling hours settings."))

    def clamp(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
        return self.next_open(utc_dt, zone)

    def next_morning(self, utc_dt: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
        """The next opening strictly after today's window (or today's, if before it opens)."""
        utc_dt, cz = as_utc(utc_dt), customer_zone(zone)
        today = utc_dt.astimezone(cz.display_region.zone).date()
        opening = self.opening(today, cz)
        if utc_dt < opening and self.is_open(opening, cz):
            return opening
        return self.next_open(max(self.closing(today, cz), utc_dt), cz)
