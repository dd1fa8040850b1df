"""The wrap-up compares "already paid" with the bill i-payment showed, without refusing it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.billing import Bill, BillPeriod, BillStatus
from app.domain.programs import Program
from app.domain.reasons import ReasonCatalogue
from app.views.desk.wrapup import WrapUpForm


def bill_owing(total: int) -> Bill:
    periods = (BillPeriod("202611", Decimal(total), date(2026, 11, 20), BillStatus.UNPAID),) if total else ()
    return Bill("122300001231", "Siti Rahayu", "0227123456", "Jl. Dago 1", "BDG", periods,
                1 if total else 0, Decimal(total))


def test_already_paid_against_an_unpaid_bill_shows_a_hint_and_still_saves(qtbot):
    form = WrapUpForm()
    qtbot.addWidget(form)
    form.show()
    form.start(ReasonCatalogue.default().for_program(Program.CT0), None, None)
    form.set_bill(bill_owing(385_000))
    form.reason.setCurrentIndex(form.reason.findData("CT-PAID"))
    assert form.hint.isVisible() and "385.000" in form.hint.text()
    form.reason.setCurrentIndex(form.reason.findData("CT-RTP"))
    assert not form.hint.isVisible(), "only a paid claim is compared with the bill"
    form.reason.setCurrentIndex(form.reason.findData("CT-PAID"))
    with qtbot.waitSignal(form.save_requested) as saved:
        form.save_button.click()
    assert saved.args[0] == "CT-PAID", "a hint, not a refusal"
    form.set_bill(bill_owing(0))
    assert not form.hint.isVisible()
