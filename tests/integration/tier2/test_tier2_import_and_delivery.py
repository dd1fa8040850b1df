"""Tickets in (Callback app over HTTP, XLSX), and everything a Tier-2 result owes out: the customer's
response to the Callback app and MyCX, the RFO e-mail, the super-emergency status — through the outbox
to the stand-in server and a local SMTP server."""

from __future__ import annotations


import pytest
from sqlalchemy import func, select

from app.platform import paths
from app.core.desk.desk import Desk
from app.services.callback import CallbackClient
from app.services.mycx import MyCXClient
from app.services.destinations import senders_from
from app.services.outbox_worker import OutboxWorker
from app.platform.secrets import set_secret
from app.services.standin import StandinServer
from app.store.models import OutboxMessage, Ticket, WorkItem
from app.core.tier2.escalation import Tier2Error, set_super_emergency
from app.core.tier2.intake import import_callback_tickets, import_ticket_xlsx
from tests.integration.tier2.world import one_call, smtp_settings

SAMPLE = paths.resource("samples", "tier2_tickets.xlsx")
SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # no back-end specific SQL


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=3, token="tier2-token-123").start()
    set_secret("api_token", server.token)
    yield server
    server.stop()


def api_settings(standin, smtp_port: int = 1):
    settings = smtp_settings(smtp_port)
    for key in ("mycx_url", "callback_url"):
        settings.set(f"api.{key}", standin.url)
    settings.set("api.read_timeout", 2.0)
    return settings


def count(database, model) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_callback_tickets_are_imported_once_and_a_reimport_only_refreshes_them(database, make_ctx, standin):
    ctx = make_ctx("tl.rina", api_settings(standin))
    before = count(database, WorkItem)
    client = CallbackClient.from_settings(ctx.settings)
    try:
        first = import_callback_tickets(ctx, client, page_size=10)      # several pages
        again = import_callback_tickets(ctx, client, page_size=10)
    finally:
        client.close()
    offered = standin.catalogue.tickets()
    assert first.errors == [] and first.created == len(offered) == 25
    escorted: dict[str, int] = {}
    for t in offered:
        if t["escort_tl"] and t["ticket_type"] in ("super_emergency", "buzzer", "buzzer_visit"):
            escorted[t["escort_tl"]] = escorted.get(t["escort_tl"], 0) + 1
    over = sum(max(0, n - 3) for name, n in escorted.items() if name == "tl.rina")
    assert len([w for w in first.warnings if "tl.rina" in w]) == over > 0, "rule 9 holds for imports"
    assert (again.created, again.updated) == (0, 25)
    assert count(database, WorkItem) == before + 25, "a re-import never duplicates a ticket"
    sample = offered[0]
    with database.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.ticket_number == sample["ticket_number"]))
        item = s.get(WorkItem, ticket.work_item_id)
        assert (item.program, item.state, ticket.service, ticket.rfo_cause) == \
            ("TIER2", "new", sample["service"], sample["rfo_cause"])
        assert ticket.ticket_type == ("repaired_fault" if sample["ticket_type"] == "regular"
                                      else sample["ticket_type"])
        assert "Perbaikan selesai" in ticket.progress_notes
        assert item.customer.segment == sample["segment"] and len(item.customer.phones) >= 1


@SQLITE_ONLY
def test_xlsx_tickets_are_imported_and_a_bad_row_is_listed_with_its_number(database, make_ctx, t2world):
    summary = import_ticket_xlsx(make_ctx(), SAMPLE)
    assert (summary.created, summary.updated) == (4, 0)
    assert len(summary.errors) == 1 and summary.errors[0].startswith("baris 8:")
    assert "FIBER" in summary.errors[0]
    with database.session() as s:
        se = s.scalar(select(Ticket).where(Ticket.ticket_number == "IN200000101"))
        assert (se.ticket_type, se.service) == ("super_emergency", "DATIN")
        assert se.escort_tl_id == t2world["tl.rina"], "escort TL found by username"
        assert len(se.work_item.customer.phones) == 2 and se.work_item.customer.email == "it@bankmaju.co.id"
        hc = s.scalar(select(Ticket).where(Ticket.ticket_number == "IN200000103"))
        assert hc.hard_complaint and hc.repeat_reports == 4 and hc.routed_to == "Tier-2"


@SQLITE_ONLY
def test_a_spreadsheet_without_ticket_columns_is_refused_with_a_message(make_ctx, tmp_path):
    bad = tmp_path / "bukan_tiket.csv"
    bad.write_text("Nama;Alamat\nBudi;Bandung\n", encoding="utf-8")
    with pytest.raises(Tier2Error, match="No Tiket"):
        import_ticket_xlsx(make_ctx(), bad)


@SQLITE_ONLY
def test_an_agent_without_import_rights_cannot_import(make_ctx):
    from app.domain.roles import PermissionDenied
    with pytest.raises(PermissionDenied):
        import_ticket_xlsx(make_ctx("agent1"), SAMPLE)


def deliver_all(database, clock, settings) -> OutboxWorker:
    from app.services.destinations import register_tier2_destinations
    mycx, callback = MyCXClient.from_settings(settings), CallbackClient.from_settings(settings)
    worker = OutboxWorker(database, senders_from(mycx=mycx, callback=callback), clock=clock,
                          base_delay=0.01, max_delay=0.02)
    assert register_tier2_destinations(worker, settings) == ["mycx_status", "email"]
    worker.run_until_empty(timeout=15)
    worker.stop()
    mycx.close()
    callback.close()
    return worker


def test_datin_callback_results_rfo_mail_and_super_emergency_reach_their_destinations(
        database, make_ctx, clock, standin, smtp_sink):
    sink = smtp_sink()
    settings = api_settings(standin, sink.port)
    tl, agent = make_ctx("tl.rina", settings), make_ctx("t2.ayu", settings)
    client = CallbackClient.from_settings(settings)
    import_callback_tickets(tl, client)
    client.close()
    datin = next(t for t in standin.catalogue.tickets() if t["service"] == "DATIN")
    with database.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.ticket_number == datin["ticket_number"]))
        ticket.work_item.customer.email = "noc@pelanggan-datin.co.id"
        ticket_id, item_id = ticket.id, ticket.work_item_id
        phone_id = ticket.work_item.customer.phones[0].id
    set_super_emergency(tl, ticket_id, note="Link kantor pusat mati > 24 jam")
    desk = Desk(agent)
    for _ in range(3):
        saved = one_call(desk, item_id, phone_id, "T2-RNA")
        clock.set(saved.decision.next_attempt_at)
    assert saved.decision.next_state.value == "pending_until"
    deliver_all(database, clock, settings)
    with database.session() as s:
        statuses = {(m.destination, m.status) for m in s.scalars(select(OutboxMessage))}
    assert ("mycx", "delivered") in statuses and ("email", "delivered") in statuses
    assert ("mycx_status", "delivered") in statuses
    patches = [i for i in standin.received("mycx_ticket") if i["method"] == "PATCH"]
    assert [(p["path"].rsplit("/", 1)[1], p["body"]["status"], p["body"]["by"]) for p in patches] == \
        [(datin["ticket_number"], "super_emergency", "tl.rina")]
    mycx = [i["body"] for i in standin.received("mycx")]
    assert [b["reason_code"] for b in mycx] == ["T2-RNA"] * 3 and {b["program"] for b in mycx} == {"TIER2"}
    assert len(sink.messages) == 1 and sink.messages[0]["To"] == "noc@pelanggan-datin.co.id"
    assert datin["ticket_number"] in sink.messages[0]["Subject"]


@SQLITE_ONLY
def test_customer_response_reaches_the_callback_app_in_the_contract_outcome(
        database, make_ctx, clock, standin, smtp_sink):
    settings = api_settings(standin, smtp_sink().port)
    agent = make_ctx("t2.ayu", settings)
    with database.session() as s:
        phone_id = s.get(WorkItem, 1).customer.phones[0].id
    one_call(Desk(agent), 1, phone_id, "T2-OK", notes="Internet sudah normal", answered=True)
    deliver_all(database, clock, settings)
    received = [i["body"] for i in standin.received("callback")]
    assert [(b["outcome"], b["customer_response"]) for b in received] == [("solved", "Internet sudah normal")]
