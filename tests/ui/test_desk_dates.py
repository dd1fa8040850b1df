"""Dates and times at the desk (issue 16, items 4 and 5): a typed date is the date typed, the
calendar offers only days the form accepts, and a callback is entered and shown on the customer's
clock, labelled with their zone, whatever the PC's clock is set to."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from app.store.models import Customer, Result, WorkItem
from app.views.date_fields import DateField
from app.views.desk.wrapup import WrapUpForm


@pytest.mark.parametrize("typed", ["03/12/2026", "3/12/2026", "03-12-2026", "2026-12-03"])
def test_a_typed_date_is_the_date_typed(qtbot, typed):
    field = DateField(QDate(2026, 11, 29))
    qtbot.addWidget(field)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, typed)
    assert field.date() == QDate(2026, 12, 3)


def test_a_date_that_is_not_one_is_marked_and_not_taken(qtbot):
    field = DateField(QDate(2026, 11, 29))
    qtbot.addWidget(field)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31/02/2026")
    assert not field.date().isValid() and "b3261e" in field.edit.styleSheet()


def test_the_calendar_offers_only_the_days_a_promise_may_take(qtbot, ui_ctx):
    form = WrapUpForm()
    qtbot.addWidget(form)
    promise = next(r for r in ui_ctx.catalogue.for_program("PRANPC") if r.code == "CT-AGR")
    now = datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc)          # 10:00 WIB
    form.start([promise], "CT-AGR", None, "id", now=now, zone="WIB", promise_days=14)
    calendar = form.inputs["promise_date"].calendar
    assert calendar.minimumDate() == QDate(2026, 11, 30) and calendar.maximumDate() == QDate(2026, 12, 14)
    assert form.inputs["promise_date"].date() == QDate(2026, 12, 1)


@pytest.fixture
def pc_clock_in_new_york():
    """The PC's own clock set to another zone (a laptop from abroad, a wrong setting)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_a_callback_is_entered_on_the_customers_clock_whatever_the_pc_says(qtbot, ui_ctx, pc_clock_in_new_york):
    from app.views.desk.window import AgentDeskWindow
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:
        s.get(Customer, s.get(WorkItem, ids["item1"]).customer_id).region = "WITA"
    ui_ctx.clock.set(datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc))    # 18:00 WITA, a Monday
    desk = AgentDeskWindow(ui_ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
    with qtbot.waitSignal(desk.item_opened):
        desk.next_item()
    session = desk.session                                    # a call answered (a callback needs a real call)
    started = desk.desk.start_attempt(session.item_id, ids["phone1"])
    desk.desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                             talk_seconds=40, recording_path=None, recording_error=None, suggested_reason=None)
    desk.close()
    qtbot.waitUntil(lambda: not desk.isVisible(), timeout=10000)
    desk = AgentDeskWindow(ui_ctx)                             # the wrap-up is resumed at the next start
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.wrapup.isEnabled(), timeout=10000)
    desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-CBK"))
    field = desk.wrapup.inputs["callback_at"]
    assert field.zone_label.text() == "WITA"
    assert field.day.date() == QDate(2026, 11, 30) and field.time.text() == "19:00", "now + 1 h, WITA"
    field.time.selectAll()
    qtbot.keyClicks(field.time, "19:30")
    with qtbot.waitSignal(desk.result_saved) as saved:
        desk.wrapup.save_button.click()
    assert saved.args[0].decision.next_attempt_at == datetime(2026, 11, 30, 11, 30, tzinfo=timezone.utc)
    assert "19:30 WITA" in saved.args[0].decision.summary_id
    with ui_ctx.database.session() as s:
        assert s.scalars(select(Result.fields)).one()["callback_at"] == "2026-11-30T19:30+08:00"
