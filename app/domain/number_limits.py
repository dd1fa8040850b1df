"""How often one phone number may be called, whichever record it is dialled from.

The same number can sit on several accounts (a family, a shop with many lines); the
3-call rule counts per record, so without this a person could be called three times
per account.  Limits per number and day (the customer's local day) and per number
and round (the calls in the current round of every open record that holds the
number) are site settings; 0 switches a limit off.  The store counts
(app.store.attempt_facts.number_usage); this module only says yes or no, and why.
It never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone
from typing import Any, Mapping

from app.domain.clock import as_utc
from app.domain.text import Text, TextError, Worded
from app.domain.time_zones import CustomerZone, TimeZoneRegion, customer_zone


class NumberLimitsError(TextError, ValueError):
    """The calls-per-number settings cannot be used as written."""


@dataclass(frozen=True)
class NumberUsage:
    """Calls already made to one number (attempts that did not count are left out)."""

    today: int          # since the start of the customer's local day, all records
    in_round: int       # in the current round of every open record that holds the number


@dataclass(frozen=True)
class NumberVerdict(Worded):
    allowed: bool
    limit: str = ""          # "" | "per_day" | "per_round": the limit that applies
    message: Text | None = None


@dataclass(frozen=True)
class NumberLimits:
    per_day: int = 6       # 3 calls, a daytime pend, 3 more: the seed's busiest day (docs/rules.md)
    per_round: int = 3

    def __post_init__(self) -> None:
        if self.per_day < 0 or self.per_round < 0:
            raise NumberLimitsError(Text("Batas panggilan per nomor tidak boleh negatif (0 = tanpa batas).",
                                          "The calls-per-number limits cannot be negative (0 = no limit)."))

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> "NumberLimits":
        """From {"per_day": 6, "per_round": 3}."""
        settings = settings or {}
        unknown = set(settings) - {"per_day", "per_round"}
        if unknown:
            raise NumberLimitsError(Text(f"Pengaturan batas per nomor tidak dikenal: {', '.join(sorted(unknown))}.",
                                          f"Unknown calls-per-number settings: {', '.join(sorted(unknown))}."))
        return cls(int(settings.get("per_day", cls.per_day)), int(settings.get("per_round", cls.per_round)))

    def check(self, usage: NumberUsage) -> NumberVerdict:
        """May the number be dialled once more?"""
        if self.per_day and usage.today >= self.per_day:
            return NumberVerdict(
                False, "per_day",
                Text(f"Nomor ini sudah dihubungi {usage.today} kali hari ini (batas {self.per_day} per hari untuk "
                     "semua data yang memakai nomor ini); pilih nomor lain atau coba besok.",
                     f"This number was already called {usage.today} times today (limit {self.per_day} a day across "
                     "all records with this number); choose another number or try tomorrow."))
        if self.per_round and usage.in_round >= self.per_round:
            return NumberVerdict(
                False, "per_round",
                Text(f"Nomor ini sudah dihubungi {usage.in_round} kali dalam putaran ini (batas {self.per_round} per "
                     "putaran untuk semua data yang memakai nomor ini); pilih nomor lain.",
                     f"This number was already called {usage.in_round} times in this round (limit {self.per_round} "
                     "a round across all records with this number); choose another number."))
        return NumberVerdict(True)


def day_start(now: datetime, zone: TimeZoneRegion | CustomerZone | str | None) -> datetime:
    """Midnight of the customer's local day, in UTC (an unknown zone counts from WIT's midnight,
    the earliest of the three, so no call of that day is missed)."""
    cz = customer_zone(zone)
    starts = []
    for region in cz.regions:
        local = as_utc(now).astimezone(region.zone)
        starts.append(datetime.combine(local.date(), time(0), region.zone).astimezone(timezone.utc))
    return min(starts)
