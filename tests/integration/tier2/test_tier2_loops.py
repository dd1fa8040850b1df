"""Tier-2 loops closed through real HTTP (the stand-in, failing 30% of requests) and a real SMTP
server: a ticket's pend and close reach MyCX and NOSSA with their details (W-03 1.2.6-1.2.10), the RFO
goes again after a close the customer agreed to (W-08 1.2.17), a service still down goes back to repair
with a back-end escalation (1.2.16), a Tier-2 hard complaint reaches Sephia and a DCS one the DCS unit,
escalations to the back-end, top management and the EOS (1.2.9-1.2.12), progress by e-mail (1.2.11),
and the look-ups the card shows (service status, NOSSA progress, EOS)."""

from __future__ import annotations

from email.header import decode_header, make_header

import pytest

from app.core.desk.desk import Desk
from app.core.tier2.lookups import escalate_ticket, lookup_ticket, send_progress_email
from app.platform.secrets import set_secret
from app.services.mycx import MyCXClient
from app.services.nossa import NossaClient
from app.services.service_status import ServiceStatusClient
from app.services.standin import StandinServer
from tests.integration.loops import deliver_under_faults, loop_settings, once_each
from tests.integration.tier2.world import one_call

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)   # HTTP loops; SQL covered elsewhere


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=3, token="loops-token-123").start()
    set_secret("api_token", server.token)
    yield server
    server.stop()


def subject(message) -> str:
    return " ".join(str(make_header(decode_header(message["Subject"]))).split())


def bodies(standin, destination):
    items = standin.received(destination)
    assert once_each(items), f"{destination}: a request arrived twice"
    return [i["body"] for i in items]


def test_datin_pend_and_close_reach_mycx_and_nossa_once_each(database, make_ctx, t2world, clock, standin,
                                                            smtp_sink):
    sink = smtp_sink()
    desk = Desk(make_ctx("t2.ayu", loop_settings(standin, sink.port)))
    item, phone = t2world["datin"], t2world["datin_phone"]
    decisions = []
    for _ in range(6):
        decisions.append(one_call(desk, item, phone, "T2-RNA").decision)
        if decisions[-1].next_attempt_at:
            clock.set(decisions[-1].next_attempt_at)
    assert [d.next_state.value for d in decisions][2::3] == ["pending_until", "closed_unreachable"]
    statuses = deliver_under_faults(database, desk.ctx.settings, standin)
    assert statuses == {"delivered": sum(statuses.values())}
    # Delivered in any order (each retried on its own); the time of the change orders them.
    changes = sorted(bodies(standin, "mycx_ticket_status"), key=lambda c: c["changed_at"])
    assert [(c["status"], c["result_id"].endswith("-r1"), c["by"]) for c in changes] == \
        [("pending", True, "t2.ayu"), ("closed", True, "t2.ayu")]
    assert changes[0]["pending_until"] == decisions[2].next_attempt_at.isoformat()
    client = MyCXClient.from_settings(desk.ctx.settings)
    try:
        assert client.ticket_status("IN100000001")["status"] == "closed", "the newest change wins"
    finally:
        client.close()
    paths = {i["path"] for i in standin.received("mycx_ticket_status")}
    assert paths == {"/mycx/v1/tickets/IN100000001/status-changes"}
    notes = sorted(bodies(standin, "nossa_note"), key=lambda n: n["at"])
    assert [n["kind"] for n in notes] == ["pending", "closing"]
    assert "RFO dan info perbaikan dikirim via e-mail" in notes[0]["text"]
    assert "6 percobaan" in notes[1]["text"], "the close is noted with its details"
    assert [subject(m) for m in sink.messages] == ["Informasi Perbaikan Gangguan (RFO) Tiket IN100000001"]
    assert standin.received("mycx_ticket") == [], "no TL status PATCH, no new fault ticket"


def test_a_close_the_customer_agreed_to_sends_the_rfo_again_by_email(database, make_ctx, t2world, standin,
                                                                     smtp_sink):
    sink = smtp_sink()
    desk = Desk(make_ctx("t2.ayu", loop_settings(standin, sink.port)))
    one_call(desk, t2world["indihome"], t2world["indihome_phone"], "T2-OK", notes="Internet sudah normal",
             answered=True)
    deliver_under_faults(database, desk.ctx.settings, standin)
    assert [c["status"] for c in bodies(standin, "mycx_ticket_status")] == ["closed"]
    assert [n["kind"] for n in bodies(standin, "nossa_note")] == ["closing"]
    assert len(sink.messages) == 1 and sink.messages[0]["To"] == "budi@example.id"
    assert subject(sink.messages[0]).startswith("Tiket IN100000002 Ditutup")
    text = sink.messages[0].get_payload(decode=True).decode()
    assert "Kabel fiber putus di ODP" in text and "Penyambungan ulang kabel fiber" in text


def test_service_still_down_goes_back_to_repair_with_a_backend_escalation(database, make_ctx, t2world,
                                                                          standin):
    desk = Desk(make_ctx("t2.ayu", loop_settings(standin)))
    one_call(desk, t2world["indihome"], t2world["indihome_phone"], "T2-NOK",
             {"fault_product_id": "131100000002", "fault_reporter_name": "Budi",
              "fault_reporter_phone": "081270000002", "fault_email": "budi@example.id",
              "fault_symptom": "internet putus-putus", "fault_description": "Masih putus-putus"}, answered=True)
    deliver_under_faults(database, desk.ctx.settings, standin)
    assert [c["status"] for c in bodies(standin, "mycx_ticket_status")] == ["back_to_repair"]
    assert [n["kind"] for n in bodies(standin, "nossa_note")] == ["back_to_repair"]
    escalations = bodies(standin, "escalation")
    assert [(e["target"], e["ticket_number"]) for e in escalations] == [("backend", "IN100000002")]
    assert [b["symptom"] for b in bodies(standin, "mycx_ticket")] == ["internet putus-putus"]


def test_a_tier2_hard_complaint_reaches_sephia_and_a_dcs_one_the_dcs_unit(database, make_ctx, t2world,
                                                                          standin):
    desk = Desk(make_ctx("t2.ayu", loop_settings(standin)))
    one_call(desk, t2world["dcs"], t2world["dcs_phone"], "T2-HC", notes="Minta bicara dengan atasan",
             answered=True)
    deliver_under_faults(database, desk.ctx.settings, standin)
    reports = bodies(standin, "sephia")
    assert [(r["source"], r["ticket_number"], r["segment"]) for r in reports] == [("ticket", "IN100000004", "DCS")]
    assert [e["target"] for e in bodies(standin, "escalation")] == ["dcs_unit"]
    assert reports[0]["case_id"] == bodies(standin, "escalation")[0]["reference"]


def test_escalations_to_backend_top_management_and_eos_and_progress_by_email(database, make_ctx, t2world,
                                                                            standin, smtp_sink):
    sink = smtp_sink()
    ctx = make_ctx("t2.ayu", loop_settings(standin, sink.port))
    assert Desk(ctx).claim(t2world["datin"])
    for target in ("backend", "top_management", "eos"):
        assert "dieskalasi" in escalate_ticket(ctx, t2world["datin"], target, f"percepatan ({target})", "EOS Maju")
    assert "dikirim" in send_progress_email(ctx, t2world["datin"], "Teknisi sedang menyambung kabel di ODP")
    deliver_under_faults(database, ctx.settings, standin)
    assert sorted((e["target"], e["ticket_number"]) for e in bodies(standin, "escalation")) == \
        [("backend", "IN100000001"), ("eos", "IN100000001"), ("top_management", "IN100000001")]
    assert len(sink.messages) == 1 and sink.messages[0]["To"] == "it@bankmaju.co.id"
    assert "Teknisi sedang menyambung kabel" in sink.messages[0].get_payload(decode=True).decode()


def test_the_card_looks_up_service_status_nossa_progress_and_the_eos(make_ctx, t2world, standin):
    ctx = make_ctx("t2.ayu", loop_settings(standin))
    settings = ctx.settings
    for name, cls in (("mycx", MyCXClient), ("nossa", NossaClient), ("service_status", ServiceStatusClient)):
        ctx.services[name] = cls.from_settings(settings)
    try:
        looked = lookup_ticket(ctx, "IN100000001", "131100000001")
        assert looked.service.status == "normal" and "normal" in looked.service.detail
        assert looked.progress_status == "in_progress" and looked.progress and looked.progress_error is None
        from app.services.standin import data
        has_eos = data.profile("131100000001")["segment"] in ("DES", "DGS")
        assert (looked.eos_name is not None) == has_eos and looked.eos_error is None
        faulty = lookup_ticket(ctx, "IN100000000", "131100000007")
        assert faulty.service.status == "fault" and "NOSSA tidak mengenal" in faulty.progress_error
    finally:
        for name in ("mycx", "nossa", "service_status"):
            ctx.services.pop(name).close()
    bare = lookup_ticket(make_ctx("t2.ayu"), "IN100000001", "131100000001")
    assert bare.service.status == "unavailable" and "belum diatur" in bare.progress_error
