from datetime import datetime, timedelta, timezone

import pytest

from app.domain.clock import Clock, FrozenClock, SystemClock
from app.domain.calling_hours import TimeZoneRegion


def test_system_clock_returns_aware_utc():
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert isinstance(SystemClock(), Clock)


def test_frozen_clock_converts_to_utc_and_moves_only_when_told():
    clock = FrozenClock(datetime(2026, 11, 25, 14, 0, tzinfo=TimeZoneRegion.WIB.zone))
    assert clock.now() == datetime(2026, 11, 25, 7, 0, tzinfo=timezone.utc)
    assert clock.now() == clock.now()
    clock.advance(timedelta(minutes=90))
    assert clock.now() == datetime(2026, 11, 25, 8, 30, tzinfo=timezone.utc)
    clock.set(datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert clock.now().year == 2027
    assert isinstance(clock, Clock)


def test_frozen_clock_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="zona waktu"):
        FrozenClock(datetime(2026, 11, 25, 8, 0))
    clock = FrozenClock(datetime(2026, 11, 25, tzinfo=timezone.utc))
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 11, 25))
