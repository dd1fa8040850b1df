"""The held-out set of bench_cpa.py: calls rendered afresh, never the library's own files.

Announcements are spoken again by espeak-ng from the operators' texts and sent through
another chain than scripts/build_announcements.py's (200-3600 Hz, a 16 kHz step, a clock
drift of up to ±0.6 %, untrimmed), then given a gain, line noise, a lead-in and sometimes
a late start; people are other espeak voices saying other sentences; tones come from the
tone plan at several levels, some starting mid-burst.  `build(work, seed, quick)` returns
the scenarios; it places no call and imports no pjsua2.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.telephony.progress import tone_plan as tp
from app.telephony.progress.library import read_manifest, read_wav, starter_folder

RATE = 8000
ANNOUNCER = ["-v", "id", "-s", "145", "-p", "45"]
PEOPLE = [  # (espeak voice, speed, what they say)
    ("id+Andy", 170, "Halo, selamat siang. Dengan siapa ya?"),
    ("id+f2", 160, "Iya halo, saya sendiri. Ada apa ya Pak?"),
    ("id+m3", 150, "Nomor yang Anda tuju benar, saya sendiri yang pegang."),
    ("id+klatt", 150, "Selamat pagi, ada yang bisa saya bantu?"),
    ("id+f3", 170, "Maaf, Bapaknya sedang keluar. Nanti telepon lagi ya."),
    ("id+m1", 165, "Iya benar, tagihannya sudah saya bayar kemarin."),
    ("id+f1", 155, "Halo? Halo? Suaranya putus putus, Mbak."),
    ("id+Andy", 150, "Maaf, nomor ini sekarang dipakai kantor kami."),
    ("id+m7", 160, "Ya, dengan saya sendiri. Soal tagihan internet ya?"),
    ("id+f4", 175, "Halo, ini dari Telkom ya? Saya lagi di jalan."),
    ("id+klatt3", 150, "Nomor yang Anda tuju sedang saya pakai, tunggu sebentar."),
    ("id+m2", 155, "Tidak aktif bagaimana, saya tiap hari pakai nomor ini."),
    ("id+f5", 165, "Selamat sore, Ibu sedang tidur siang. Mau titip pesan?"),
    ("id+Mike", 160, "Sebentar ya, saya cari dulu bukti pembayarannya."),
]
UNKNOWN = [  # operator announcements the site has not recorded: unknown audio is "speech"
    "Nomor yang Anda tuju sedang dialihkan. Mohon tunggu sebentar.",
    "Maaf, pulsa Anda tidak mencukupi untuk melakukan panggilan ini.",
    "Terima kasih telah menelepon. Semua operator kami sedang melayani pelanggan lain.",
]
KNOWN = [(e.label, e.text, e.reason) for e in read_manifest(starter_folder())]


@dataclass
class Scenario:
    name: str
    expected: list[str]             # CLI classes in the order they should be heard; the last is final
    audio: np.ndarray               # 8 kHz int16, as sent
    answered: bool = False          # 200 + media instead of 183 + early media
    code: int = 480
    reason: str = "Temporarily Unavailable"

    @property
    def final(self) -> str:
        return self.expected[-1]


# ------------------------------------------------------------------------ audio
def render(text: str, voice: list[str], out: Path, drift: float = 1.0) -> np.ndarray:
    """espeak-ng -> a channel unlike the library's: 200-3600 Hz, via 16 kHz, clock drift, untrimmed."""
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", *voice, "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out.with_suffix(".16k.wav")),
                    "gain", "-8", "sinc", "200-3600", "speed", f"{drift:.4f}"], check=True,
                   stderr=subprocess.DEVNULL)
    subprocess.run(["sox", "-D", str(out.with_suffix(".16k.wav")), "-r", "8000", "-b", "16", str(out),
                    "gain", "-n", "-4"], check=True, stderr=subprocess.DEVNULL)
    return read_wav(out).astype(np.float64)


def level(x: np.ndarray, gain_db: float) -> np.ndarray:
    return x * 10 ** (gain_db / 20)


def noise(kind: str, n: int, rng: np.random.Generator, babble: np.ndarray) -> np.ndarray:
    if kind == "white":
        out = rng.standard_normal(n)
    elif kind == "pink":
        spectrum = np.fft.rfft(rng.standard_normal(n))
        spectrum /= np.sqrt(np.arange(1, len(spectrum) + 1))
        out = np.fft.irfft(spectrum, n)
    else:   # babble: several people far away
        start = rng.integers(0, max(1, len(babble) - n))
        out = np.resize(babble[start:], n)
    return out / (out.std() + 1e-9)


def mix(signal: np.ndarray, rng, babble, snr_db: float, kind: str, floor_db: float = -65.0,
        reference: np.ndarray | None = None) -> np.ndarray:
    """signal + noise at snr_db below the loud part of `reference` (default: the signal itself)."""
    source = signal if reference is None else reference
    loud = source[np.abs(source) > 30]
    rms = np.sqrt(np.mean(loud ** 2)) if len(loud) else 32768 * 10 ** (floor_db / 20) * 10 ** (snr_db / 20)
    n = noise(kind, len(signal), rng, babble) * rms * 10 ** (-snr_db / 20)
    return np.clip(np.round(signal + n), -32768, 32767).astype(np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE))


# -------------------------------------------------------------------- scenarios
def build(work: Path, seed: int, quick: bool) -> list[Scenario]:
    rng = np.random.default_rng(seed)
    people = [render(t, ["-v", v, "-s", str(s)], work / f"person{i}.wav") for i, (v, s, t) in enumerate(PEOPLE)]
    babble = sum(np.resize(p, 8000 * 20) for p in people[:6])
    out: list[Scenario] = []

    def condition(babble_too: bool = False):
        # A network's announcement has line noise behind it (hiss, hum); people may also have
        # other people around them.
        kinds = ["white", "pink", "babble"] if babble_too else ["white", "pink"]
        return float(rng.uniform(-20, 2)), float(rng.uniform(12, 30)), str(rng.choice(kinds))

    # Known announcements: early media (x3) and after 200 (x1), each a fresh rendering.
    for label, text, _reason in KNOWN:
        for k in range(1 if quick else 4):
            spoken = render(text, ANNOUNCER, work / f"{label}{k}.wav", drift=float(rng.uniform(0.994, 1.006)))
            if k == 2:
                spoken = spoken[int(0.2 * RATE):]          # the network started it a little late
            gain, snr, kind = condition()
            signal = np.concatenate([silence(rng.uniform(0.1, 0.8)), level(spoken, gain), silence(1.0)])
            out.append(Scenario(f"{label}/{kind}{snr:.0f}dB{gain:+.0f}", [f"announcement:{label}"],
                                mix(signal, rng, babble, snr, kind), answered=(k == 3), code=480))
    # SIT, then a known announcement; SIT alone.
    sit_plan = [((950.0, 1400.0, 1800.0), 0.33), ((913.8, 1370.6, 1776.7), 0.274), ((985.2, 1428.5, 1776.7), 0.38)]
    for i, (freqs, each) in enumerate(sit_plan[: 1 if quick else 3]):
        label, text, _ = KNOWN[i]
        spoken = render(text, ANNOUNCER, work / f"sit{i}.wav")
        gain, snr, kind = condition()
        signal = np.concatenate([silence(0.2), tp.sit(tp.INDONESIA, -16.0, frequencies=freqs, tone_seconds=each) * 32767,
                                 level(spoken, gain), silence(0.5)])
        out.append(Scenario(f"sit+{label}", ["sit", f"announcement:{label}"],
                            mix(signal, rng, babble, snr, kind, reference=level(spoken, gain)),
                            code=404, reason="Not Found"))
    for i in range(1 if quick else 2):
        signal = np.concatenate([tp.sit(tp.INDONESIA, float(rng.uniform(-25, -12))) * 32767, silence(3.0)])
        out.append(Scenario(f"sit/{i}", ["sit"], mix(signal, rng, babble, 25, "white"), code=404, reason="Not Found"))
    # Tones at several levels, in noise, some starting mid-burst.
    plan = tp.INDONESIA
    for i in range(2 if quick else 4):
        start = float(rng.uniform(0, 0.4)) if i % 2 else 0.0
        sig = tp.cadence(plan.busy, 4.5, level_dbfs=float(rng.uniform(-28, -10)))[int(start * RATE):] * 32767
        out.append(Scenario(f"busy/{i}", ["busy"], mix(sig, rng, babble, float(rng.uniform(15, 30)), "white"),
                            code=486, reason="Busy Here"))
    for i in range(1 if quick else 3):
        sig = tp.cadence(plan.congestion, 3.5, level_dbfs=float(rng.uniform(-28, -10))) * 32767
        out.append(Scenario(f"congestion/{i}", ["congestion"], mix(sig, rng, babble, float(rng.uniform(15, 30)),
                                                                   "pink"), code=503, reason="Service Unavailable"))
    for i in range(2 if quick else 4):
        start = float(rng.uniform(0, 0.8)) if i % 2 else 0.0
        sig = tp.cadence(plan.ringback, 7.0, level_dbfs=float(rng.uniform(-28, -10)))[int(start * RATE):] * 32767
        out.append(Scenario(f"ringback/{i}", ["ringback"], mix(sig, rng, babble, float(rng.uniform(15, 30)), "white")))
    for i in range(1 if quick else 2):
        sig = np.concatenate([tp.cadence(plan.ringback, 5.0, level_dbfs=-18), tp.cadence(plan.busy, 3.0, level_dbfs=-18)]) * 32767
        out.append(Scenario(f"ringback+busy/{i}", ["ringback", "busy"], mix(sig, rng, babble, 25, "white"),
                            code=486, reason="Busy Here"))
    for i in range(1 if quick else 3):
        out.append(Scenario(f"silence/{i}", ["silence"], mix(silence(4.5), rng, babble, 0, "white",
                                                             floor_db=float(rng.uniform(-70, -50)))))
    # People, and announcements the site never recorded: both are "speech".
    for i, person in enumerate(people[: 10 if quick else len(people)]):
        gain, snr, kind = condition(babble_too=True)
        signal = np.concatenate([silence(rng.uniform(0.2, 1.0)), level(person, gain), silence(1.5)])
        out.append(Scenario(f"person{i}/{kind}{snr:.0f}dB", ["speech"], mix(signal, rng, babble, snr, kind),
                            answered=True))
    for i, text in enumerate(UNKNOWN[: 1 if quick else 3]):
        spoken = render(text, ANNOUNCER, work / f"unknown{i}.wav")
        gain, snr, kind = condition()
        signal = np.concatenate([silence(0.3), level(spoken, gain), silence(1.0)])
        out.append(Scenario(f"unknown{i}", ["speech"], mix(signal, rng, babble, snr, kind)))
    return out
