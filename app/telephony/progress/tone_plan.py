"""The call-progress tones Sambung recognises, and how to make them (for the simulator and tests).

Indonesian networks use one 425 Hz tone told apart by its cadence (ITU-T E.180
Supplement 2, Indonesia): ringback 1 s on / 4 s off, busy 0.5 s / 0.5 s, congestion
0.25 s / 0.25 s.  The special information tone (SIT) is ITU-T E.180 §6: three tones
rising from about 950, 1400 and 1800 Hz (±50 Hz), 330 ± 70 ms each, then 1 s of
silence; the North-American variants (913.8/985.2, 1370.6/1428.5, 1776.7 Hz, 274 or 380 ms)
fall inside the same windows.  The windows below are wider than the standards so that
jitter, a lost packet or a clipped first cadence do not hide a tone.  Plain numpy: no
pjsua2, no detection logic (app.telephony.progress.cadence does that).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 8000


@dataclass(frozen=True)
class Cadence:
    name: str
    on: float                   # seconds, nominal
    off: float
    on_range: tuple[float, float]
    off_range: tuple[float, float]


@dataclass(frozen=True)
class TonePlan:
    frequency: float = 425.0
    frequency_tolerance: float = 30.0
    ringback: Cadence = Cadence("ringback", 1.0, 4.0, (0.75, 1.6), (2.5, 5.5))
    busy: Cadence = Cadence("busy", 0.5, 0.5, (0.36, 0.7), (0.36, 0.7))
    congestion: Cadence = Cadence("congestion", 0.25, 0.25, (0.15, 0.36), (0.15, 0.36))
    # SIT: (low, high) Hz for each of the three tones, and each tone's length in seconds.
    sit_bands: tuple[tuple[float, float], ...] = ((870.0, 1030.0), (1330.0, 1480.0), (1730.0, 1860.0))
    sit_tone_range: tuple[float, float] = (0.2, 0.45)
    sit_nominal: tuple[float, ...] = (950.0, 1400.0, 1800.0)
    sit_tone_seconds: float = 0.33


INDONESIA = TonePlan()


def tone(frequency: float, seconds: float, level_dbfs: float = -12.0, rate: int = RATE) -> np.ndarray:
    """A sine burst as float samples in [-1, 1], with 5 ms ramps (as exchanges shape them)."""
    n = int(round(seconds * rate))
    t = np.arange(n) / rate
    out = np.sin(2 * np.pi * frequency * t) * 10 ** (level_dbfs / 20) * np.sqrt(2)
    ramp = min(n // 2, int(0.005 * rate))
    if ramp:
        shape = np.linspace(0.0, 1.0, ramp)
        out[:ramp] *= shape
        out[-ramp:] *= shape[::-1]
    return out


def silence(seconds: float, rate: int = RATE) -> np.ndarray:
    return np.zeros(int(round(seconds * rate)))


def cadence(kind: Cadence, seconds: float, plan: TonePlan = INDONESIA, level_dbfs: float = -12.0,
            rate: int = RATE) -> np.ndarray:
    """`seconds` of a cadenced 425 Hz tone (ringback, busy, congestion), starting with a tone."""
    period = np.concatenate([tone(plan.frequency, kind.on, level_dbfs, rate), silence(kind.off, rate)])
    reps = int(np.ceil(seconds * rate / len(period)))
    return np.tile(period, reps)[: int(round(seconds * rate))]


def sit(plan: TonePlan = INDONESIA, level_dbfs: float = -12.0, rate: int = RATE,
        frequencies: tuple[float, ...] | None = None, tone_seconds: float | None = None) -> np.ndarray:
    """One SIT triplet followed by its 1 s of silence."""
    each = tone_seconds or plan.sit_tone_seconds
    parts = [tone(f, each, level_dbfs, rate) for f in (frequencies or plan.sit_nominal)]
    return np.concatenate(parts + [silence(1.0, rate)])


def to_pcm16(samples: np.ndarray) -> np.ndarray:
    return np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
