"""Which call-progress tone is playing: 425 Hz cadences (ringback, busy, congestion) and SIT triplets.

`ToneTracker` labels each analysis frame (`tone` = the plan's 425 Hz, `sit0..2` = the
three SIT bands, or nothing), turns the labels into debounced segments and reads the
cadence from them.  A tone that was already playing when the media started is
"clipped": its length is only a lower bound, so it never decides busy or congestion
alone.  It answers with the tone class, its confidence and when it became sure; it
knows nothing about speech, announcements or pjsua2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.telephony.progress.frames import HOP_SECONDS, FrameBatch
from app.telephony.progress.tone_plan import INDONESIA, Cadence, TonePlan

MIN_TONALITY = 0.8              # a pure tone holds ~1.0 of its frame's energy; speech rarely above 0.8
MIN_LEVEL_DB = -55.0
NONE, TONE, SIT0 = 0, 1, 2      # frame labels; SIT0 + k is the k-th SIT band
_BRIDGE = 2                     # frames of another label inside a segment that do not break it
_SHORTEST = 5                   # frames (80 ms): shorter runs are noise or speech, not a tone
_LOOK_BACK = int(8.0 / HOP_SECONDS)     # frames: more than one ringback cycle
_CLIPPED_SHORTEST = 0.1         # seconds of a burst cut by the media start that still count


@dataclass(frozen=True)
class Segment:
    label: int
    start: int                  # frame index
    end: int                    # one past the last frame
    clipped: bool               # began with the media: its real start is unknown

    @property
    def seconds(self) -> float:
        return (self.end - self.start) * HOP_SECONDS


@dataclass(frozen=True)
class ToneFinding:
    kind: str                   # ringback | busy | congestion | sit
    confidence: float


def frame_labels(batch: FrameBatch, plan: TonePlan = INDONESIA) -> np.ndarray:
    tonal = (batch.tonality >= MIN_TONALITY) & (batch.level_db >= MIN_LEVEL_DB)
    labels = np.where(tonal & (np.abs(batch.tone_hz - plan.frequency) <= plan.frequency_tolerance), TONE, NONE)
    for k, (low, high) in enumerate(plan.sit_bands):
        labels = np.where(tonal & (batch.tone_hz >= low) & (batch.tone_hz <= high), SIT0 + k, labels)
    return labels.astype(np.int8)


def segments(labels: np.ndarray, offset: int = 0) -> list[Segment]:
    """Runs of one label, bridging gaps of up to _BRIDGE frames, at least _SHORTEST long.

    `labels` may be the tail of the call's labels; `offset` is the index of its first frame.
    """
    runs: list[list[int]] = []          # [label, start, end]
    if len(labels) == 0:
        return []
    change = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], change]) + offset
    ends = np.concatenate([change, [len(labels)]]) + offset
    for start, end in zip(starts, ends):
        label = int(labels[start - offset])
        if label == NONE:
            continue
        if runs and runs[-1][0] == label and start - runs[-1][2] <= _BRIDGE:
            runs[-1][2] = int(end)
        else:
            runs.append([label, int(start), int(end)])
    # A run that starts the window is cut off (the media started, or the window did).
    return [Segment(label, start, end, clipped=start <= offset + 1)
            for label, start, end in runs if end - start >= _SHORTEST]


class ToneTracker:
    def __init__(self, plan: TonePlan = INDONESIA) -> None:
        self.plan = plan
        self._labels = np.zeros(0, dtype=np.int8)
        self._last_tone = np.zeros(0, dtype=np.int64)     # per frame: the last tone frame so far, or -1

    @property
    def labels(self) -> np.ndarray:
        return self._labels

    def push(self, batch: FrameBatch) -> np.ndarray:
        new = frame_labels(batch, self.plan)
        first = len(self._labels)
        previous = int(self._last_tone[-1]) if first else -1
        hits = np.where(new != NONE, np.arange(first, first + len(new)), -1)
        self._last_tone = np.concatenate([self._last_tone, np.maximum.accumulate(np.maximum(hits, previous))])
        self._labels = np.concatenate([self._labels, new])
        return new

    def last_tone_frame(self, now: int | None = None) -> int | None:
        """The last tone frame before `now` (default: all frames), or None."""
        now = len(self._labels) if now is None else now
        last = int(self._last_tone[now - 1]) if now > 0 else -1
        return None if last < 0 else last

    def finding(self, now: int | None = None) -> ToneFinding | None:
        """The tone class the frames up to `now` (default: all) show, or None."""
        now = len(self._labels) if now is None else now
        first = max(0, now - _LOOK_BACK)
        segs = segments(self._labels[first:now], first)
        sit = self._sit(segs, now)
        if sit is not None:
            return sit
        tones = [s for s in segs if s.label == TONE]
        return self._cadence(tones, now)

    def _sit(self, segs: list[Segment], now: int) -> ToneFinding | None:
        low, high = self.plan.sit_tone_range
        max_gap = int(round(0.1 / HOP_SECONDS))
        for i in range(len(segs)):
            run = segs[i:i + 3]
            labels = [s.label for s in run]
            if labels[:2] == [SIT0 + 1, SIT0 + 2] and run[0].clipped:
                run = run[:2]               # the first tone played before the media started
            elif labels != [SIT0, SIT0 + 1, SIT0 + 2]:
                continue
            gaps_ok = all(b.start - a.end <= max_gap for a, b in zip(run, run[1:]))
            # The last tone counts as soon as it has lasted long enough (it may still be playing).
            lengths_ok = all(s.clipped or low <= s.seconds <= high for s in run)
            if gaps_ok and lengths_ok:
                return ToneFinding("sit", 0.95 if len(run) == 3 else 0.88)
        return None

    def _cadence(self, tones: list[Segment], now: int) -> ToneFinding | None:
        plan = self.plan
        for cadence in (plan.congestion, plan.busy):
            cycles, clipped = _cycles(tones, cadence)
            if cycles:
                return ToneFinding(cadence.name, 0.97 if cycles >= 2 else 0.88 if clipped else 0.9)
        ring = plan.ringback
        for i, seg in enumerate(tones):
            if now - seg.end < _SHORTEST:
                continue                    # still playing (or only just stopped)
            following = tones[i + 1] if i + 1 < len(tones) else None
            off = ((following.start if following else now) - seg.end) * HOP_SECONDS
            if following is not None and ring.off_range[0] <= off <= ring.off_range[1] \
                    and seg.seconds <= ring.on_range[1]:
                return ToneFinding("ringback", 0.97)
            if following is not None:
                continue
            # A tone longer than any busy or congestion burst, but not a continuous (dial) tone.
            if ring.on_range[0] <= seg.seconds <= ring.on_range[1]:
                return ToneFinding("ringback", 0.88)
            # Cut by the media start: a pause longer than any busy or congestion pause says ringback.
            if seg.clipped and _CLIPPED_SHORTEST <= seg.seconds <= ring.on_range[1] \
                    and off > plan.busy.off_range[1] + 0.05:
                return ToneFinding("ringback", 0.86)
        return None


def _cycles(tones: list[Segment], cadence: Cadence) -> tuple[int, bool]:
    """(the longest run of on/off cycles of this cadence, whether that run began clipped).

    A cycle counts once the next tone has begun.  A clipped first burst is only a lower
    bound of its length, so it may be shorter than the cadence's; the pause after it
    still tells busy (0.5 s) from congestion (0.25 s) from ringback (4 s).
    """
    best, best_clipped, count, clipped = 0, False, 0, False
    for a, b in zip(tones, tones[1:]):
        off = (b.start - a.end) * HOP_SECONDS
        on_ok = cadence.on_range[0] <= a.seconds <= cadence.on_range[1] or \
            (a.clipped and _CLIPPED_SHORTEST <= a.seconds <= cadence.on_range[1])
        if on_ok and cadence.off_range[0] <= off <= cadence.off_range[1]:
            clipped = a.clipped if count == 0 else clipped
            count += 1
            if count > best or (count == best and not clipped):
                best, best_clipped = count, clipped
        else:
            count = 0
    return best, best_clipped
