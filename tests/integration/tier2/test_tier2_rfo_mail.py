"""The RFO e-mail through a real local SMTP server (aiosmtpd): content, login, and the outbox retry
when the server was down."""

from __future__ import annotations

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy import select

from app.services import errors
from app.services.outbox_worker import OutboxWorker
from app.services.rfo_mail import RfoMailer, SmtpAuthFailed, SmtpNotConfigured, SmtpRejected, SmtpSettings
from app.platform.secrets import set_secret
from app.store.models import OutboxMessage
from app.services.destinations import register_tier2_destinations
from tests.integration.tier2.world import smtp_settings

PAYLOAD = {"template": "rfo", "to": "it@bankmaju.co.id", "customer_name": "PT Bank Maju",
           "ticket_number": "IN100000001", "rfo_cause": "Kabel fiber putus di ODP",
           "rfo_repair": "Penyambungan ulang kabel fiber", "agent": "t2.ayu"}


def body_of(message) -> str:
    return message.get_payload(decode=True).decode("utf-8")


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def add_email_row(database, clock, payload=PAYLOAD) -> int:
    with database.session() as s:
        row = OutboxMessage(destination="email", idempotency_key="rfo-key-0001", payload=dict(payload),
                            next_attempt_at=clock.now(), created_at=clock.now())
        s.add(row)
        s.flush()
        return row.id


def row(database, row_id) -> OutboxMessage:
    with database.session() as s:
        return s.get(OutboxMessage, row_id)


def test_rfo_email_is_indonesian_with_ticket_number_cause_and_repair(smtp_sink):
    sink = smtp_sink()
    receipt = RfoMailer.from_settings(smtp_settings(sink.port)).deliver(PAYLOAD, "key-123456")
    assert len(sink.messages) == 1
    msg = sink.messages[0]
    assert subject_of(msg) == "Informasi Perbaikan Gangguan (RFO) Tiket IN100000001"
    assert (msg["To"], msg["From"]) == ("it@bankmaju.co.id", "tier2@sambung.telkom.local")
    text = body_of(msg)
    assert "Yth. Bapak/Ibu PT Bank Maju" in text
    for expected in ("Nomor tiket      : IN100000001", "Penyebab gangguan: Kabel fiber putus di ODP",
                     "Perbaikan        : Penyambungan ulang kabel fiber", "t2.ayu"):
        assert expected in text
    assert "$" not in text, "every template field is filled"
    assert msg["Message-ID"] == "<key-123456@sambung.telkom.local>" == receipt["message_id"]


def test_smtp_login_uses_the_password_from_the_keyring_and_a_wrong_one_is_permanent(smtp_sink):
    sink = smtp_sink(login=("tier2", "rahasia-123"))
    settings = smtp_settings(sink.port, **{"smtp.username": "tier2"})
    set_secret("smtp_password", "rahasia-123")
    RfoMailer.from_settings(settings).deliver(PAYLOAD, "key-login-1")
    assert len(sink.messages) == 1
    set_secret("smtp_password", "salah")
    with pytest.raises(SmtpAuthFailed) as err:
        RfoMailer.from_settings(settings).deliver(PAYLOAD, "key-login-2")
    assert errors.is_permanent(err.value) and "salah" not in str(err.value)


def test_starttls_required_but_not_offered_is_a_configuration_error(smtp_sink):
    sink = smtp_sink()
    with pytest.raises(SmtpNotConfigured, match="STARTTLS"):
        RfoMailer.from_settings(smtp_settings(sink.port, **{"smtp.starttls": True})).deliver(PAYLOAD, "k-tls-01")
    assert sink.messages == []


def test_missing_customer_address_is_refused_permanently_with_a_message():
    mailer = RfoMailer(SmtpSettings(host="127.0.0.1", port=1, starttls=False, sender="a@b.id"))
    with pytest.raises(SmtpRejected, match="alamat e-mail pelanggan kosong") as err:
        mailer.deliver(dict(PAYLOAD, to=""), "k-none-01")
    assert errors.is_permanent(err.value)


SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # outbox claims: covered per back-end elsewhere


@SQLITE_ONLY
def test_rfo_email_is_retried_by_the_outbox_after_the_smtp_server_was_down(database, clock, smtp_sink):
    sink = smtp_sink(start=False)                     # the port is chosen but nobody listens yet
    worker = OutboxWorker(database, {}, clock=clock, base_delay=30, max_delay=60)
    assert register_tier2_destinations(worker, smtp_settings(sink.port)) == ["email"]
    row_id = add_email_row(database, clock)
    events = []
    worker.add_listener(events.append)
    try:
        assert worker.deliver_once() == 1
        first = row(database, row_id)
        assert (first.status, first.attempts) == ("pending", 1), "a down server is transient: kept"
        assert "SMTP" in first.last_error and "dikirim ulang" in first.last_error
        assert first.next_attempt_at > clock.now(), "retried later, with backoff"
        assert [e.status for e in events] == ["retry"]
        assert worker.deliver_once() == 0, "not before the backoff is over"
        sink.start()
        clock.advance(timedelta(seconds=61))
        assert worker.deliver_once() == 1
    finally:
        worker.stop()
    done = row(database, row_id)
    assert (done.status, done.attempts, done.last_error) == ("delivered", 2, None)
    assert done.response["message_id"] == "<rfo-key-0001@sambung.telkom.local>"
    assert len(sink.messages) == 1 and "IN100000001" in body_of(sink.messages[0])
    assert [e.status for e in events] == ["retry", "delivered"]


@SQLITE_ONLY
def test_email_without_smtp_settings_fails_visibly_instead_of_waiting_forever(database, clock):
    worker = OutboxWorker(database, {}, clock=clock)
    register_tier2_destinations(worker, smtp_settings(1, **{"smtp.host": ""}))
    row_id = add_email_row(database, clock)
    try:
        worker.deliver_once()
    finally:
        worker.stop()
    failed = row(database, row_id)
    assert failed.status == "failed" and "smtp" in failed.last_error.lower()
    with database.session() as s:
        assert s.scalar(select(OutboxMessage.status)) == "failed"
