"""Which days are holidays for the calling window: Indonesia's national calendar plus the site's dates.

The national days come from the `holidays` package's Indonesian calendar (no hand-written
list to keep up to date; Islamic holidays follow its published estimates).  Cuti bersama
(the government's collective leave days) are in that package too, as the "government"
category; a site turns them on, or lists any other date it closes (`holidays.site_dates`).
Pure lookups: it never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Iterable, Mapping

import holidays as _holidays
# Loaded with the program, not at the first dial of the day: importing the calendar's modules
# later, on the io pool, held the interpreter lock for 150-200 ms and froze the window.
import holidays.countries.indonesia  # noqa: F401

from app.domain.text import Text, TextError

SITE_DATE_NAME = "libur situs"


class HolidaySettingsError(TextError, ValueError):
    """The holiday settings cannot be used as written."""


@lru_cache(maxsize=64)
def _national(year: int, cuti_bersama: bool) -> Mapping[date, str]:
    categories = ("public", "government") if cuti_bersama else ("public",)
    calendar = _holidays.country_holidays("ID", years=year, language="id", categories=categories)
    return dict(calendar.items())


def _dates(values: Iterable[Any]) -> frozenset[date]:
    out = set()
    for value in values or ():
        if isinstance(value, date):
            out.add(value)
            continue
        try:
            out.add(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise HolidaySettingsError(Text(
                f"Tanggal libur tidak sah di pengaturan: {value!r} (format YYYY-MM-DD).",
                f"Not a valid holiday date in the settings: {value!r} (format YYYY-MM-DD).")) from None
    return frozenset(out)


@dataclass(frozen=True)
class HolidayCalendar:
    """National holidays (optional cuti bersama) and site-added dates."""

    national: bool = True
    cuti_bersama: bool = False
    site_dates: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> "HolidayCalendar":
        """From {"national": true, "cuti_bersama": false, "site_dates": ["2026-12-24"]}."""
        settings = settings or {}
        unknown = set(settings) - {"national", "cuti_bersama", "site_dates"}
        if unknown:
            raise HolidaySettingsError(Text(f"Pengaturan hari libur tidak dikenal: {', '.join(sorted(unknown))}.",
                                            f"Unknown holiday settings: {', '.join(sorted(unknown))}."))
        return cls(bool(settings.get("national", True)), bool(settings.get("cuti_bersama", False)),
                   _dates(settings.get("site_dates") or ()))

    @classmethod
    def none(cls) -> "HolidayCalendar":
        """A window that keeps no holidays (e.g. a site's fault-callback service hours)."""
        return cls(national=False)

    def with_dates(self, extra: Iterable[Any]) -> "HolidayCalendar":
        return HolidayCalendar(self.national, self.cuti_bersama, self.site_dates | _dates(extra))

    def name(self, day: date) -> str | None:
        """The holiday's name (Indonesian) on that day, or None."""
        if day in self.site_dates:
            return SITE_DATE_NAME
        if self.national:
            return _national(day.year, self.cuti_bersama).get(day)
        return None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.name(day) is not None
