from datetime import date, datetime, time, timezone

import pytest

from app.domain.calling_hours import CallingHours, TimeZoneRegion, region_for_area_code
from tests.unit.support import MON, SAT, SUN, WED, WIB, WIT, WITA, at, local

HOURS = CallingHours()


def test_regions_map_to_indonesian_zones():
    assert WIB.zone.key == "Asia/Jakarta" and WITA.zone.key == "Asia/Makassar" and WIT.zone.key == "Asia/Jayapura"
    assert TimeZoneRegion("WITA") is WITA


@pytest.mark.parametrize("code,region", [("021", WIB), ("022", WIB), ("024", WIB), ("0274", WIB), ("031", WIB),
                                         ("061", WIB), ("0561", WIB), ("0361", WITA), ("0411", WITA),
                                         ("0511", WITA), ("0541", WITA), ("0370", WITA), ("0967", WIT),
                                         ("0911", WIT), ("0901", WIT), ("361", WITA), ("", WIB), (None, WIB)])
def test_region_for_area_code_best_effort(code, region):
    assert region_for_area_code(code) is region


def test_window_is_open_at_0800_and_1959_and_closed_at_0759_and_2000():
    assert HOURS.is_open(at(WIB, WED, 8, 0), WIB)
    assert HOURS.is_open(at(WIB, WED, 19, 59), WIB)
    assert not HOURS.is_open(at(WIB, WED, 7, 59), WIB)
    assert not HOURS.is_open(at(WIB, WED, 20, 0), WIB)


def test_same_utc_instant_is_open_in_wib_but_closed_in_wit():
    instant = at(WIB, WED, 18, 30)            # 19:30 WITA, 20:30 WIT
    assert HOURS.is_open(instant, WIB)
    assert HOURS.is_open(instant, WITA)
    assert not HOURS.is_open(instant, WIT)
    morning = at(WIT, WED, 8, 30)             # 07:30 WITA, 06:30 WIB
    assert HOURS.is_open(morning, WIT) and not HOURS.is_open(morning, WITA) and not HOURS.is_open(morning, WIB)


def test_sunday_is_closed_and_saturday_open():
    assert HOURS.is_open(at(WIB, SAT, 10), WIB)
    assert not HOURS.is_open(at(WIB, SUN, 10), WIB)


def test_next_open_returns_the_instant_itself_when_open():
    instant = at(WITA, WED, 13, 17)
    assert HOURS.next_open(instant, WITA) == instant
    assert HOURS.clamp(instant, WITA) == instant


def test_next_open_before_opening_is_same_morning():
    assert local(HOURS.next_open(at(WIB, WED, 6, 15), WIB), WIB) == (11, WED, 8, 0)


def test_next_open_after_closing_is_next_morning_in_customer_zone():
    result = HOURS.next_open(at(WIT, WED, 20, 0), WIT)
    assert local(result, WIT) == (11, 26, 8, 0)
    assert result == datetime(2026, 11, 25, 23, 0, tzinfo=timezone.utc)


def test_saturday_evening_moves_to_monday_morning_because_sunday_is_closed():
    assert local(HOURS.next_open(at(WIB, SAT, 20, 0), WIB), WIB) == (11, MON, 8, 0)
    assert local(HOURS.next_open(at(WIB, SUN, 12, 0), WIB), WIB) == (11, MON, 8, 0)


def test_holidays_are_closed_and_skipped():
    hours = CallingHours(holidays=frozenset({date(2026, 11, 26)}))
    assert not hours.is_open(at(WIB, 26, 10), WIB)
    assert local(hours.next_open(at(WIB, WED, 21), WIB), WIB) == (11, 27, 8, 0)


def test_christmas_friday_holiday_then_weekend_lands_on_monday():
    hours = CallingHours(holidays=frozenset({date(2026, 12, 25), date(2026, 12, 26)}))
    assert local(hours.next_open(at(WIB, 24, 20, month=12), WIB), WIB) == (12, 28, 8, 0)


def test_next_morning_is_tomorrow_from_daytime_and_today_from_early_morning():
    assert local(HOURS.next_morning(at(WIB, WED, 10), WIB), WIB) == (11, 26, 8, 0)
    assert local(HOURS.next_morning(at(WIB, WED, 3), WIB), WIB) == (11, WED, 8, 0)
    assert local(HOURS.next_morning(at(WIB, SAT, 19, 30), WIB), WIB) == (11, MON, 8, 0)


def test_from_settings_reads_times_days_and_holidays():
    hours = CallingHours.from_settings({"start": "09.00", "end": "17:30", "days": ["mon", "tue", "wed", "thu",
                                                                                 "jumat"],
                                        "holidays": ["2026-11-26"]})
    assert hours.start == time(9) and hours.end == time(17, 30)
    assert hours.days == frozenset({0, 1, 2, 3, 4})
    assert not hours.is_open(at(WIB, SAT, 10), WIB)
    assert not hours.is_open(at(WIB, 26, 10), WIB)
    assert CallingHours.from_settings({}) == CallingHours()


@pytest.mark.parametrize("settings", [{"start": "20:00", "end": "08:00"}, {"days": []}, {"days": ["funday"]},
                                      {"opening": "08:00"}])
def test_bad_calling_hours_settings_are_refused(settings):
    with pytest.raises(ValueError):
        CallingHours.from_settings(settings)


def test_no_open_day_at_all_is_an_error_not_a_hang():
    hours = CallingHours(days=frozenset({0}), holidays=frozenset(
        date(2026, 11, 30) + (date(2026, 12, 7) - date(2026, 11, 30)) * i for i in range(200)))
    with pytest.raises(ValueError):
        hours.next_open(at(WIB, WED, 10), WIB)
