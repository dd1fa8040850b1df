"""Indonesia's three time zones, and the customer's zone as it is stored: possibly unknown.

`TimeZoneRegion` is a real zone (WIB, WITA, WIT; no daylight saving).  `CustomerZone`
is what a customer record holds: one of the three, or UNKNOWN when the import could
not tell (no zone column, no fixed line, no recognisable address).  An unknown zone is
never read as WIB: the calling rules treat it as "any of the three" (app.domain.calling_hours).
`region_for_area_code` maps a fixed line's area code to its zone.  Pure data; no I/O.
"""

from __future__ import annotations

from enum import Enum
from zoneinfo import ZoneInfo

from app.domain.text import Text, TextError

_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


class UnknownZone(TextError, ValueError):
    """A value that names none of WIB, WITA, WIT."""


class TimeZoneRegion(str, Enum):
    WIB = "WIB"     # Western Indonesia, UTC+7
    WITA = "WITA"   # Central Indonesia, UTC+8
    WIT = "WIT"     # Eastern Indonesia, UTC+9

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(_ZONES[self.value])

    @property
    def tz_name(self) -> str:
        return _ZONES[self.value]

    @classmethod
    def of(cls, value: str | None) -> "TimeZoneRegion":
        """The real zone a value names; UnknownZone otherwise.

        It used to answer WIB for anything it did not know, which let a WIT customer be
        called until 22:00 local time.  A stored customer zone may be unknown: read it
        with CustomerZone.parse and give that to the calling rules.
        """
        text = str(value or "").strip().upper()
        try:
            return cls(text)
        except ValueError:
            raise UnknownZone(Text(f"Zona waktu tidak dikenal: {value!r}; gunakan WIB, WITA atau WIT.",
                                   f"Unknown time zone: {value!r}; use WIB, WITA or WIT.")) from None


class CustomerZone(str, Enum):
    """The zone a customer record holds; UNKNOWN is an explicit value ("zona tidak diketahui")."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"
    UNKNOWN = "UNK"     # fits the 4-character customers.region column

    @classmethod
    def parse(cls, value: "str | TimeZoneRegion | CustomerZone | None") -> "CustomerZone":
        """A stored or typed zone; empty or unrecognised is UNKNOWN (called only when every zone is open)."""
        if isinstance(value, CustomerZone):
            return value
        text = str(getattr(value, "value", value) or "").strip().upper()
        try:
            return cls(text)
        except ValueError:
            return cls.UNKNOWN

    @property
    def known(self) -> bool:
        return self is not CustomerZone.UNKNOWN

    @property
    def regions(self) -> tuple[TimeZoneRegion, ...]:
        """The real zones the customer may be in: one, or all three when unknown."""
        if self is CustomerZone.UNKNOWN:
            return tuple(TimeZoneRegion)
        return (TimeZoneRegion(self.value),)

    @property
    def display_region(self) -> TimeZoneRegion:
        """The clock times are shown in: the customer's own, or WIB (the site's) when unknown."""
        return TimeZoneRegion(self.value) if self.known else TimeZoneRegion.WIB

    def label(self, lang: str = "id") -> str:
        if self.known:
            return self.value
        return "zona tidak diketahui" if lang == "id" else "zone unknown"


def customer_zone(value: "TimeZoneRegion | CustomerZone | str | None") -> CustomerZone:
    """Any way of naming a zone, as a CustomerZone (the calling rules accept all of them)."""
    return CustomerZone.parse(value)


# Best effort by area-code prefix; longest prefix wins.  WITA: Bali/NTB/NTT (036x–038x),
# Sulawesi (040x–046x), South/East/North Kalimantan; WIT: Maluku and Papua (09xx).
# Everything else (Sumatra, Java, West/Central Kalimantan) is WIB.
_WITA_PREFIXES = ("036", "037", "038", "040", "041", "042", "043", "044", "045", "046",
                  "0511", "0512", "0517", "0518", "0527", "054", "055")
_WIT_PREFIXES = ("09",)


def region_for_area_code(area_code: str | None) -> TimeZoneRegion:
    """The zone of a fixed-line area code ("0361", "361", "+62361…").  Mobiles carry no zone:
    callers pass fixed lines only (app.domain.zone_lookup does)."""
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
