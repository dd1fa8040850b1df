"""Helpers for the domain unit tests: local wall-clock times in an Indonesian zone, as UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from app.domain.calling_hours import TimeZoneRegion
from app.domain.reasons import ReasonCatalogue

WIB, WITA, WIT = TimeZoneRegion.WIB, TimeZoneRegion.WITA, TimeZoneRegion.WIT
CATALOGUE = ReasonCatalogue.default()

# Calendar used throughout: 2026-11-25 is a Wednesday, 28 Saturday, 29 Sunday, 30 Monday.
WED, SAT, SUN, MON = 25, 28, 29, 30


def at(region: TimeZoneRegion, day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """Local time in the region, returned as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=region.zone).astimezone(timezone.utc)


def local(dt: datetime, region: TimeZoneRegion) -> tuple[int, int, int, int]:
    """(month, day, hour, minute) of a UTC instant on the region's clock."""
    t = dt.astimezone(region.zone)
    return t.month, t.day, t.hour, t.minute


def reason(code: str):
    return CATALOGUE.get(code)
