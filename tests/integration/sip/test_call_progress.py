"""Call-progress analysis on real calls: the demo simulator's in-band numbers and sipp playing pcaps
of tones, announcements and a person as G.711 RTP.  Each test asserts what was heard (class,
label, confidence), the reason the outcome pre-selects, and what is stored on the attempt."""

from __future__ import annotations

import numpy as np
import pytest

from app.platform.paths import resource
from app.telephony.progress import tone_plan as tp
from app.telephony.progress.library import read_wav, starter_folder
from tests.integration.sip.peers import SimulatorProcess
from tests.integration.sip.rtp_pcap import RATE, write_pcap

pytestmark = pytest.mark.sip


@pytest.fixture(scope="module")
def simulator():
    sim = SimulatorProcess(ring_seconds=0.3)
    yield sim
    sim.stop()


def wait_heard(listener, count: int, timeout: float = 15.0):
    try:
        return listener.wait_for(lambda: len(listener.progress) >= count and listener.progress[:count],
                                 timeout, f"{count} call-progress verdict(s)")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; heard {[(v.cli_class, v.seconds_from_first_media) for v in listener.progress]}"
                             f"; outcomes {listener.outcomes}") from None


def finish(phone, listener):
    """The call's outcome; hangs up first when the line is still up (speech, ringback, silence)."""
    if not listener.outcomes:
        phone.hangup()
    return listener.wait_outcome(timeout=10)


# number, what is heard in order, the reason pre-selected, answered?
SIMULATOR_NUMBERS = [
    ("088800000010", ["announcement:tidak_aktif"], "NC-INA", False),
    ("088800000011", ["announcement:luar_jangkauan"], "NC-RNA", False),
    ("088800000012", ["announcement:tidak_dapat_dihubungi"], "NC-RNA", False),
    ("088800000013", ["announcement:sedang_sibuk"], "NC-BSY", False),
    ("088800000014", ["announcement:tidak_terdaftar"], "NC-INA", False),
    ("088800000015", ["announcement:kotak_suara"], "NC-MBX", False),
    ("088800000020", ["announcement:tidak_aktif"], "NC-INA", True),
    ("088800000030", ["ringback", "busy"], "NC-BSY", False),
    ("088800000032", ["busy"], "NC-BSY", False),
    ("088800000033", ["congestion"], "", False),
    ("088800000040", ["sit", "announcement:tidak_aktif"], "NC-INA", False),
    ("088800000050", ["speech"], "", True),
    ("088800000052", ["ringback", "speech"], "", True),
]


@pytest.mark.parametrize("number,classes,reason,answered", SIMULATOR_NUMBERS,
                         ids=[n[-2:] for n, *_ in SIMULATOR_NUMBERS])
def test_simulator_in_band_numbers_are_heard_and_preselect_the_reason(simulator, phone, listener, number,
                                                                      classes, reason, answered):
    p = phone()
    p.dial(simulator.uri(number))
    heard = wait_heard(listener, len(classes))
    outcome = finish(p, listener)
    assert [v.cli_class for v in heard] == classes
    assert all(v.confidence >= 0.85 for v in heard)
    assert outcome.progress is not None and outcome.progress.cli_class == classes[-1]
    assert outcome.suggested_reason_code == reason and outcome.answered == answered
    assert heard[-1].call_id == outcome.call_id
    assert listener.threads == {"sip-engine"}, "listeners hear verdicts on the SIP thread only"


def test_silence_in_early_media_is_silence_then_the_sip_status_decides(simulator, phone, listener):
    p = phone()
    p.dial(simulator.uri("088800000051"))
    heard = wait_heard(listener, 1)
    outcome = listener.wait_outcome(timeout=10)             # the simulator gives up with 480
    assert [v.kind for v in heard] == ["silence"] and 3.0 <= heard[0].seconds_from_first_media < 3.5
    assert outcome.status_code == 480 and outcome.suggested_reason_code == "NC-RNA"
    assert outcome.progress.kind == "silence"


def test_a_conclusive_announcement_ends_the_call_when_the_site_says_so(simulator, phone, listener):
    p = phone(progress_hang_up=True)
    p.dial(simulator.uri("088800000010"))
    outcome = listener.wait_outcome(timeout=10)
    assert outcome.progress.cli_class == "announcement:tidak_aktif"
    # We CANCELled after the verdict, long before the simulator's own 480 (two plays, ~12 s).
    assert outcome.status_code == 487 and outcome.ring_seconds < 4.5
    assert outcome.suggested_reason_code == "NC-INA"


def test_a_person_is_never_cut_off_even_when_the_site_hangs_up_on_announcements(simulator, phone, listener):
    p = phone(progress_hang_up=True)
    p.dial(simulator.uri("088800000050"))
    heard = wait_heard(listener, 1)
    assert heard[0].kind == "speech"
    with pytest.raises(AssertionError):
        listener.wait_outcome(timeout=2.0)                  # still talking two seconds later
    outcome = finish(p, listener)
    assert outcome.answered and outcome.talk_seconds > 3.0


def test_analysis_can_be_switched_off(simulator, phone, listener):
    p = phone(progress_analysis=False)
    p.dial(simulator.uri("088800000014"))
    outcome = listener.wait_outcome(timeout=15)
    assert listener.progress == [] and outcome.progress is None
    assert outcome.suggested_reason_code == "NC-RNA"        # the 480 alone


def test_what_was_heard_is_stored_on_the_attempt(simulator, phone, listener, tmp_path):
    """Through the desk's use case, as the desk session stores it when the call ends."""
    from sqlalchemy import select

    from app.core.context import AppContext, CurrentUser
    from app.core.desk.desk import Desk
    from app.domain.clock import FrozenClock
    from app.domain.reasons import ReasonCatalogue
    from app.platform.config import Settings
    from app.store.db import Database
    from app.store.migrate import upgrade
    from app.store.models import CallAttempt
    from tests.fixtures.world import DAYTIME, seed_world

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    upgrade(url)
    db = Database(url)
    ids = seed_world(db)
    ctx = AppContext(database=db, settings=Settings(), clock=FrozenClock(DAYTIME),
                     catalogue=ReasonCatalogue.default(),
                     user=CurrentUser(ids["agent1"], "agent1", "Siti", "agent", None))
    desk = Desk(ctx)
    item = desk.claim_next()
    started = desk.start_attempt(item, ids["phone1"])
    p = phone(progress_hang_up=True)
    p.dial(simulator.uri("088800000013"))
    outcome = listener.wait_outcome(timeout=10)
    desk.finish_attempt(started.attempt_id, answered=outcome.answered, status_code=outcome.status_code,
                        reason=outcome.reason, ring_seconds=outcome.ring_seconds, talk_seconds=outcome.talk_seconds,
                        recording_path=None, recording_error=None, suggested_reason=outcome.suggested_reason_code,
                        counts=outcome.counts, heard=outcome.progress)
    with db.session() as s:
        stored = s.get(CallAttempt, started.attempt_id)
        assert (stored.cpa_class, stored.cpa_label) == ("announcement", "sedang_sibuk")
        assert stored.cpa_confidence == round(outcome.progress.confidence, 2) >= 0.85
    ctx.io.shutdown(wait=False)
    db.dispose()


# ---------------------------------------------------------------- sipp, audio from pcaps
def _noisy(samples: np.ndarray, gain_db: float, snr_db: float, seed: int) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float64) * 10 ** (gain_db / 20)
    rms = np.sqrt(np.mean(x[np.abs(x) > 1] ** 2))
    noise = np.random.default_rng(seed).standard_normal(len(x)) * rms * 10 ** (-snr_db / 20)
    return np.clip(np.round(x + noise), -32768, 32767).astype(np.int16)


def _announcement(label: str) -> np.ndarray:
    return read_wav(starter_folder() / f"{label}.wav")


def _lead(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.int16)


@pytest.fixture
def early_media(sipp_uas, tmp_path):
    """Factory: early_media(samples, code, reason) -> sipp playing them after 183, then failing."""
    def make(samples: np.ndarray, code: int = 480, reason: str = "Temporarily Unavailable"):
        pcap = write_pcap(tmp_path / f"early-{code}.pcap", samples)
        play_ms = int(len(samples) / RATE * 1000) + 300
        return sipp_uas("uas_early_media_pcap.xml", echo=False, keys={
            "pcap": str(pcap), "play_ms": str(play_ms), "code": str(code), "reason": reason})
    return make


@pytest.fixture
def answered_media(sipp_uas, tmp_path):
    def make(samples: np.ndarray):
        pcap = write_pcap(tmp_path / "answered.pcap", samples)
        return sipp_uas("uas_answer_pcap.xml", echo=False, keys={"pcap": str(pcap)})
    return make


def test_sipp_early_media_announcement_at_low_gain_in_noise_is_recognised(early_media, phone, listener):
    audio = np.concatenate([_lead(0.4), _noisy(_announcement("tidak_terdaftar"), -12, 18, seed=5)])
    sipp = early_media(audio, 404, "Not Found")
    p = phone()
    p.dial(sipp.uri("081299990001"))
    heard = wait_heard(listener, 1)
    outcome = listener.wait_outcome(timeout=15)
    assert heard[0].cli_class == "announcement:tidak_terdaftar" and heard[0].confidence >= 0.85
    assert heard[0].seconds_from_first_media < 3.0
    assert outcome.status_code == 404 and outcome.suggested_reason_code == "NC-INA"


def test_sipp_busy_tone_as_early_media_then_486_is_busy(early_media, phone, listener):
    audio = _noisy(tp.to_pcm16(tp.cadence(tp.INDONESIA.busy, 3.0, level_dbfs=-20)), 0, 25, seed=6)
    sipp = early_media(audio, 486, "Busy Here")
    p = phone()
    p.dial(sipp.uri("081299990002"))
    heard = wait_heard(listener, 1)
    outcome = listener.wait_outcome(timeout=10)
    assert [v.kind for v in heard] == ["busy"] and heard[0].seconds_from_first_media < 2.2
    assert outcome.suggested_reason_code == "NC-BSY" and outcome.progress.kind == "busy"


def test_sipp_sit_then_announcement_names_the_announcement_and_cancels_when_asked(early_media, phone, listener):
    sit = tp.to_pcm16(tp.sit(tp.INDONESIA, -18.0, frequencies=(913.8, 1370.6, 1776.7), tone_seconds=0.274))
    audio = _noisy(np.concatenate([sit, _announcement("luar_jangkauan")]), -6, 22, seed=7)
    sipp = early_media(audio)
    p = phone(progress_hang_up=True)
    p.dial(sipp.uri("081299990003"))
    outcome = listener.wait_outcome(timeout=15)
    assert [v.cli_class for v in listener.progress] == ["sit", "announcement:luar_jangkauan"]
    assert outcome.status_code == 487, "hung up on the announcement, before the network's 480"
    assert outcome.suggested_reason_code == "NC-RNA"


def test_sipp_voicemail_greeting_after_200_is_the_mailbox_announcement(answered_media, phone, listener):
    sipp = answered_media(np.concatenate([_lead(0.3), _noisy(_announcement("kotak_suara"), -3, 25, seed=8)]))
    p = phone()
    p.dial(sipp.uri("081299990004"))
    heard = wait_heard(listener, 1)
    outcome = finish(p, listener)
    assert heard[0].cli_class == "announcement:kotak_suara"
    assert outcome.answered and outcome.suggested_reason_code == "NC-MBX"


def test_sipp_person_answering_is_speech_and_suggests_nothing(answered_media, phone, listener):
    person = read_wav(resource("samples", "live_speech.wav"))
    sipp = answered_media(np.concatenate([_lead(0.5), _noisy(person, -8, 20, seed=9)]))
    p = phone(progress_hang_up=True)
    p.dial(sipp.uri("081299990005"))
    heard = wait_heard(listener, 1)
    outcome = finish(p, listener)
    assert [v.kind for v in heard] == ["speech"] and heard[0].confidence >= 0.85
    assert outcome.answered and outcome.suggested_reason_code == ""


def test_sipp_in_band_ringback_then_no_answer_is_ringback_then_nc_rna(early_media, phone, listener):
    audio = _noisy(tp.to_pcm16(tp.cadence(tp.INDONESIA.ringback, 6.0, level_dbfs=-18)), 0, 25, seed=10)
    sipp = early_media(audio, 480, "Temporarily Unavailable")
    p = phone()
    p.dial(sipp.uri("081299990006"))
    heard = wait_heard(listener, 1)
    outcome = listener.wait_outcome(timeout=12)
    assert [v.kind for v in listener.progress] == ["ringback"] and heard[0].seconds_from_first_media < 1.6
    assert outcome.status_code == 480 and outcome.suggested_reason_code == "NC-RNA"
