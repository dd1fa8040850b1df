"""How long a login must wait after failed passwords: repeated failures slow the next try.

The first FREE_FAILURES failures cost nothing (a typo); after that each failure doubles
the wait, from FIRST_DELAY up to MAX_DELAY.  A correct password resets the count.  The
caller keeps the count (single-PC: in the database; team: in the process, beside the
server's own `auth_delay`); the clock is the caller's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FREE_FAILURES = 3
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(minutes=5)


def delay_after(failures: int) -> timedelta:
    """The wait imposed after `failures` consecutive failed logins."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(MAX_DELAY, FIRST_DELAY * (2 ** (failures - FREE_FAILURES)))


def seconds_to_wait(failures: int, last_failed_at: datetime | None, now: datetime) -> int:
    """Whole seconds until the next try is allowed (0: now)."""
    if last_failed_at is None:
        return 0
    left = (last_failed_at + delay_after(failures)) - now
    return max(0, int(left.total_seconds() + 0.999))
