"""The e-mail agent's routing (W-89) with a real IMAP server (Dovecot) and a real SMTP server
(aiosmtpd), the Sephia report and the escalation through the stand-in at 30% faults: DES/DGS/DBS
handled, a DBS request forwarded to the DBS unit, DCS to the DCS unit, a DCS hard complaint escalated as
well; every mail taken in once, even when read again."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from sqlalchemy import select

from app.core.tier2.email_intake import IntakeNotConfigured, take_in_mail
from app.platform.secrets import set_secret
from app.services.mailbox import Mailbox, MailboxLoginFailed
from app.services.standin import StandinServer
from app.store.models import MailIntake, SupportCase
from tests.integration.loops import deliver_under_faults, loop_settings, once_each

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # IMAP/SMTP; SQL covered elsewhere
UNITS = {"DBS": "unit.dbs@telkom.local", "DCS": "unit.dcs@telkom.local"}


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=3, token="mail-token-123").start()
    set_secret("api_token", server.token)
    yield server
    server.stop()


@pytest.fixture
def mailbox_settings(dovecot, standin, smtp_sink):
    dovecot.empty()
    sink = smtp_sink()
    settings = loop_settings(standin, sink.port)
    for key, value in {"host": dovecot.host, "port": dovecot.port, "ssl": False, "username": dovecot.username,
                       "units": UNITS}.items():
        settings.set(f"mail_intake.{key}", value)
    set_secret("imap_password", dovecot.password)
    return settings, sink


def mail(sender: str, subject: str, body: str, message_id: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "cs@sambung.telkom.local", subject
    msg["Message-ID"] = message_id or make_msgid(domain="pelanggan.id")
    msg["Date"] = "Wed, 25 Nov 2026 09:30:00 +0700"
    msg.set_content(body)
    return bytes(msg)


def test_mail_is_routed_by_segment_forwarded_by_smtp_and_a_dcs_hard_complaint_escalated(
        database, make_ctx, t2world, dovecot, mailbox_settings, standin):
    settings, sink = mailbox_settings
    repeated = make_msgid(domain="bankmaju.co.id")
    for raw in (
            mail("it@bankmaju.co.id", "Internet kantor mati", "Link kantor pusat mati sejak pagi.", repeated),
            mail("pengadaan@pt-dbs.co.id", "Permohonan upgrade bandwidth",
                 "Mohon dibuatkan penawaran upgrade untuk nomor 131100000005."),
            mail("admin@pt-pots.co.id", "Telepon kantor mati", "Nomor 131100000003 tidak bisa menelepon."),
            mail("budi@example.id", "Internet lambat", "Internet saya lambat sekali tiap malam."),
            mail("warga@example.id", "KOMPLAIN KERAS",
                 "Sudah 3 kali lapor gangguan nomor 131100000004, tidak ada hasil. Saya viralkan di media!"),
            mail("orang.asing@example.id", "Tanya promo", "Apakah ada promo bulan ini?"),
            mail("it@bankmaju.co.id", "Internet kantor mati", "Link kantor pusat mati sejak pagi.", repeated)):
        dovecot.deliver(raw)
    ctx = make_ctx("t2.ayu", settings)
    with Mailbox.from_settings(settings) as box:
        summary = take_in_mail(ctx, box)
    assert (summary.read, summary.handled, summary.forwarded, summary.escalated, summary.unidentified,
            summary.already) == (7, 2, {"DBS": 1, "DCS": 2}, 1, 1, 1)
    assert all("$Sambung" in flags for flags in dovecot.keywords()), "every mail is marked taken in"
    with Mailbox.from_settings(settings) as box:
        assert take_in_mail(ctx, box).read == 0, "a second read takes nothing in twice"
    with database.session() as s:
        routed = {m.subject: (m.segment, m.kind, m.routing) for m in s.scalars(select(MailIntake))}
        case = s.scalar(select(SupportCase))
    assert routed["Permohonan upgrade bandwidth"] == ("DBS", "request", "permintaan diteruskan ke unit DBS")
    assert routed["Telepon kantor mati"][0::2] == ("DBS", "ditangani (segmen DBS)")
    assert routed["KOMPLAIN KERAS"] == ("DCS", "complaint", "diteruskan ke unit DCS; komplain keras dieskalasi")
    assert routed["Tanya promo"][0] is None
    assert (case.source, case.kind, case.account_number) == ("email", "hard_complaint", "131100000004")

    statuses = deliver_under_faults(database, settings, standin)
    assert statuses == {"delivered": sum(statuses.values())}
    forwards = [m for m in sink.messages if m["To"] in UNITS.values()]
    assert sorted(m["To"] for m in forwards) == ["unit.dbs@telkom.local", "unit.dcs@telkom.local",
                                                 "unit.dcs@telkom.local"]
    hard = next(m for m in forwards if "KOMPLAIN KERAS" in " ".join(str(m["Subject"]).split()))
    assert hard["Reply-To"] == "warga@example.id"
    text = hard.get_payload(decode=True).decode()
    assert "viralkan di media" in text and "Komplain keras: ya" in text
    acks = sorted(m["To"] for m in sink.messages if m["To"] not in UNITS.values())
    assert acks == ["budi@example.id", "pengadaan@pt-dbs.co.id", "warga@example.id"], "the customer is told"
    sephia, escalations = standin.received("sephia"), standin.received("escalation")
    assert once_each(sephia) and once_each(escalations)
    assert [(r["body"]["source"], r["body"]["segment"]) for r in sephia] == [("email", "DCS")]
    assert [e["body"]["target"] for e in escalations] == ["dcs_unit"]


def test_intake_refuses_to_start_without_unit_addresses_or_with_a_wrong_password(make_ctx, dovecot,
                                                                                 mailbox_settings):
    settings, _sink = mailbox_settings
    settings.set("mail_intake.units", {"DBS": "", "DCS": UNITS["DCS"]})
    with Mailbox.from_settings(settings) as box, pytest.raises(IntakeNotConfigured, match="units.DBS"):
        take_in_mail(make_ctx("t2.ayu", settings), box)
    set_secret("imap_password", "salah")
    with pytest.raises(MailboxLoginFailed):
        with Mailbox.from_settings(settings):
            pass


def test_sambung_mail_intake_reads_the_site_mailbox_from_the_command_line(database, t2world, dovecot,
                                                                         mailbox_settings, capsys):
    import json
    import os
    from app.cli import main
    settings, _sink = mailbox_settings
    dovecot.deliver(mail("budi@example.id", "Internet lambat", "Internet saya lambat sekali tiap malam."))
    site = {"mail_intake": settings.get("mail_intake"), "smtp": settings.get("smtp")}
    with open(os.environ["SAMBUNG_SITE_FILE"], "w", encoding="utf-8") as fh:
        json.dump(site, fh)
    code = main(["--db", database.url, "mail", "intake"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "1 e-mail dibaca" in out.out and "1 ke unit DCS" in out.out
    with database.session() as s:
        assert s.scalar(select(MailIntake.routing)) == "diteruskan ke unit DCS"
