"""Bill values (app.domain.billing): periods, arrears, consistency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.billing import Bill, BillPeriod, BillStatus, period_of, shift_period, unpaid_despite_claim


def period(p: str, amount: int, status: BillStatus) -> BillPeriod:
    return BillPeriod(period=p, amount=Decimal(amount), due_date=date(int(p[:4]), int(p[4:]), 20), status=status)


def bill(*periods: BillPeriod, months: int, total: int) -> Bill:
    return Bill(account_number="122300001231", customer_name="Siti Rahayu", service_number="0227123456",
                address="Jl. Dago No. 1, Bandung", sto="BDG - Bandung Centrum", periods=periods,
                months_in_arrears=months, total_arrears=Decimal(total))


def test_arrears_are_the_unpaid_periods_oldest_first():
    b = bill(period("202611", 385_000, BillStatus.UNPAID), period("202610", 404_250, BillStatus.UNPAID),
             period("202609", 385_000, BillStatus.PAID), months=2, total=789_250)
    assert [p.period for p in b.arrears] == ["202610", "202611"]
    assert b.earliest_arrears_period == "202610" and b.latest_arrears_period == "202611"
    assert b.computed_arrears == Decimal("789250") and b.is_consistent


def test_pending_payment_is_not_counted_as_arrears():
    b = bill(period("202611", 385_000, BillStatus.PENDING), period("202610", 385_000, BillStatus.UNPAID),
             months=1, total=385_000)
    assert b.has_pending_payment and [p.period for p in b.arrears] == ["202610"] and b.is_consistent


def test_totals_that_disagree_with_the_periods_are_flagged():
    b = bill(period("202611", 385_000, BillStatus.UNPAID), months=2, total=385_000)
    assert not b.is_consistent


def test_paid_up_bill_has_no_arrears_period():
    b = bill(period("202611", 385_000, BillStatus.PAID), months=0, total=0)
    assert b.earliest_arrears_period is None and b.arrears == () and b.is_consistent


@pytest.mark.parametrize("bad", ["2026-11", "202613", "202600", "20261", "abcdef"])
def test_period_must_be_yyyymm(bad):
    with pytest.raises(ValueError):
        BillPeriod(period=bad, amount=Decimal(1), due_date=date(2026, 1, 20), status=BillStatus.PAID)


def test_negative_amount_is_refused():
    with pytest.raises(ValueError):
        BillPeriod(period="202611", amount=Decimal(-1), due_date=date(2026, 11, 20), status=BillStatus.UNPAID)


def test_shift_period_crosses_year_boundaries():
    assert shift_period("202601", -1) == "202512"
    assert shift_period("202611", 2) == "202701"
    assert shift_period("202611", -23) == "202412"
    assert period_of(date(2026, 3, 31)) == "202603"


def test_bill_status_values_are_the_contracts():
    assert {s.value for s in BillStatus} == {"paid", "unpaid", "pending"}


def test_a_paid_claim_is_questioned_only_when_arrears_show_and_nothing_is_being_settled():
    owing = bill(period("202611", 385_000, BillStatus.UNPAID), months=1, total=385_000)
    settling = bill(period("202611", 385_000, BillStatus.PENDING), period("202610", 385_000, BillStatus.UNPAID),
                    months=1, total=385_000)
    paid_up = bill(period("202611", 385_000, BillStatus.PAID), months=0, total=0)
    assert unpaid_despite_claim(owing)
    assert not unpaid_despite_claim(settling), "a payment on its way explains the claim"
    assert not unpaid_despite_claim(paid_up)
    assert not unpaid_despite_claim(None), "no bill (i-payment down): nothing to compare"
