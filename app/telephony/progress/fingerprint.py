"""The announcement fingerprint: a spectro-temporal picture of a recording, and matching a call against it.

A fingerprint is the sequence of 16 mel-band energies (dB) every 32 ms, with everything
more than 35 dB below the recording's loud parts raised to that floor (line noise and
digital silence then look alike).  Matching slides the call's audio so far along each
reference and takes the best Pearson correlation over time and bands, after removing
each band's mean over the compared stretch: a gain, a flat or tilted line response and
G.711 all leave it unchanged; noise and another speaker lower it.  The correlation at
every offset comes from one FFT per reference, so the whole library is checked in well
under a millisecond.  The measured choice against chromaprint is in benchmarks/README.md.
Plain numpy; it decides nothing (app.telephony.progress.classifier does).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.domain.text import Text, TextError
from app.telephony.progress.frames import BANDS, HOP_SECONDS, FrameAnalyser

HOPS_PER_FRAME = 2                      # a fingerprint frame spans two analysis hops
FRAME_SECONDS = HOPS_PER_FRAME * HOP_SECONDS
DYNAMIC_RANGE_DB = 35.0
TAIL_FRAMES = 25                        # the last 0.8 s must match as well as the whole
LEAD_FRAMES = 16                        # the query may begin up to 0.5 s before the recording does


def frames_from_bands(bands_db: np.ndarray) -> np.ndarray:
    """(hops, BANDS) dB -> (hops // 2, BANDS) dB: power-averaged pairs of hops."""
    n = len(bands_db) // HOPS_PER_FRAME * HOPS_PER_FRAME
    if n == 0:
        return np.zeros((0, BANDS))
    power = 10 ** (bands_db[:n] / 10)
    pairs = power.reshape(-1, HOPS_PER_FRAME, BANDS).mean(axis=1)
    return 10 * np.log10(pairs + 1e-12)


def floor_clamped(frames_db: np.ndarray) -> np.ndarray:
    """Raise everything below (loud level - DYNAMIC_RANGE_DB) to that floor."""
    if len(frames_db) == 0:
        return frames_db
    loud = np.percentile(frames_db.max(axis=1), 95)
    return np.maximum(frames_db, loud - DYNAMIC_RANGE_DB)


def fingerprint(samples: np.ndarray) -> np.ndarray:
    """The fingerprint of a whole 8 kHz recording (16-bit scale samples)."""
    batch = FrameAnalyser().push(np.asarray(samples, dtype=np.float64))
    return floor_clamped(frames_from_bands(batch.bands_db))


class RecordingTooShort(TextError, ValueError):
    """A library recording has too little sound to be matched against."""


@dataclass(frozen=True)
class Match:
    label: str
    score: float                # correlation of the whole query at the best offset (-1..1)
    tail: float                 # correlation of its last TAIL_FRAMES at that offset
    offset: int                 # reference frame where the query starts (negative: before it)


class Reference:
    """One library recording, ready to be matched (its spectra computed once per size)."""

    def __init__(self, label: str, frames_db: np.ndarray) -> None:
        if len(frames_db) < TAIL_FRAMES:
            raise RecordingTooShort(Text(f"rekaman '{label}' terlalu pendek untuk dicocokkan",
                                         f"recording '{label}' is too short to be matched"))
        self.label = label
        self.frames = frames_db
        self._floor = float(frames_db.min())
        self._cache: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _padded(self, query_len: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(padded frames, FFT of them, cumulative sums) for queries up to query_len frames."""
        size = 1 << int(np.ceil(np.log2(LEAD_FRAMES + len(self.frames) + query_len)))
        cached = self._cache.get(size)
        if cached is None:
            # The query may begin with a little line noise before the recording starts, and
            # run past its end (it loops, or the line goes quiet): what lies outside the
            # recording is taken to be its floor.
            lead = np.full((LEAD_FRAMES, BANDS), self._floor)
            pad = np.full((size - LEAD_FRAMES - len(self.frames), BANDS), self._floor)
            padded = np.vstack([lead, self.frames, pad])
            spectrum = np.fft.rfft(padded, axis=0)
            sums = np.vstack([np.zeros((1, BANDS)), np.cumsum(padded, axis=0)])
            squares = np.vstack([np.zeros((1, BANDS)), np.cumsum(padded ** 2, axis=0)])
            cached = self._cache[size] = (padded, spectrum, np.stack([sums, squares]))
        return cached

    def match(self, query: np.ndarray) -> Match:
        n = len(query)
        padded, spectrum, cumulative = self._padded(n)
        size = len(padded)
        centred = query - query.mean(axis=0)
        norm = float(np.sqrt(np.sum(centred ** 2)))
        offsets = LEAD_FRAMES + len(self.frames)
        if norm < 1e-6 or n < 2:
            return Match(self.label, 0.0, 0.0, 0)
        # Cross-correlation over time, summed over bands in the frequency domain.
        q_spec = np.fft.rfft(centred, n=size, axis=0)
        numerator = np.fft.irfft((spectrum * np.conj(q_spec)).sum(axis=1), n=size)[:offsets]
        sums, squares = cumulative
        window_sum = sums[n:n + offsets] - sums[:offsets]
        window_sq = squares[n:n + offsets] - squares[:offsets]
        variance = np.clip(window_sq - window_sum ** 2 / n, 0.0, None).sum(axis=1)
        scores = numerator / (norm * np.sqrt(variance) + 1e-9)
        best = int(np.argmax(scores))
        tail = _correlation(query[-TAIL_FRAMES:], padded[best + n - TAIL_FRAMES: best + n]) \
            if n >= TAIL_FRAMES else float(scores[best])
        return Match(self.label, float(scores[best]), tail, best - LEAD_FRAMES)


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    denom = float(np.sqrt(np.sum(a ** 2) * np.sum(b ** 2)))
    return float(np.sum(a * b) / denom) if denom > 1e-9 else 0.0
