"""The agent's "Terdengar: …" line follows what call-progress analysis hears on a real call (the demo
simulator's early-media announcement), in Indonesian, and the outcome pre-selects the reason it implies."""

from __future__ import annotations

import pytest

from app.telephony.events import ProgressVerdict, SipConfig
from app.telephony.softphone import Softphone
from app.views import i18n
from app.views.call_progress import HeardLabel
from app.views.phone_signals import PhoneSignals
from tests.integration.sip.peers import SimulatorProcess

pytestmark = pytest.mark.sip


@pytest.fixture
def indonesian(qapp):
    i18n.install(qapp, "id")
    yield
    i18n.install(qapp, "en")


def test_heard_line_shows_the_operator_announcement_and_the_reason_is_preselected(qtbot, indonesian):
    sim = SimulatorProcess(ring_seconds=0.3)
    signals = PhoneSignals()
    phone = Softphone(signals)
    heard = HeardLabel()
    qtbot.addWidget(heard)
    signals.call_progress.connect(heard.show_verdict)
    try:
        phone.start(SipConfig(domain="127.0.0.1", bind_address="127.0.0.1", null_audio=True))
        with qtbot.waitSignal(signals.call_progress, timeout=8000):
            phone.dial(sim.uri("088800000010"), attempt_id="ui-cpa")      # "Nomor yang Anda tuju tidak aktif"
        text = heard.text()
        assert not heard.isHidden() and \
            text.startswith("Terdengar: pengumuman operator 'tidak aktif' (keyakinan 0,")
        assert float(text.rsplit(" ", 1)[1].rstrip(")").replace(",", ".")) >= 0.85
        with qtbot.waitSignal(signals.call_ended, timeout=5000) as ended:
            phone.hangup()
    finally:
        phone.stop()
        sim.stop()
    outcome = ended.args[0]
    assert outcome.suggested_reason_code == "NC-INA", "the wrap-up form pre-selects 'Nomor tidak aktif'"
    assert outcome.progress.cli_class == "announcement:tidak_aktif" and outcome.attempt_id == "ui-cpa"


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
