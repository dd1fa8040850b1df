"""What the desk writes to the outbox is what the contract accepts: delivered to the stand-in, once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.desk.desk import Desk
from app.services.destinations import senders_from_settings
from app.services.outbox_worker import OutboxWorker
from app.store.models import OutboxMessage


def test_agree_and_fault_report_are_delivered_to_mycx_and_tamara(database, make_ctx, world, clock, standin):
    ctx = make_ctx()
    for key in ("mycx_url", "tamara_url", "callback_url"):
        ctx.settings.set(f"api.{key}", standin.url)
    desk = Desk(ctx)
    first = desk.claim_next()
    started = desk.start_attempt(first, world["phone1"])
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                        talk_seconds=60, recording_path=None, recording_error=None, suggested_reason=None)
    desk.save_result(first, started.attempt_id, "CT-AGR",
                     {"promise_date": (clock.now() + timedelta(days=2)).date().isoformat(),
                      "promise_amount": "385000"})
    second = desk.claim_next()
    started = desk.start_attempt(second, world["phone2"])
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2,
                        talk_seconds=90, recording_path=None, recording_error=None, suggested_reason=None)
    desk.save_result(second, started.attempt_id, "CT-CMP", {
        "fault_product_id": "122300000021", "fault_reporter_name": "Pelanggan 2",
        "fault_reporter_phone": "081234560002", "fault_email": "p2@example.id",
        "fault_symptom": "internet mati", "fault_description": "Lampu LOS merah sejak pagi"})
    worker = OutboxWorker(database, senders_from_settings(ctx.settings), clock=clock)
    assert worker.run_until_empty(timeout=30)
    with database.session() as s:
        states = {(m.destination, m.status) for m in s.scalars(select(OutboxMessage))}
    assert states == {("mycx", "delivered"), ("tamara", "delivered"), ("mycx_ticket", "delivered")}
    assert len(standin.received("mycx")) == 2 and len(standin.received("tamara")) == 2
    tickets = standin.received("mycx_ticket")
    assert len(tickets) == 1 and "LOS" in str(tickets[0])
