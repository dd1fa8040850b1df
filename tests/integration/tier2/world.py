"""The Tier-2 test world: one Tier-2 agent, two team leaders, a collection agent, and tickets
(Datin/IndiHome/POTS across segments), all on WIB; SMTP settings for a local server; one desk call.
Shared by the integration and UI tests."""

from __future__ import annotations

from app.platform.config import Settings
from app.core.desk.desk import Desk
from app.store.models import Customer, Phone, Team, Ticket, User, WorkItem

USERS = (("t2.ayu", "Ayu Lestari", "tier2"), ("tl.rina", "Rina Wulandari", "team_leader"),
         ("tl.hendra", "Hendra Gunawan", "team_leader"), ("agent1", "Siti Rahayu", "agent"))

# (key, ticket number, service, segment, ticket type, e-mail)
TICKETS = (
    ("datin", "IN100000001", "DATIN", "DES", "repaired_fault", "it@bankmaju.co.id"),
    ("indihome", "IN100000002", "INDIHOME", "DCS", "repaired_fault", "budi@example.id"),
    ("pots", "IN100000003", "POTS", "DBS", "repaired_fault", None),
    ("dcs", "IN100000004", "INDIHOME", "DCS", "repaired_fault", None),
    ("dbs", "IN100000005", "DATIN", "DBS", "repaired_fault", None),
)


def seed_tier2(database, tickets=TICKETS) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.session() as s:
        team = Team(name="Tier-2 Bandung")
        s.add(team)
        s.flush()
        for username, name, role in USERS:
            user = User(username=username, full_name=name, role=role, team_id=team.id)
            s.add(user)
            s.flush()
            ids[username] = user.id
        for i, (key, number, service, segment, ttype, email) in enumerate(tickets, start=1):
            cust = Customer(account_number=f"1311000{i:05d}", name=f"Pelanggan {key.upper()}", segment=segment,
                            region="WIB", email=email, address="Jl. Braga No. 10, Bandung")
            cust.phones = [Phone(e164=f"+62812700{i:05d}", label="seluler")]
            s.add(cust)
            s.flush()
            item = WorkItem(customer_id=cust.id, program="TIER2", priority=10 * i, external_ref=number,
                            source="test")
            s.add(item)
            s.flush()
            ticket = Ticket(work_item_id=item.id, ticket_number=number, ticket_type=ttype, service=service,
                            rfo_cause="Kabel fiber putus di ODP", rfo_repair="Penyambungan ulang kabel fiber",
                            repeat_reports=1)
            s.add(ticket)
            s.flush()
            ids[key] = item.id
            ids[f"{key}_ticket"] = ticket.id
            ids[f"{key}_phone"] = cust.phones[0].id
    return ids


def smtp_settings(port: int, **extra) -> Settings:
    settings = Settings()
    settings.set("smtp.host", "127.0.0.1")
    settings.set("smtp.port", port)
    settings.set("smtp.starttls", False)
    settings.set("smtp.sender", "tier2@sambung.telkom.local")
    settings.set("smtp.timeout", 2.0)
    for key, value in extra.items():
        settings.set(key, value)
    return settings


def one_call(desk: Desk, item_id: int, phone_id: int, code: str, fields=None, notes: str = "",
             answered: bool = False):
    assert desk.claim(item_id), "the due ticket can be claimed"
    started = desk.start_attempt(item_id, phone_id)
    desk.finish_attempt(started.attempt_id, answered=answered, status_code=200 if answered else 486,
                        reason="", ring_seconds=5.0, talk_seconds=60.0 if answered else 0.0, recording_path=None,
                        recording_error=None, suggested_reason=None)
    return desk.save_result(item_id, started.attempt_id, code, fields or {}, notes)
