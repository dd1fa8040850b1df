"""The clock the domain asks for the time: injected, never read directly.

Every rule that depends on "now" (calling hours, retries, promise dates) takes a
datetime from a Clock so tests can freeze and move time.  This module must not
read the wall clock anywhere but in SystemClock, and it only deals in aware UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol, runtime_checkable

from app.domain.text import Text, TextError


class NaiveTime(TextError, ValueError):
    """A datetime without a zone, where the instant matters."""


def as_utc(dt: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is refused because its zone is a guess."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise NaiveTime(Text("Waktu harus menyertakan zona waktu (naive datetime tidak diterima).",
                             "A time must include its time zone (a naive datetime is not accepted)."))
    return dt.astimezone(timezone.utc)


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real wall clock (production)."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FrozenClock:
    """A clock that only moves when told to (tests, demos, replays)."""

    def __init__(self, dt: datetime) -> None:
        self._now = as_utc(dt)

    def now(self) -> datetime:
        return self._now

    def set(self, dt: datetime) -> None:
        self._now = as_utc(dt)

    def advance(self, delta: timedelta) -> datetime:
        self._now = self._now + delta
        return self._now

    def __repr__(self) -> str:
        return f"FrozenClock({self._now.isoformat()})"
