"""Call-progress classification on synthetic signals: the Indonesian cadences at the edges of their
windows, SIT, silence, and speech that is never taken for an announcement (no SIP, no pjsua2)."""

from __future__ import annotations

import numpy as np
import pytest

from app.platform.paths import resource
from app.telephony.progress import tone_plan as tp
from app.telephony.progress.classifier import ProgressClassifier
from app.telephony.progress.library import load, read_wav, starter_folder
from app.telephony.progress.tone_plan import INDONESIA as PLAN
from app.telephony.prompt_audio import write_prompt

RATE = 8000


@pytest.fixture(scope="module")
def library():
    return load(starter_folder())


def heard(samples, library=None, chunk=800):
    """Every verdict, fed in 100 ms chunks as the media tap does."""
    classifier = ProgressClassifier(library)
    samples = np.asarray(samples)
    verdicts = []
    for start in range(0, len(samples), chunk):
        verdicts += classifier.feed(samples[start:start + chunk])
    return verdicts


def classes(samples, library=None):
    return [v.cli_class for v in heard(samples, library)]


def pcm(x):
    return tp.to_pcm16(x)


def noisy(x, snr_db=20.0, seed=1):
    x = np.asarray(x, dtype=np.float64)
    rms = np.sqrt(np.mean(x[np.abs(x) > 0] ** 2))
    noise = np.random.default_rng(seed).standard_normal(len(x)) * rms * 10 ** (-snr_db / 20)
    return np.clip(np.round(x + noise), -32768, 32767).astype("<i2")


def cadence(on, off, seconds, level=-15.0, freq=425.0):
    period = np.concatenate([tp.tone(freq, on, level), tp.silence(off)])
    return pcm(np.tile(period, int(np.ceil(seconds / (on + off))))[: int(seconds * RATE)])


@pytest.mark.parametrize("on,off", [(1.0, 4.0), (0.8, 3.0), (1.5, 5.0)])
def test_ringback_cadence_inside_its_window_is_ringback_within_two_seconds(on, off):
    verdicts = heard(cadence(on, off, 8.0))
    assert verdicts[0].kind == "ringback" and verdicts[0].suggested_reason == ""
    assert verdicts[0].seconds_from_first_media <= on + 0.2


@pytest.mark.parametrize("on,off", [(0.5, 0.5), (0.4, 0.4), (0.65, 0.65)])
def test_busy_cadence_inside_its_window_is_busy_and_suggests_nc_bsy(on, off):
    verdicts = heard(cadence(on, off, 4.0))
    assert [v.kind for v in verdicts] == ["busy"] and verdicts[0].suggested_reason == "NC-BSY"
    assert verdicts[0].seconds_from_first_media <= on + off + 0.2


@pytest.mark.parametrize("on,off", [(0.25, 0.25), (0.18, 0.18), (0.33, 0.33)])
def test_congestion_cadence_inside_its_window_is_congestion_with_no_reason(on, off):
    verdicts = heard(cadence(on, off, 3.0))
    assert [v.kind for v in verdicts] == ["congestion"] and verdicts[0].suggested_reason == ""


def test_a_cadence_just_outside_busy_is_not_called_busy():
    # 0.8 s on / 0.8 s off: too long for busy (0.36-0.7 s), too short a pause for ringback.
    assert "busy" not in classes(cadence(0.8, 0.8, 5.0))


def test_a_600_hz_cadence_is_unknown_audio_not_a_busy_tone():
    # Only the plan's 425 Hz makes a cadence; anything else audible is "speech" (unknown audio).
    assert classes(cadence(0.5, 0.5, 4.0, freq=600.0)) == ["speech"]


def test_media_starting_in_the_middle_of_a_ringback_tone_is_still_ringback():
    clipped = cadence(1.0, 4.0, 10.0)[int(0.6 * RATE):]     # 0.4 s of the first tone left
    verdicts = heard(clipped)
    assert verdicts and verdicts[0].kind == "ringback" and verdicts[0].seconds_from_first_media < 1.5


def test_media_starting_in_the_middle_of_a_busy_burst_is_still_busy():
    verdicts = heard(cadence(0.5, 0.5, 4.0)[int(0.3 * RATE):])
    assert [v.kind for v in verdicts] == ["busy"] and verdicts[0].seconds_from_first_media < 1.0


def test_ringback_then_busy_reports_both_in_order():
    signal = np.concatenate([cadence(1.0, 4.0, 5.0), cadence(0.5, 0.5, 3.0)])
    verdicts = heard(noisy(signal, 25))
    assert [v.kind for v in verdicts] == ["ringback", "busy"]
    assert verdicts[1].seconds_from_first_media > 5.0


@pytest.mark.parametrize("freqs,each", [((950.0, 1400.0, 1800.0), 0.33), ((913.8, 1370.6, 1776.7), 0.274),
                                        ((985.2, 1428.5, 1776.7), 0.380)])
def test_sit_triplets_of_itu_e180_and_their_north_american_variants_are_sit(freqs, each):
    verdicts = heard(noisy(pcm(tp.sit(PLAN, -15.0, frequencies=freqs, tone_seconds=each)), 25))
    assert [v.kind for v in verdicts] == ["sit"] and verdicts[0].suggested_reason == "NC-INA"
    assert verdicts[0].confidence >= 0.9 and verdicts[0].seconds_from_first_media <= 3 * each + 0.2


def test_sit_tones_out_of_order_are_not_sit():
    assert "sit" not in classes(pcm(tp.sit(PLAN, -15.0, frequencies=(1800.0, 1400.0, 950.0))))


def test_sit_followed_by_a_known_announcement_names_the_announcement(library):
    spoken = read_wav(starter_folder() / "tidak_aktif.wav")
    signal = np.concatenate([pcm(tp.sit(PLAN, -15.0)), spoken])
    verdicts = heard(noisy(signal, 25), library)
    assert [v.cli_class for v in verdicts] == ["sit", "announcement:tidak_aktif"]
    assert verdicts[1].suggested_reason == "NC-INA"


@pytest.mark.parametrize("level_db", [None, -60.0, -45.0])
def test_quiet_line_noise_or_digital_silence_is_silence_after_three_seconds(level_db):
    n = 5 * RATE
    signal = np.zeros(n, dtype="<i2") if level_db is None else \
        (np.random.default_rng(3).standard_normal(n) * 32768 * 10 ** (level_db / 20)).astype("<i2")
    verdicts = heard(signal)
    assert [v.kind for v in verdicts] == ["silence"]
    assert 3.0 <= verdicts[0].seconds_from_first_media <= 3.2


def test_the_pause_of_a_ringback_is_never_called_silence():
    assert classes(cadence(1.0, 4.0, 11.0)) == ["ringback"]


@pytest.mark.parametrize("label", ["tidak_aktif", "luar_jangkauan", "tidak_dapat_dihubungi", "sedang_sibuk",
                                   "tidak_terdaftar", "kotak_suara"])
def test_each_starter_announcement_is_named_through_noise_and_a_lower_gain(library, label):
    spoken = read_wav(starter_folder() / f"{label}.wav").astype(np.float64) * 0.3
    signal = np.concatenate([np.zeros(int(0.3 * RATE)), spoken])
    verdicts = heard(noisy(signal, 15, seed=len(label)), library)
    assert [v.cli_class for v in verdicts] == [f"announcement:{label}"]
    assert verdicts[0].confidence >= 0.85 and verdicts[0].seconds_from_first_media <= 3.5


def test_a_live_person_is_speech_and_never_an_announcement(library):
    person = read_wav(resource("samples", "live_speech.wav"))
    verdicts = heard(noisy(person, 25), library)
    assert [v.kind for v in verdicts] == ["speech"] and verdicts[0].suggested_reason == ""


def test_voice_like_audio_that_matches_no_recording_is_speech(library, tmp_path):
    prompt = read_wav(write_prompt(tmp_path / "prompt.wav", seconds=4.0))
    assert classes(prompt, library) == ["speech"]


def test_a_person_who_opens_with_the_announcements_words_then_goes_on_is_speech(library):
    # The first 1.3 s of "Nomor yang Anda tuju ...", shared by four recordings, then a person.
    opening = read_wav(starter_folder() / "tidak_aktif.wav")[: int(1.3 * RATE)]
    person = read_wav(resource("samples", "live_speech.wav"))
    verdicts = heard(np.concatenate([opening, person]), library)
    assert [v.kind for v in verdicts] == ["speech"]


def test_a_short_halo_then_a_pause_is_speech_without_waiting_for_more(library):
    person = read_wav(resource("samples", "live_speech.wav"))[: int(0.7 * RATE)]     # "Halo,"
    signal = np.concatenate([person, np.zeros(2 * RATE, dtype="<i2")])
    verdicts = heard(noisy(signal, 30), library)
    assert [v.kind for v in verdicts] == ["speech"] and verdicts[0].seconds_from_first_media < 2.0


def test_without_a_library_a_recording_is_speech(library):
    spoken = read_wav(starter_folder() / "tidak_aktif.wav")
    assert classes(spoken, None) == ["speech"]


def test_the_classifier_stops_after_a_final_class_and_keeps_its_verdict():
    classifier = ProgressClassifier()
    signal = cadence(0.5, 0.5, 6.0)
    first = classifier.feed(signal[: 3 * RATE])
    assert [v.kind for v in first] == ["busy"] and classifier.done
    assert classifier.feed(signal[3 * RATE:]) == [] and classifier.current.kind == "busy"


def test_chunk_size_does_not_change_the_verdict(library):
    spoken = read_wav(starter_folder() / "sedang_sibuk.wav")
    a = heard(spoken, library, chunk=160)
    b = heard(spoken, library, chunk=4000)
    assert [v.cli_class for v in a] == [v.cli_class for v in b] == ["announcement:sedang_sibuk"]
    assert abs(a[0].seconds_from_first_media - b[0].seconds_from_first_media) < 0.6
