"""The agent's "Terdengar: …" line follows what call-progress analysis hears on a real call (the demo
simulator's early-media announcement), in Indonesian, and the outcome pre-selects the reason it implies."""

from __future__ import annotations

import pytest

from app.core.phone import PhoneEvents
from app.telephony.events import ProgressVerdict, SipConfig
from app.telephony.softphone import Softphone
from app.views import i18n
from app.views.desk.heard_label import HeardLabel
from tests.integration.sip.peers import SimulatorProcess

pytestmark = pytest.mark.sip


@pytest.fixture
def indonesian(qapp):
    i18n.install(qapp, "id")
    yield
    i18n.install(qapp, "en")


def test_heard_line_shows_the_operator_announcement_and_the_reason_is_preselected(qtbot, indonesian,
                                                                                  qt_event_loop):
    sim = SimulatorProcess(ring_seconds=0.3)
    events = PhoneEvents(qt_event_loop)
    phone = Softphone(events)
    heard = HeardLabel()
    qtbot.addWidget(heard)
    verdicts, ended = [], []
    events.call_progress.connect(heard.show_verdict)
    events.call_progress.connect(verdicts.append)
    events.call_ended.connect(ended.append)
    try:
        phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
        phone.dial(sim.uri("088800000010"), attempt_id="ui-cpa")      # "Nomor yang Anda tuju tidak aktif"
        qtbot.waitUntil(lambda: bool(verdicts), timeout=8000)
        text = heard.text()
        assert not heard.isHidden() and \
            text.startswith("Terdengar: pengumuman operator 'tidak aktif' (keyakinan 0,")
        assert float(text.rsplit(" ", 1)[1].rstrip(")").replace(",", ".")) >= 0.85
        phone.hangup()
        qtbot.waitUntil(lambda: bool(ended), timeout=5000)
    finally:
        phone.stop()
        sim.stop()
    outcome = ended[0]
    assert outcome.suggested_reason_code == "NC-INA", "the wrap-up form pre-selects 'Nomor tidak aktif'"
    assert outcome.progress.cli_class == "announcement:tidak_aktif" and outcome.attempt_id == "ui-cpa"


def test_the_desk_shows_what_was_heard_pre_selects_its_reason_and_stores_it(qtbot, indonesian, ui_ctx, desk_phone):
    from sqlalchemy import select

    from app.store.models import CallAttempt, Customer, WorkItem
    from app.views.desk.window import AgentDeskWindow
    sim = SimulatorProcess(ring_seconds=0.3)
    ids = ui_ctx.services["ids"]
    with ui_ctx.database.session() as s:           # the first customer's number plays "tidak aktif"
        s.get(Customer, s.get(WorkItem, ids["item1"]).customer_id).phones[0].e164 = "+6288800000010"
    try:
        desk_phone(ui_ctx, SipConfig(domain=f"127.0.0.1:{sim.port}", bind_address="127.0.0.1", null_audio=True))
        desk = AgentDeskWindow(ui_ctx)
        qtbot.addWidget(desk)
        desk.show()
        qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 3)
        with qtbot.waitSignal(desk.item_opened):
            desk.next_item()
        qtbot.waitUntil(lambda: desk.call.dial_button.isEnabled())
        desk.dial()
        qtbot.waitUntil(lambda: desk.call.heard.isVisible(), timeout=8000)
        assert desk.call.heard.text().startswith("Terdengar: pengumuman operator 'tidak aktif'")
        with qtbot.waitSignal(desk.wrapup_started, timeout=10000):
            desk.hangup()
        assert desk.wrapup.reason_code() == "NC-INA"
        with ui_ctx.database.session() as s:
            attempt = s.scalars(select(CallAttempt)).one()
            assert (attempt.cpa_class, attempt.cpa_label) == ("announcement", "tidak_aktif")
            assert attempt.cpa_confidence >= 0.85
    finally:
        sim.stop()


@pytest.mark.parametrize("kind,label,expected", [
    ("busy", "", "Terdengar: nada sibuk (keyakinan 0,90)"),
    ("speech", "", "Terdengar: suara orang (keyakinan 0,97)"),
    ("sit", "", "Terdengar: nada informasi khusus, SIT (keyakinan 0,95)"),
    ("announcement", "luar_jangkauan", "Terdengar: pengumuman operator 'luar jangkauan' (keyakinan 0,93)"),
])
def test_each_class_reads_as_one_indonesian_sentence(qtbot, indonesian, kind, label, expected):
    heard = HeardLabel()
    qtbot.addWidget(heard)
    confidence = float(expected.rsplit(" ", 1)[1].rstrip(")").replace(",", "."))
    heard.show_verdict(ProgressVerdict(kind=kind, confidence=confidence, seconds_from_first_media=1.0, label=label))
    assert heard.text() == expected
    heard.clear()
    assert heard.text() == "" and heard.isHidden()
