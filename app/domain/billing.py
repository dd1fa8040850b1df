"""A customer's bill as i-payment reports it: periods (YYYYMM), amounts, payment status.

Plain values only: amounts are `Decimal` Rupiah and dates are `date` objects.  This
module must not fetch, cache or format anything for a screen; the i-payment client
(app.services.ipayment) builds these objects and the views decide how to show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

_PERIOD = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")


class BillStatus(str, Enum):
    PAID = "paid"
    UNPAID = "unpaid"
    PENDING = "pending"      # paid at a channel, not yet settled with the biller


@dataclass(frozen=True, order=True)
class BillPeriod:
    """One monthly bill.  Ordered by period (YYYYMM sorts as text)."""

    period: str
    amount: Decimal = field(compare=False)
    due_date: date = field(compare=False)
    status: BillStatus = field(compare=False)
    payment_date: date | None = field(default=None, compare=False)
    payment_channel: str | None = field(default=None, compare=False)
    reference: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not _PERIOD.match(self.period):
            raise ValueError(f"period must be YYYYMM, got {self.period!r}")
        if self.amount < 0:
            raise ValueError("a bill amount cannot be negative")

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def month(self) -> int:
        return int(self.period[4:])

    @property
    def in_arrears(self) -> bool:
        return self.status is BillStatus.UNPAID


@dataclass(frozen=True)
class Bill:
    account_number: str
    customer_name: str
    service_number: str          # SND
    address: str
    sto: str                     # local exchange
    periods: tuple[BillPeriod, ...]
    months_in_arrears: int
    total_arrears: Decimal
    as_of: datetime | None = None
    segment: str | None = None

    @property
    def arrears(self) -> tuple[BillPeriod, ...]:
        """Unpaid periods, oldest first."""
        return tuple(sorted(p for p in self.periods if p.in_arrears))

    @property
    def earliest_arrears_period(self) -> str | None:
        unpaid = self.arrears
        return unpaid[0].period if unpaid else None

    @property
    def latest_arrears_period(self) -> str | None:
        unpaid = self.arrears
        return unpaid[-1].period if unpaid else None

    @property
    def computed_arrears(self) -> Decimal:
        return sum((p.amount for p in self.arrears), Decimal("0"))

    @property
    def is_consistent(self) -> bool:
        """The server's totals agree with its periods (shown as a warning if not)."""
        return (self.months_in_arrears == len(self.arrears)
                and self.total_arrears == self.computed_arrears)

    @property
    def has_pending_payment(self) -> bool:
        return any(p.status is BillStatus.PENDING for p in self.periods)


def unpaid_despite_claim(bill: Bill | None) -> bool:
    """The customer says they paid, yet i-payment shows arrears and no payment being settled.

    Not a refusal (payments at some channels take days to reach i-payment): the agent is
    asked to note where and when the customer paid, so the claim can be checked later.
    """
    return bill is not None and bill.total_arrears > 0 and not bill.has_pending_payment


def period_of(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}"


def shift_period(period: str, months: int) -> str:
    """The period `months` after (negative: before) `period`."""
    match = _PERIOD.match(period)
    if not match:
        raise ValueError(f"period must be YYYYMM, got {period!r}")
    index = int(match.group(1)) * 12 + int(match.group(2)) - 1 + months
    return f"{index // 12:04d}{index % 12 + 1:02d}"
