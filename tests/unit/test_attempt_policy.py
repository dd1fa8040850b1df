from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from app.domain.attempt_policy import AttemptPolicy, format_when, pend_until
from app.domain.calling_hours import CallingHours, TimeZoneRegion
from app.domain.programs import Program, ProgramRules, rules_from_settings
from app.domain.workitem import WorkItemState as S
from tests.unit.support import CATALOGUE, MON, SAT, WED, WIB, WIT, WITA, at, local, reason

# CT-0's pend and second round are a site's choice since issue 18 (the CT-0/PRANPC seed has
# none; docs/rules.md): these tests describe a site that turned them on.
CT0_PENDS = rules_from_settings({"CT0": {"pend_after_first_round": True}})
POLICY = AttemptPolicy(rules_for=lambda p: CT0_PENDS[Program(p)])
THU = 26


def decide(program, code, n, now, region=WIB, round_no=1, **kw):
    return POLICY.decide(program, reason(code), n, round_no, now, region, **kw)


@pytest.mark.parametrize("program", [Program.CT0, Program.PRANPC])
@pytest.mark.parametrize("code", ["NC-RNA", "NC-BSY", "NC-MBX", "NC-REJ", "CT-TPY"])
def test_not_reached_before_the_third_attempt_retries_an_hour_later(program, code):
    d = decide(program, code, 1, at(WIB, WED, 10, 5))
    assert d.next_state is S.RETRY_LATER
    assert local(d.next_attempt_at, WIB) == (11, WED, 11, 5)
    assert (d.attempt_no, d.max_attempts, d.round_no) == (1, 3, 1)
    assert d.summary_id == "percobaan 1 dari 3, dijadwalkan 11:05 WIB"
    assert d.summary_en == "attempt 1 of 3, scheduled 11:05 WIB"


def test_fewer_than_three_calls_never_close_as_unreachable():
    for n in (1, 2):
        for hour in (8, 12, 19):
            assert decide(Program.PRANPC, "NC-RNA", n, at(WIB, WED, hour, 59)).next_state is S.RETRY_LATER


def test_retry_that_would_fall_after_closing_moves_to_next_morning():
    d = decide(Program.PRANPC, "NC-RNA", 2, at(WIB, WED, 19, 30))
    assert local(d.next_attempt_at, WIB) == (11, THU, 8, 0)
    assert d.summary_id == "percobaan 2 dari 3, dijadwalkan besok 08:00 WIB"


def test_retry_at_1859_stays_today_at_1959():
    d = decide(Program.PRANPC, "NC-BSY", 1, at(WIB, WED, 18, 59))
    assert local(d.next_attempt_at, WIB) == (11, WED, 19, 59)


def test_pranpc_closes_unreachable_after_three_not_reached_attempts():
    d = decide(Program.PRANPC, "NC-RNA", 3, at(WIB, WED, 10))
    assert d.next_state is S.CLOSED_UNREACHABLE and d.next_attempt_at is None
    assert d.summary_id == "ditutup: tidak terhubung setelah 3 percobaan"


def test_ct0_third_attempt_in_daytime_pends_one_hour_and_starts_round_two():
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, 10))
    assert d.next_state is S.PENDING_UNTIL
    assert local(d.next_attempt_at, WIB) == (11, WED, 11, 0)
    assert d.round_no == 2 and d.attempt_no == 3 and d.max_attempts == 3
    assert "ditunda sampai 11:00 WIB" in d.summary_id


def test_ct0_third_attempt_at_1859_pends_until_1959_still_inside_hours():
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, 18, 59))
    assert local(d.next_attempt_at, WIB) == (11, WED, 19, 59)


def test_ct0_third_attempt_exactly_at_1900_boundary_pends_until_next_morning():
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, 19, 0))     # +1 h = 20:00, already closed
    assert d.next_state is S.PENDING_UNTIL
    assert local(d.next_attempt_at, WIB) == (11, THU, 8, 0)
    assert "ditunda sampai besok 08:00 WIB" in d.summary_id


def test_ct0_third_attempt_at_night_pends_until_next_morning():
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, 22, 0))
    assert local(d.next_attempt_at, WIB) == (11, THU, 8, 0)
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, THU, 2, 0))
    assert local(d.next_attempt_at, WIB) == (11, THU, 8, 0)


def test_saturday_evening_pend_waits_until_monday_morning():
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, SAT, 19, 30))
    assert local(d.next_attempt_at, WIB) == (11, MON, 8, 0)
    assert "Sen 30/11 08:00 WIB" in d.summary_id


@pytest.mark.parametrize("region,expected", [(WIB, (11, WED, 19, 30)), (WITA, (11, THU, 8, 0)),
                                             (WIT, (11, THU, 8, 0))])
def test_same_utc_instant_pends_by_the_customers_zone(region, expected):
    instant = at(WIB, WED, 18, 30)            # 18:30 WIB = 19:30 WITA = 20:30 WIT
    d = decide(Program.CT0, "NC-RNA", 3, instant, region)
    assert local(d.next_attempt_at, region) == expected
    assert region.value in d.summary_id


def test_pend_before_a_holiday_skips_it():
    policy = AttemptPolicy(rules_for=POLICY.rules_for,
                           calling_hours=CallingHours(holidays=frozenset({date(2026, 11, 27)})))
    d = policy.decide(Program.CT0, reason("NC-RNA"), 3, 1, at(WITA, THU, 19, 30), WITA)
    assert local(d.next_attempt_at, WITA) == (11, SAT, 8, 0)


def test_ct0_second_round_retries_then_closes_after_three_more():
    d = decide(Program.CT0, "NC-RNA", 2, at(WIB, WED, 10), round_no=2)
    assert d.next_state is S.RETRY_LATER and d.round_no == 2
    assert "(putaran 2)" in d.summary_id
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, 10), round_no=2)
    assert d.next_state is S.CLOSED_UNREACHABLE and d.round_no == 2
    assert d.summary_id == "ditutup: tidak terhubung setelah 6 percobaan"


@pytest.mark.parametrize("code,actions", [("CT-AGR", ("to_qc",)), ("CT-PAID", ()), ("CT-FIN", ()),
                                          ("CT-RTP", ()), ("CT-DSP", ("escalate",)),
                                          ("CT-CMP", ("create_fault_ticket",)), ("CT-CBT", ()), ("CT-PDA", ()),
                                          ("CT-PKG", ()), ("NC-NON", ())])
def test_closing_reasons_end_the_item_as_done_with_their_actions(code, actions):
    d = decide(Program.PRANPC, code, 1, at(WIB, WED, 10))
    assert d.next_state is S.DONE and d.next_attempt_at is None
    assert d.actions == actions
    assert d.summary_id.startswith("selesai: ")


def test_agree_summary_says_it_waits_for_qc():
    assert "validasi QC" in decide(Program.CT0, "CT-AGR", 2, at(WIB, WED, 10)).summary_id


def test_a_closing_reason_on_the_third_attempt_still_closes_as_done():
    assert decide(Program.CT0, "CT-PAID", 3, at(WIB, WED, 10)).next_state is S.DONE


@pytest.mark.parametrize("code", ["NC-WRN", "NC-INA"])
def test_wrong_or_inactive_number_closes_that_number_and_retries_the_item(code):
    d = decide(Program.PRANPC, code, 1, at(WIB, WED, 10))
    assert d.next_state is S.RETRY_LATER and d.closes_phone_only


def test_callback_is_scheduled_at_the_requested_time():
    wanted = at(WIB, THU, 14, 0)
    d = decide(Program.CT0, "CT-CBK", 1, at(WIB, WED, 10), callback_at=wanted)
    assert d.next_state is S.RETRY_LATER and d.next_attempt_at == wanted
    assert d.summary_id == "dihubungi kembali besok 14:00 WIB"


def test_callback_outside_hours_is_clamped_into_calling_hours():
    d = decide(Program.CT0, "CT-CBK", 1, at(WIB, WED, 10), callback_at=at(WIB, WED, 21, 0))
    assert local(d.next_attempt_at, WIB) == (11, THU, 8, 0)
    assert "disesuaikan" in d.summary_id


def test_callback_on_the_third_attempt_does_not_close_the_item():
    d = decide(Program.PRANPC, "CT-CBK", 3, at(WIB, WED, 10), callback_at=at(WIB, WED, 15))
    assert d.next_state is S.RETRY_LATER


def test_naive_callback_time_is_the_customers_wall_clock():
    d = decide(Program.CT0, "CT-CBK", 1, at(WIT, WED, 10), WIT, callback_at=datetime(2026, 11, 25, 15, 0))
    assert local(d.next_attempt_at, WIT) == (11, WED, 15, 0)


def test_callback_in_the_past_or_missing_falls_back_sensibly():
    now = at(WIB, WED, 10)
    assert decide(Program.CT0, "CT-CBK", 1, now, callback_at=at(WIB, WED, 9)).next_attempt_at == now
    assert local(decide(Program.CT0, "CT-CBK", 1, now).next_attempt_at, WIB) == (11, WED, 11, 0)


def test_program_rules_are_injectable():
    fast = ProgramRules.from_settings(Program.PRANPC, {"retry_interval_minutes": 15, "first_round_attempts": 5})
    policy = AttemptPolicy(rules_for=lambda p: fast)
    d = policy.decide(Program.PRANPC, reason("NC-RNA"), 3, 1, at(WIB, WED, 10), WIB)
    assert d.next_state is S.RETRY_LATER and d.max_attempts == 5
    assert local(d.next_attempt_at, WIB) == (11, WED, 10, 15)


def test_tier2_with_service_follows_the_closing_rule():
    d = POLICY.decide(Program.TIER2, reason("T2-RNA"), 3, 1, at(WIB, WED, 10), WIB, service="DATIN")
    assert d.next_state is S.PENDING_UNTIL and "send_rfo_email" in d.actions
    d = POLICY.decide(Program.TIER2, reason("T2-RNA"), 3, 1, at(WIB, WED, 10), WIB, service="INDIHOME")
    assert d.next_state is S.CLOSED_UNREACHABLE


def test_pend_until_reports_daytime_or_night():
    hours = CallingHours()
    assert pend_until(at(WIB, WED, 10), WIB, hours)[1] is True
    assert pend_until(at(WIB, WED, 19), WIB, hours)[1] is False


def test_format_when_uses_the_customers_clock():
    now = at(WIB, WED, 10)
    assert format_when(at(WIB, WED, 14, 5), now, WIB) == "14:05 WIB"
    assert format_when(at(WIB, WED, 14, 5), now, WITA) == "15:05 WITA"
    assert format_when(at(WIB, MON, 8), now, WIB, "en") == "Mon 30/11 08:00 WIB"


NOT_CLOSING = [r for r in CATALOGUE if r.closes != "yes"]
START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@settings(max_examples=400, deadline=None)
@given(minutes=st.integers(0, 2 * 366 * 24 * 60), region=st.sampled_from(list(TimeZoneRegion)),
       reason_=st.sampled_from(NOT_CLOSING), n=st.integers(1, 4), round_no=st.integers(1, 2),
       program=st.sampled_from([Program.CT0, Program.PRANPC]),
       callback_minutes=st.none() | st.integers(-3000, 20000),
       holidays=st.sets(st.integers(0, 60), max_size=10))
def test_a_scheduled_attempt_never_lands_outside_calling_hours(minutes, region, reason_, n, round_no, program,
                                                                 callback_minutes, holidays):
    now = START + timedelta(minutes=minutes)
    hours = CallingHours(holidays=frozenset(now.date() + timedelta(days=h) for h in holidays))
    callback = None if callback_minutes is None else now + timedelta(minutes=callback_minutes)
    d = AttemptPolicy(calling_hours=hours).decide(program, reason_, n, round_no, now, region, callback_at=callback)
    if d.next_attempt_at is not None:
        assert hours.is_open(d.next_attempt_at, region)
        assert d.next_attempt_at >= now
    else:
        assert d.next_state in (S.DONE, S.CLOSED_UNREACHABLE)
    if n < 3 and d.next_state is S.CLOSED_UNREACHABLE:
        pytest.fail("closed as unreachable before the third attempt")


@pytest.mark.parametrize("hour,minute,expected", [
    (7, 59, (11, WED, 8, 0)),      # still night: next opening is this morning
    (8, 0, (11, WED, 9, 0)),       # opening minute is daytime: +1 h
    (18, 59, (11, WED, 19, 59)),   # last daytime pend that still ends inside the window
    (19, 0, (11, THU, 8, 0)),      # +1 h would be exactly 20:00 → night
    (19, 59, (11, THU, 8, 0)),
    (20, 0, (11, THU, 8, 0)),      # closed: night
])
def test_ct0_third_attempt_day_night_boundaries(hour, minute, expected):
    d = decide(Program.CT0, "NC-RNA", 3, at(WIB, WED, hour, minute))
    assert d.next_state is S.PENDING_UNTIL
    assert local(d.next_attempt_at, WIB) == expected


@pytest.mark.parametrize("hour,minute,expected", [(18, 59, (11, WED, 19, 59)), (19, 0, (11, THU, 8, 0)),
                                                  (19, 59, (11, THU, 8, 0)), (20, 0, (11, THU, 8, 0))])
def test_retry_one_hour_later_at_1959_vs_2000_boundary(hour, minute, expected):
    d = decide(Program.PRANPC, "NC-RNA", 1, at(WITA, WED, hour, minute), WITA)
    assert local(d.next_attempt_at, WITA) == expected
