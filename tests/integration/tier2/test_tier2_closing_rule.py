"""DOMAIN rule 6 end to end through the agent desk's use cases, on SQLite and PostgreSQL, frozen clock.

A Tier-2 agent claims the ticket's work item, calls (attempt rows), records the result;
the desk's save path applies app.domain.tier2 and writes the outbox rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from app.core.desk.desk import Desk
from app.domain.calling_hours import TimeZoneRegion
from app.store.models import OutboxMessage, WorkItem
from tests.integration.tier2.world import one_call

WIB = TimeZoneRegion.WIB.zone


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WIB).astimezone(timezone.utc)


def not_reached(desk, clock, item_id, phone_id, times: int):
    decisions = []
    for _ in range(times):
        saved = one_call(desk, item_id, phone_id, "T2-RNA")
        decisions.append(saved.decision)
        if saved.decision.next_attempt_at is not None:
            clock.set(saved.decision.next_attempt_at)
    return decisions


def rows(database, item_id=None):
    with database.session() as s:
        stmt = select(OutboxMessage).order_by(OutboxMessage.id)
        return [(m.destination, m.payload) for m in s.scalars(stmt)]


def state(database, item_id):
    with database.session() as s:
        item = s.get(WorkItem, item_id)
        return item.state, item.next_attempt_at, item.round_no, item.ticket.status


def test_datin_not_reached_three_times_in_daytime_pends_one_hour_emails_rfo_then_closes_after_three_more(
        database, make_ctx, t2world, clock):
    desk = Desk(make_ctx())
    item_id, phone = t2world["datin"], t2world["datin_phone"]
    first = not_reached(desk, clock, item_id, phone, 3)
    assert [d.next_state.value for d in first] == ["retry_later", "retry_later", "pending_until"]
    third_call_at = wib(25, 12)                            # 10:00, 11:00, 12:00 WIB
    assert first[-1].next_attempt_at == third_call_at + timedelta(hours=1), "daytime pend: one hour"
    item_state, until, round_no, ticket_status = state(database, item_id)
    assert (item_state, until, round_no, ticket_status) == ("pending_until", wib(25, 13), 2, "pending")
    emails = [p for d, p in rows(database) if d == "email"]
    assert len(emails) == 1, "the RFO goes by e-mail once, when the ticket pends"
    assert emails[0] == {"template": "rfo", "to": "it@bankmaju.co.id", "customer_name": "Pelanggan DATIN",
                         "ticket_number": "IN100000001", "rfo_cause": "Kabel fiber putus di ODP",
                         "rfo_repair": "Penyambungan ulang kabel fiber", "agent": "t2.ayu"}
    second = not_reached(desk, clock, item_id, phone, 3)
    assert [d.next_state.value for d in second] == ["retry_later", "retry_later", "closed_unreachable"]
    assert "6 percobaan" in second[-1].summary_id
    item_state, until, _round, ticket_status = state(database, item_id)
    assert (item_state, until, ticket_status) == ("closed_unreachable", None, "closed")
    destinations = [d for d, _p in rows(database)]
    assert destinations.count("callback") == 6 and destinations.count("mycx") == 6
    assert destinations.count("email") == 1 and "tamara" not in destinations


def test_datin_not_reached_three_times_at_night_pends_until_next_morning(database, make_ctx, t2world, clock):
    desk = Desk(make_ctx())
    item_id, phone = t2world["datin"], t2world["datin_phone"]
    decisions = []
    for hour in (17, 18, 19):                 # the third call at 19:10: +1 h would pass the 20:00 close
        clock.set(wib(25, hour, 10))
        decisions.append(one_call(desk, item_id, phone, "T2-BSY").decision)
    assert decisions[-1].next_state.value == "pending_until"
    assert decisions[-1].next_attempt_at == wib(26, 8), "night pend: the next morning's opening"
    assert "malam" in decisions[-1].summary_id
    clock.set(wib(26, 7, 59))
    assert not desk.claim(item_id), "not before the morning"
    clock.set(wib(26, 8))
    assert desk.claim(item_id)


def test_indihome_and_pots_not_reached_three_times_close_without_pending_or_email(
        database, make_ctx, t2world, clock):
    desk = Desk(make_ctx())
    for key in ("indihome", "pots"):
        clock.set(wib(25, 10))
        decisions = not_reached(desk, clock, t2world[key], t2world[f"{key}_phone"], 3)
        assert [d.next_state.value for d in decisions] == ["retry_later", "retry_later", "closed_unreachable"]
        assert state(database, t2world[key])[0::3] == ("closed_unreachable", "closed")
    assert "email" not in [d for d, _p in rows(database)]


def test_datin_reached_normal_asking_monitoring_closes_and_opens_request_monitoring_ticket(
        database, make_ctx, t2world):
    desk = Desk(make_ctx())
    saved = one_call(desk, t2world["datin"], t2world["datin_phone"], "T2-MON",
                     notes="Layanan normal, pelanggan minta dimonitor 3 hari", answered=True)
    assert saved.decision.next_state.value == "done"
    assert state(database, t2world["datin"])[0::3] == ("done", "closed")
    out = rows(database)
    tickets = [p["report"] for d, p in out if d == "mycx_ticket" and p["action"] == "create"]
    assert len(tickets) == 1 and tickets[0]["symptom"] == "request/monitoring"
    assert "IN100000001" in tickets[0]["description"]
    callback = next(p for d, p in out if d == "callback")
    assert callback["ticket_number"] == "IN100000001"
    assert callback["customer_response"] == "Layanan normal, pelanggan minta dimonitor 3 hari"


def test_reached_service_not_normal_sends_the_ticket_back_to_repair(database, make_ctx, t2world):
    desk = Desk(make_ctx())
    saved = one_call(desk, t2world["indihome"], t2world["indihome_phone"], "T2-NOK",
                     {"fault_product_id": "131100000002", "fault_reporter_name": "Budi",
                      "fault_reporter_phone": "081270000002", "fault_email": "budi@example.id",
                      "fault_symptom": "internet putus-putus",
                      "fault_description": "Internet masih putus-putus sore hari"}, answered=True)
    assert saved.decision.actions == ("back_to_repair",)
    item_state, _until, _round, ticket_status = state(database, t2world["indihome"])
    assert (item_state, ticket_status) == ("done", "back_to_repair")
    reports = [p["report"] for d, p in rows(database) if d == "mycx_ticket" and p["action"] == "create"]
    assert [r["symptom"] for r in reports] == ["internet putus-putus"], "the fault is reported again"
