import pytest

from app.domain.calling_hours import CallingHours
from app.domain.clock import FrozenClock
from app.domain.tier2 import (MAX_PROMISE_TICKETS_PER_TL, PROMISE_TICKET_TYPES, EscortLimitReached,
                              HardComplaintCriteria, Segment, Service, TicketType, check_escort_limit,
                              closing_decision, decide_for_reason, is_promise_ticket, route_for_segment)
from app.domain.workitem import WorkItemState as S
from tests.unit.support import WED, WIB, WITA, at, local, reason

HOURS = CallingHours()
THU = 26
DAY, EVENING = (WED, 10, 0), (WED, 19, 30)      # evening: +1 h falls after the 20:00 closing
NEXT_MORNING = (11, THU, 8, 0)
PEND = ("send_rfo_email", "note_details")
ALL = (Service.INDIHOME, Service.POTS, Service.DATIN)

# (service, round, attempt n, reached, normal, monitoring asked, time)
#     → (state, next local time, actions, round after)
TABLE = [
    # reached: confirm the service; normal → ask permission and close
    *[(s, 1, n, True, True, False, t, S.DONE, None, (), 1) for s in ALL for n in (1, 2, 3) for t in (DAY, EVENING)],
    # Datin reached, normal, asks for monitoring → close and a new request/monitoring ticket
    *[(Service.DATIN, r, n, True, True, True, t, S.DONE, None, ("create_monitoring_ticket",), r)
      for r, n in ((1, 1), (1, 3), (2, 2)) for t in (DAY, EVENING)],
    # monitoring is a Datin rule: IndiHome/POTS just close
    *[(s, 1, 2, True, True, True, DAY, S.DONE, None, (), 1) for s in (Service.INDIHOME, Service.POTS)],
    # reached, not normal → back to repair
    *[(s, 1, n, True, False, m, DAY, S.DONE, None, ("back_to_repair",), 1) for s in ALL for n in (1, 3)
      for m in (False, True)],
    # not reached, fewer than 3 calls → call again an hour later, inside calling hours
    *[(s, 1, n, False, None, False, DAY, S.RETRY_LATER, (11, WED, 11, 0), (), 1) for s in ALL for n in (1, 2)],
    *[(s, 1, n, False, None, False, EVENING, S.RETRY_LATER, NEXT_MORNING, (), 1) for s in ALL for n in (1, 2)],
    # Datin not reached after 3 → pend (day 1 h / night next morning), RFO by e-mail, note details, round 2
    (Service.DATIN, 1, 3, False, None, False, DAY, S.PENDING_UNTIL, (11, WED, 11, 0), PEND, 2),
    (Service.DATIN, 1, 3, False, None, False, EVENING, S.PENDING_UNTIL, NEXT_MORNING, PEND, 2),
    # ... then up to 3 more calls, still not reached → close with details
    (Service.DATIN, 2, 1, False, None, False, DAY, S.RETRY_LATER, (11, WED, 11, 0), (), 2),
    (Service.DATIN, 2, 2, False, None, False, EVENING, S.RETRY_LATER, NEXT_MORNING, (), 2),
    *[(Service.DATIN, 2, 3, False, None, False, t, S.CLOSED_UNREACHABLE, None, ("note_details",), 2)
      for t in (DAY, EVENING)],
    # IndiHome and POTS not reached after 3 → close with details
    *[(s, 1, 3, False, None, False, t, S.CLOSED_UNREACHABLE, None, ("note_details",), 1)
      for s in (Service.INDIHOME, Service.POTS) for t in (DAY, EVENING)],
]


def _id(row):
    service, round_no, n, reached, normal, monitoring, t = row[:7]
    when = "day" if t == DAY else "evening"
    outcome = ("reached-normal" if normal else "reached-not-normal") if reached else "not-reached"
    return f"{service.value}-round{round_no}-call{n}-{outcome}-{'monitoring-' if monitoring else ''}{when}"


@pytest.mark.parametrize("row", TABLE, ids=[_id(r) for r in TABLE])
def test_three_call_closing_rule(row):
    service, round_no, n, reached, normal, monitoring, t, state, next_local, actions, round_after = row
    clock = FrozenClock(at(WIB, *t))
    d = closing_decision(service, reached, n, round_no, normal, monitoring, clock.now(), WIB, HOURS)
    assert d.next_state is state
    assert d.actions == actions
    assert d.round_no == round_after
    if next_local is None:
        assert d.next_attempt_at is None
    else:
        assert local(d.next_attempt_at, WIB) == next_local


def test_datin_not_reached_three_times_pends_until_next_morning():
    d = closing_decision("DATIN", False, 3, 1, None, False, at(WIB, WED, 21), WIB, HOURS)
    assert d.next_state is S.PENDING_UNTIL and local(d.next_attempt_at, WIB) == NEXT_MORNING
    assert d.summary_id.startswith("tidak terhubung 3 kali, ditunda sampai besok 08:00 WIB")


def test_datin_pend_daytime_is_judged_in_the_customers_zone():
    instant = at(WIB, WED, 18, 30)     # 19:30 WITA: +1 h is after closing there
    assert local(closing_decision(Service.DATIN, False, 3, 1, None, False, instant, WIB, HOURS).next_attempt_at,
                 WIB) == (11, WED, 19, 30)
    assert local(closing_decision(Service.DATIN, False, 3, 1, None, False, instant, WITA, HOURS).next_attempt_at,
                 WITA) == NEXT_MORNING


def test_reached_without_a_service_confirmation_is_refused():
    with pytest.raises(ValueError, match="status layanan"):
        closing_decision(Service.POTS, True, 1, 1, None, False, at(WIB, WED, 10), WIB, HOURS)


@pytest.mark.parametrize("code,state,actions", [
    ("T2-OK", S.DONE, ()), ("T2-MON", S.DONE, ("create_monitoring_ticket",)),
    ("T2-NOK", S.DONE, ("back_to_repair",)), ("T2-HC", S.DONE, ("escalate", "create_fault_ticket")),
    ("T2-RNA", S.PENDING_UNTIL, PEND), ("T2-TPY", S.PENDING_UNTIL, PEND)])
def test_tier2_reason_codes_map_onto_the_closing_rule_for_datin(code, state, actions):
    d = decide_for_reason(reason(code), "DATIN", 3, 1, at(WIB, WED, 10), WIB, HOURS)
    assert d.next_state is state and d.actions == actions


def test_tier2_callback_request_is_scheduled_not_closed():
    d = decide_for_reason(reason("T2-CBK"), "POTS", 3, 1, at(WIB, WED, 10), WIB, HOURS,
                          callback_at=at(WIB, WED, 16))
    assert d.next_state is S.RETRY_LATER and local(d.next_attempt_at, WIB) == (11, WED, 16, 0)


def test_tier2_wrong_number_closes_the_number_and_keeps_calling():
    d = decide_for_reason(reason("T2-WRN"), "INDIHOME", 1, 1, at(WIB, WED, 10), WIB, HOURS)
    assert d.next_state is S.RETRY_LATER and d.closes_phone_only


def test_enums_accept_the_stored_spellings():
    assert Service("IndiHome") is Service.INDIHOME and Service("datin") is Service.DATIN
    assert TicketType("super-emergency") is TicketType.SUPER_EMERGENCY
    assert Segment("dcs") is Segment.DCS
    with pytest.raises(ValueError):
        Service("FIBER")


@pytest.mark.parametrize("criteria,hard", [
    (HardComplaintCriteria(), False), (HardComplaintCriteria(repeat_reports=2), False),
    (HardComplaintCriteria(repeat_reports=3), True), (HardComplaintCriteria(threat_cancel_or_media=True), True),
    (HardComplaintCriteria(abusive_language=True), True), (HardComplaintCriteria(asks_supervisor=True), True),
    (HardComplaintCriteria(will_not_end_call=True), True)])
def test_hard_complaint_is_any_one_criterion_with_three_or_more_repeat_reports(criteria, hard):
    assert criteria.is_hard_complaint() is hard
    assert bool(criteria.reasons()) is hard


def test_negative_repeat_reports_are_refused():
    with pytest.raises(ValueError):
        HardComplaintCriteria(repeat_reports=-1)


@pytest.mark.parametrize("segment,hard,is_request,here,unit,escalate", [
    ("DES", False, False, True, None, False), ("DGS", True, False, True, None, False),
    ("DBS", False, False, True, None, False), ("DBS", False, True, False, "DBS", False),
    ("DCS", False, False, False, "DCS", False), ("DCS", True, False, False, "DCS", True)])
def test_email_segmentation_routes_dcs_away_and_escalates_dcs_hard_complaints(segment, hard, is_request, here, unit,
                                                                             escalate):
    routing = route_for_segment(segment, hard, is_request=is_request)
    assert (routing.handled_here, routing.unit, routing.escalate) == (here, unit, escalate)
    assert routing.hard_complaint_ticket is hard


def test_team_leader_escorts_at_most_three_promise_tickets():
    assert MAX_PROMISE_TICKETS_PER_TL == 3
    for count in (0, 1, 2):
        check_escort_limit(count)
    with pytest.raises(EscortLimitReached, match="Team leader sudah mengawal 3 tiket janji"):
        check_escort_limit(3)


def test_promise_tickets_are_super_emergency_buzzer_and_buzzer_visit():
    assert PROMISE_TICKET_TYPES == {TicketType.SUPER_EMERGENCY, TicketType.BUZZER, TicketType.BUZZER_VISIT}
    assert is_promise_ticket("buzzer_visit") and not is_promise_ticket(TicketType.HARD_COMPLAINT)
