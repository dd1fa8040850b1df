"""When a customer may be called: the calling window in the customer's own time zone.

Default window (POJK 22/2023 art. 62): Monday–Saturday 08.00–20.00 local time,
no national holidays; all of it is a site setting.  Indonesia has three zones and
no daylight saving.  The window is half-open: 08:00 is open, 20:00 is closed.
Pure computation on aware datetimes; it never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from app.domain.clock import as_utc


class TimeZoneRegion(str, Enum):
    WIB = "WIB"     # Western Indonesia, UTC+7
    WITA = "WITA"   # Central Indonesia, UTC+8
    WIT = "WIT"     # Eastern Indonesia, UTC+9

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(_ZONES[self.value])

    @classmethod
    def of(cls, value: str | None) -> "TimeZoneRegion":
        """The zone a stored customer names (WIB when it names none)."""
        try:
            return cls(value or "WIB")
        except ValueError:
            return cls.WIB


_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

# Best effort by area-code prefix; longest prefix wins.  WITA: Bali/NTB/NTT (036x–038x),
# Sulawesi (040x–046x), South/East/North Kalimantan; WIT: Maluku and Papua (09xx).
# Everything else (Sumatra, Java, West/Central Kalimantan) is WIB.
_WITA_PREFIXES = ("036", "037", "038", "040", "041", "042", "043", "044", "045", "046",
                  "0511", "0512", "0517", "0518", "0527", "054", "055")
_WIT_PREFIXES = ("09",)


def region_for_area_code(area_code: str | None) -> TimeZoneRegion:
    digits = "".join(ch for ch in str(area_code or "") if ch.isdigit())
    if not digits:
        return TimeZoneRegion.WIB
    if digits.startswith("62"):
        digits = digits[2:]
    if not digits.startswith("0"):
        digits = "0" + digits
    if digits.startswith(_WIT_PREFIXES):
        return TimeZoneRegion.WIT
    if digits.startswith(_WITA_PREFIXES):
        return TimeZoneRegion.WITA
    return TimeZoneRegion.WIB


_DAY_NAMES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
              "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}


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
        raise ValueError(f"Hari tidak dikenal di pengaturan jam panggilan: {value!r}.")
    return day


@dataclass(frozen=True)
class CallingHours:
    start: time = time(8)
    end: time = time(20)
    days: frozenset[int] = field(default_factory=lambda: frozenset({0, 1, 2, 3, 4, 5}))  # Mon=0 … Sat=5
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("Jam mulai panggilan harus sebelum jam selesai.")
        if not self.days:
            raise ValueError("Minimal satu hari panggilan harus diizinkan.")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> "CallingHours":
        """From {"start": "08:00", "end": "20:00", "days": ["mon", …] or [0..6], "holidays": ["2026-12-25"]}."""
        settings = settings or {}
        unknown = set(settings) - {"start", "end", "days", "holidays"}
        if unknown:
            raise ValueError(f"Pengaturan jam panggilan tidak dikenal: {', '.join(sorted(unknown))}.")
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
        return cls(**kwargs)

    def is_calling_day(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays

    def is_open(self, utc_dt: datetime, region: TimeZoneRegion) -> bool:
        local = as_utc(utc_dt).astimezone(region.zone)
        return self.is_calling_day(local.date()) and self.start <= local.time() < self.end

    def opening(self, day: date, region: TimeZoneRegion) -> datetime:
        """The window's opening on a local calendar day, in UTC."""
        return datetime.combine(day, self.start, region.zone).astimezone(timezone.utc)

    def closing(self, day: date, region: TimeZoneRegion) -> datetime:
        return datetime.combine(day, self.end, region.zone).astimezone(timezone.utc)

    def next_open(self, utc_dt: datetime, region: TimeZoneRegion) -> datetime:
        """utc_dt itself if the window is open then, else the next opening (UTC)."""
        utc_dt = as_utc(utc_dt)
        if self.is_open(utc_dt, region):
            return utc_dt
        local = utc_dt.astimezone(region.zone)
        day = local.date()
        if local.time() >= self.start or not self.is_calling_day(day):
            day += timedelta(days=1)
        for _ in range(800):    # two years of holidays is more than any site lists
            if self.is_calling_day(day):
                return self.opening(day, region)
            day += timedelta(days=1)
        raise ValueError("Tidak ada jam panggilan yang terbuka dalam dua tahun ke depan; periksa pengaturan.")

    def clamp(self, utc_dt: datetime, region: TimeZoneRegion) -> datetime:
        return self.next_open(utc_dt, region)

    def next_morning(self, utc_dt: datetime, region: TimeZoneRegion) -> datetime:
        """The next opening strictly after today's window (or today's, if before it opens)."""
        utc_dt = as_utc(utc_dt)
        local = utc_dt.astimezone(region.zone)
        if local.time() < self.start and self.is_calling_day(local.date()):
            return self.opening(local.date(), region)
        return self.next_open(self.closing(local.date(), region), region)
