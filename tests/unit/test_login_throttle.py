"""Repeated failed logins slow the next try down (issue 14); passwords are kept as scrypt hashes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.domain.login_throttle import FREE_FAILURES, MAX_DELAY, delay_after, seconds_to_wait
from app.platform.passwords import hash_password, verify_password

T0 = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)


def test_the_first_failures_cost_nothing_then_each_doubles_the_wait_up_to_five_minutes():
    assert [delay_after(n).total_seconds() for n in range(FREE_FAILURES)] == [0, 0, 0]
    assert [delay_after(n).total_seconds() for n in (3, 4, 5, 6)] == [5, 10, 20, 40]
    assert delay_after(40) == MAX_DELAY


def test_the_wait_counts_from_the_last_failure_in_whole_seconds():
    assert seconds_to_wait(3, T0, T0) == 5
    assert seconds_to_wait(3, T0, T0 + timedelta(seconds=4.2)) == 1
    assert seconds_to_wait(3, T0, T0 + timedelta(seconds=5)) == 0
    assert seconds_to_wait(0, None, T0) == 0


def test_a_password_hash_is_salted_scrypt_and_checks_only_the_right_password():
    one, two = hash_password("rahasia-123"), hash_password("rahasia-123")
    assert one.startswith("scrypt$16384$8$1$") and one != two and "rahasia" not in one
    assert verify_password("rahasia-123", one) and verify_password("rahasia-123", two)
    assert not verify_password("rahasia-124", one)
    assert not verify_password("rahasia-123", None) and not verify_password("rahasia-123", "md5$abc")
