"""National holidays, each program's calling window, per-number limits, program definitions (issue 18)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from app.domain.attempt_policy import AttemptPolicy
from app.domain.calling_hours import CallingHours, CustomerZone
from app.domain.calling_windows import CallingWindows
from app.domain.number_limits import NumberLimits, NumberUsage, day_start
from app.domain.programs import Program, rules_for, rules_from_settings
from app.domain.public_holidays import HolidayCalendar
from app.domain.workitem import WorkItemState as S
from app.platform.config import DEFAULTS
from tests.unit.support import SAT, WED, WIB, WIT, WITA, at, local, reason

INDEPENDENCE_DAY = 17          # 2026-08-17, a Monday
HOURS = CallingHours()


def aug(region, hour, minute=0, day=INDEPENDENCE_DAY):
    return at(region, day, hour, minute, month=8)


def test_national_holidays_come_from_the_holidays_package_in_indonesian():
    calendar = HolidayCalendar()
    assert calendar.name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert date(2026, 12, 25) in calendar and date(2026, 11, 25) not in calendar
    assert date(2026, 12, 24) not in calendar                       # cuti bersama only when the site says so
    assert date(2026, 12, 24) in HolidayCalendar(cuti_bersama=True)
    assert date(2026, 11, 27) in HolidayCalendar.from_settings({"site_dates": ["2026-11-27"]})
    assert date(2026, 8, 17) not in HolidayCalendar.none()


@pytest.mark.parametrize("hour,minute,reason_,open_", [
    (7, 59, "outside_hours", False),                # before the window: closed, agreement or not
    (8, 0, "holiday_needs_agreement", False),       # the window's first minute, but a holiday
    (19, 59, "holiday_needs_agreement", False),
    (20, 0, "outside_hours", False),
])
def test_a_holiday_at_0759_and_0800_without_the_customers_agreement(hour, minute, reason_, open_):
    verdict = HOURS.check(aug(WIB, hour, minute), WIB)
    assert (verdict.reason, verdict.open) == (reason_, open_)
    if reason_ == "holiday_needs_agreement":
        assert verdict.holiday == "Hari Kemerdekaan Republik Indonesia" and "setuju" in verdict.message_id
    assert not HOURS.is_open(aug(WIB, hour, minute), WIB)


def test_a_holiday_at_0759_and_0800_with_the_customers_agreement():
    assert not HOURS.check(aug(WIB, 7, 59), WIB, holiday_agreed=True).open
    verdict = HOURS.check(aug(WIB, 8, 0), WIB, holiday_agreed=True)
    assert verdict.open and verdict.holiday and "sudah setuju" in verdict.message_id


def test_the_day_after_a_holiday_is_an_ordinary_day_and_retries_skip_the_holiday():
    assert HOURS.check(aug(WIB, 8, 0, day=18), WIB).reason == "open"
    d = AttemptPolicy().decide(Program.PRANPC, reason("NC-RNA"), 1, 1, aug(WIB, 19, 30, day=16), WIB)
    assert local(d.next_attempt_at, WIB) == (8, 18, 8, 0)           # Sunday closed, Monday the 17th a holiday


def test_each_program_calls_in_its_own_window():
    windows = CallingWindows.from_settings(DEFAULTS)
    sunday = at(WIB, 29, 10)
    assert not windows.is_open(Program.CT0, sunday, WIB) and not windows.is_open(Program.PRANPC, sunday, WIB)
    assert windows.is_open(Program.TIER2, sunday, WIB)
    assert windows.is_open(Program.TIER2, aug(WIB, 10), WIB)         # service hours keep no holidays
    assert windows.check(Program.CT0, aug(WIB, 10), WIB).reason == "holiday_needs_agreement"


def test_a_site_can_move_a_program_to_another_window_and_change_a_window():
    windows = CallingWindows.from_settings({"programs": {"PRANPC": {"calling_window": "service_hours"}},
                                            "service_hours": {"start": "09:00", "end": "17:00"}})
    assert windows.is_open(Program.PRANPC, at(WIB, 29, 10), WIB)
    assert not windows.is_open(Program.PRANPC, at(WIB, 29, 17), WIB)
    with pytest.raises(ValueError):
        rules_from_settings({"CT0": {"calling_window": "all_day"}})


def test_a_tier2_saturday_1930_datin_pend_returns_sunday_morning_and_says_besok_pagi():
    policy = AttemptPolicy.from_settings(DEFAULTS)
    d = policy.decide(Program.TIER2, reason("T2-RNA"), 3, 1, at(WIB, SAT, 19, 30), WIB, service="DATIN")
    assert d.next_state is S.PENDING_UNTIL and local(d.next_attempt_at, WIB) == (11, 29, 8, 0)
    assert "ditunda sampai besok 08:00 WIB (malam: besok pagi)" in d.summary_id


def test_a_night_pend_that_is_not_tomorrow_does_not_say_besok_pagi():
    policy = AttemptPolicy(rules_for=lambda p: rules_from_settings({"CT0": {"pend_after_first_round": True}})[p])
    d = policy.decide(Program.CT0, reason("NC-RNA"), 3, 1, at(WIB, SAT, 19, 30), WIB)
    assert local(d.next_attempt_at, WIB) == (11, 30, 8, 0)
    assert "besok pagi" not in d.summary_id and "malam: hari panggilan berikutnya" in d.summary_id
    early = policy.decide(Program.CT0, reason("NC-RNA"), 3, 1, at(WIB, WED, 2, 0), WIB)
    assert "malam: pagi ini" in early.summary_id


def test_ct0_and_pranpc_make_three_calls_then_close_unless_the_site_says_otherwise():
    default = AttemptPolicy.from_settings(DEFAULTS)
    for program in (Program.CT0, Program.PRANPC):
        d = default.decide(program, reason("NC-RNA"), 3, 1, at(WIB, WED, 10), WIB)
        assert d.next_state is S.CLOSED_UNREACHABLE and d.round_no == 1
    site = AttemptPolicy.from_settings({"programs": {"CT0": {"pend_after_first_round": True}}})
    assert site.decide(Program.CT0, reason("NC-RNA"), 3, 1, at(WIB, WED, 10), WIB).next_state is S.PENDING_UNTIL
    assert rules_for(Program.CT0).pend_after_first_round is False


def test_program_definitions_say_which_arrears_months_belong_to_the_program():
    assert rules_for(Program.CT0).arrears_months_allowed == (2,) and rules_for(Program.CT0).arrears_text() == "N+2"
    assert rules_for(Program.PRANPC).arrears_text() == "N/N+1"
    site = rules_from_settings({"PRANPC": {"arrears_months_allowed": ["1", 0, 1]}})
    assert site[Program.PRANPC].arrears_months_allowed == (0, 1)
    with pytest.raises(ValueError):
        rules_from_settings({"CT0": {"arrears_months_allowed": [-1]}})


@pytest.mark.parametrize("today,in_round,allowed,limit", [
    (2, 2, True, ""), (3, 0, False, "per_day"), (0, 3, False, "per_round"), (3, 3, False, "per_day")])
def test_the_per_number_limit_at_its_edges(today, in_round, allowed, limit):
    verdict = NumberLimits(per_day=3, per_round=3).check(NumberUsage(today, in_round))
    assert (verdict.allowed, verdict.limit) == (allowed, limit)
    assert bool(verdict.message_id) is not allowed


def test_a_limit_of_zero_is_no_limit_and_bad_settings_are_refused():
    assert NumberLimits(per_day=0, per_round=0).check(NumberUsage(99, 99)).allowed
    assert NumberLimits.from_settings(DEFAULTS["number_limits"]) == NumberLimits(6, 3)
    for bad in ({"per_week": 3}, {"per_day": -1}):
        with pytest.raises(ValueError):
            NumberLimits.from_settings(bad)


def test_the_day_starts_at_the_customers_midnight():
    now = at(WIT, WED, 0, 30)                       # 00:30 WIT = 22:30 WIB the day before
    assert day_start(now, WIT) == datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc)
    assert day_start(now, WIB) == datetime(2026, 11, 23, 17, 0, tzinfo=timezone.utc)
    # unknown: the earliest of the three local midnights, so no call of the customer's day is missed
    assert day_start(now, CustomerZone.UNKNOWN) == datetime(2026, 11, 23, 16, 0, tzinfo=timezone.utc)
    assert day_start(at(WITA, WED, 12), WITA) == at(WITA, WED, 0)
