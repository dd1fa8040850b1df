"""QC listens before judging (DOMAIN rule 3; issue 16, item 3).

A QC verdict on an agree call stands on the recording: the officer must have heard most of
it (the site's `qc.min_listened_percent`, 80 by default), or write why they could not (no
recording, a damaged file, a call they judged from another source).  `HeardTime` counts what
was really heard while a recording plays: only time the playhead moved through at playing
speed, so seeking to the end counts nothing and hearing one part twice counts once.  The rule
itself is `listening_refusal`.  Plain Python: no Qt, no files.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.text import Text

DEFAULT_MIN_PERCENT = 80.0
MIN_REASON_CHARACTERS = 10          # "-" or "ok" is not a reason a team leader can read later
_BUCKET_MS = 100
_MAX_STEP_MS = 1500                 # a playing player reports its position several times a second


@dataclass(frozen=True)
class Listening:
    """What the officer says about the recording with a verdict."""

    heard_seconds: float = 0.0       # distinct seconds of the recording heard (HeardTime)
    reason: str = ""                 # why the recording was not (fully) heard


class HeardTime:
    """The parts of one recording heard so far, in 0.1-second steps."""

    def __init__(self) -> None:
        self._heard: set[int] = set()
        self._last_ms: int | None = None

    def jumped(self, position_ms: int) -> None:
        """The playhead was moved (a seek, a new recording): nothing heard in between."""
        self._last_ms = int(position_ms)

    def played(self, position_ms: int, rate: float = 1.0) -> None:
        """The playing player reports its position; a step no longer than playing takes counts."""
        position_ms = int(position_ms)
        last, self._last_ms = self._last_ms, position_ms
        if last is None or position_ms <= last or position_ms - last > _MAX_STEP_MS * max(rate, 1.0):
            return
        self._heard.update(range(last // _BUCKET_MS, -(-position_ms // _BUCKET_MS)))

    @property
    def seconds(self) -> float:
        return len(self._heard) * _BUCKET_MS / 1000.0

    def clear(self) -> None:
        self._heard.clear()
        self._last_ms = None


def heard_fraction(heard_seconds: float, recording_seconds: float | None) -> float | None:
    if not recording_seconds or recording_seconds <= 0:
        return None
    return min(max(heard_seconds, 0.0) / recording_seconds, 1.0)


def listening_refusal(listening: Listening | None, recording_seconds: float | None,
                      min_percent: float = DEFAULT_MIN_PERCENT) -> Text | None:
    """Why a verdict may not be given yet (None: it may).  `recording_seconds` is the length of
    the call's recording, None when there is none to hear."""
    listening = listening or Listening()
    reason = listening.reason.strip()
    if len(reason) >= MIN_REASON_CHARACTERS:
        return None
    if reason:
        return Text(f"Alasan tidak mendengarkan terlalu singkat: tulis minimal {MIN_REASON_CHARACTERS} karakter.",
                    f"The reason for not listening is too short: write at least {MIN_REASON_CHARACTERS} "
                    "characters.")
    fraction = heard_fraction(listening.heard_seconds, recording_seconds)
    if fraction is None:
        return Text("Panggilan ini tidak punya rekaman yang dapat didengar: tulis alasan penilaian tanpa "
                    "mendengarkan.",
                    "This call has no recording that can be heard: write why you judge it without listening.")
    needed = max(0.0, min(float(min_percent), 100.0))
    if fraction * 100.0 + 1e-9 < needed:
        heard = round(fraction * 100)
        return Text(f"Baru {heard}% rekaman yang didengarkan; dengarkan minimal {needed:g}% atau tulis alasan "
                    "tidak mendengarkan.",
                    f"Only {heard}% of the recording was heard; listen to at least {needed:g}% or write why you "
                    "did not.")
    return None
