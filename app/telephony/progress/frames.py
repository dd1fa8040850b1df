"""Short-time analysis of 8 kHz call audio: loudness, the dominant tone and band energies per frame.

`FrameAnalyser` takes 16-bit samples in chunks of any size and returns, for every
complete 32 ms Hann window (a new one every 16 ms), the frame's level in dBFS, its
dominant tone between 300 and 2000 Hz with how much of the frame's energy that tone
holds (1.0 = a pure tone), and 16 mel-spaced band energies from 300 to 3400 Hz (the
fingerprint's raw material).  One FFT per batch of frames, vectorised with numpy.
It keeps no history beyond one window and knows nothing of classes or pjsua2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 8000
WINDOW = 256                    # 32 ms
HOP = 128                       # 16 ms
HOP_SECONDS = HOP / RATE
BANDS = 16
_BIN_HZ = RATE / WINDOW
_FULL_SCALE = 32768.0 ** 2
_TONE_LOW, _TONE_HIGH = int(300 / _BIN_HZ), int(2000 / _BIN_HZ) + 1
_VOICE_LOW, _VOICE_HIGH = int(200 / _BIN_HZ), int(3600 / _BIN_HZ) + 1
_TONE_SPREAD = 3                # bins either side of the peak that belong to one tone (Hann main lobe + margin)


def _mel(hz: np.ndarray | float) -> np.ndarray | float:
    return 2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0)


def _filterbank(bands: int = BANDS, low: float = 300.0, high: float = 3400.0) -> np.ndarray:
    """Triangular mel filters, shape (WINDOW // 2 + 1, bands)."""
    edges_mel = np.linspace(_mel(low), _mel(high), bands + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    freqs = np.arange(WINDOW // 2 + 1) * _BIN_HZ
    bank = np.zeros((len(freqs), bands))
    for b in range(bands):
        left, centre, right = edges[b], edges[b + 1], edges[b + 2]
        rising = (freqs - left) / (centre - left)
        falling = (right - freqs) / (right - centre)
        bank[:, b] = np.clip(np.minimum(rising, falling), 0.0, None)
    return bank


_HANN = np.hanning(WINDOW + 1)[:-1]
_BANK = _filterbank()
_WINDOW_POWER = float(np.sum(_HANN ** 2))


@dataclass(frozen=True)
class FrameBatch:
    """Consecutive frames; frame i of the call ends at (first + i) * HOP + WINDOW samples."""

    first: int                  # index of the first frame since the start of the audio
    level_db: np.ndarray        # dBFS of the windowed frame (a full-scale sine is about -3)
    tone_hz: np.ndarray         # the dominant tone's frequency, 300..2000 Hz
    tonality: np.ndarray        # the share of the 200-3600 Hz energy within that tone (0..1)
    bands_db: np.ndarray        # (frames, BANDS) band energies in dB

    def __len__(self) -> int:
        return len(self.level_db)


class FrameAnalyser:
    def __init__(self) -> None:
        self._pending = np.zeros(0, dtype=np.float64)
        self._next = 0

    def push(self, samples: np.ndarray) -> FrameBatch:
        data = np.concatenate([self._pending, np.asarray(samples, dtype=np.float64)])
        count = 0 if len(data) < WINDOW else 1 + (len(data) - WINDOW) // HOP
        first = self._next
        self._next += count
        self._pending = data[count * HOP:]
        if count == 0:
            empty = np.zeros(0)
            return FrameBatch(first, empty, empty, empty, np.zeros((0, BANDS)))
        frames = np.lib.stride_tricks.sliding_window_view(data, WINDOW)[::HOP][:count]
        return analyse(frames, first)


def analyse(frames: np.ndarray, first: int = 0) -> FrameBatch:
    """The features of a (n, WINDOW) array of raw 16-bit-scale frames."""
    spectrum = np.abs(np.fft.rfft(frames * _HANN, axis=1)) ** 2
    power = spectrum.sum(axis=1) / (_WINDOW_POWER * WINDOW / 2)
    level_db = 10 * np.log10(power / _FULL_SCALE + 1e-12)
    voice_band = spectrum[:, _VOICE_LOW:_VOICE_HIGH].sum(axis=1) + 1e-9
    search = spectrum[:, _TONE_LOW:_TONE_HIGH]
    peak = np.argmax(search, axis=1) + _TONE_LOW
    rows = np.arange(len(frames))
    cumulative = np.concatenate([np.zeros((len(frames), 1)), np.cumsum(spectrum, axis=1)], axis=1)
    lo = np.clip(peak - _TONE_SPREAD, 0, spectrum.shape[1])
    hi = np.clip(peak + _TONE_SPREAD + 1, 0, spectrum.shape[1])
    tonality = (cumulative[rows, hi] - cumulative[rows, lo]) / voice_band
    # Parabolic interpolation on the log spectrum: a bin is 31 Hz, the plan's tolerance 30 Hz.
    left = np.log(spectrum[rows, peak - 1] + 1e-9)
    mid = np.log(spectrum[rows, peak] + 1e-9)
    right = np.log(spectrum[rows, np.minimum(peak + 1, spectrum.shape[1] - 1)] + 1e-9)
    denom = left - 2 * mid + right
    shift = np.where(np.abs(denom) > 1e-9, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0)
    tone_hz = (peak + np.clip(shift, -0.5, 0.5)) * _BIN_HZ
    bands_db = 10 * np.log10(spectrum @ _BANK / _FULL_SCALE + 1e-12)
    return FrameBatch(first, level_db, tone_hz, np.minimum(tonality, 1.0), bands_db)
