"""Call-progress classification of one call's audio, fed as it arrives: tones, silence, speech, announcements.

`ProgressClassifier.feed(samples)` takes the call's 8 kHz audio in chunks of any size
(from the first media packet on) and returns the `ProgressVerdict`s that became
confident in that chunk: one each time the class changes (ringback then busy; SIT
then the announcement behind it).  Tones are read from their cadence
(app.telephony.progress.cadence); voice is compared with the site's announcement
library (app.telephony.progress.fingerprint) and called `speech` when it matches none.
Speech is never taken for an announcement on a guess: a recording must match well,
over its last 0.8 s as well as from the start, and clearly better than every other
recording; anything voiced that does not is speech, and speech ends the analysis
(it is never cut off).  Plain numpy: no pjsua2, no threads, so it can be tested and
measured alone.  It does not hang up or store anything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from app.domain.call_progress import REASON_BY_KIND
from app.telephony.events import ProgressVerdict
from app.telephony.progress.cadence import NONE, ToneTracker
from app.telephony.progress.fingerprint import Match, floor_clamped, frames_from_bands
from app.telephony.progress.frames import BANDS, HOP_SECONDS, RATE, WINDOW, FrameAnalyser
from app.telephony.progress.library import KnownAnnouncement
from app.telephony.progress.tone_plan import INDONESIA, TonePlan


@dataclass(frozen=True)
class Thresholds:
    """Decision rules; the benchmark (benchmarks/bench_cpa.py) measured them on held-out calls."""

    min_confidence: float = 0.85        # verdicts below this are not reported
    active_over_floor_db: float = 6.0   # a frame is "voiced" this far above the line's noise floor
    quietest_voice_db: float = -55.0
    silence_after: float = 3.0          # seconds of media with nothing voiced and no tone
    silence_after_tone: float = 5.6     # ... counted from the last tone (longer than a ringback pause)
    query_gap: float = 1.2              # a pause this long starts a new utterance
    match_every: float = 0.2            # seconds of audio between two library look-ups
    announcement_min_voice: float = 1.4 # seconds since the utterance began
    announcement_score: float = 0.85    # whole-query correlation with the recording
    announcement_tail: float = 0.75     # correlation of the last 0.8 s (still on the recording?)
    announcement_margin: float = 0.12   # ahead of the best recording with another label ...
    early_margin: float = 0.04          # ... or this much, when its last 0.8 s is clearly
    tail_margin: float = 0.25           # better matched than the other's (just after a shared opening)
    speech_after: float = 1.5           # voiced seconds that match nothing ...
    speech_unlike: float = 0.65         # ... better than this are speech
    speech_latest: float = 3.2          # voiced seconds after which unmatched audio is speech
    utterance: float = 0.3              # "Halo?" then a pause: a person, unless it matched a recording
    utterance_pause: float = 0.8
    sit_waits_for_announcement: float = 10.0
    max_seconds: float = 60.0


TERMINAL = frozenset({"busy", "congestion", "speech", "announcement"})
_ONSET_FRAMES = 3
_IDLE_LINE_DB = -72.0               # G.711's quietest code, as heard
_AFTER_TONE_FRAMES = 6              # ~0.1 s after a tone frame
_FALSE_START_GAP = int(0.4 / HOP_SECONDS)
_LATER_ONSETS = int(0.8 / HOP_SECONDS)


class ProgressClassifier:
    def __init__(self, library: list[KnownAnnouncement] | None = None, plan: TonePlan = INDONESIA,
                 thresholds: Thresholds = Thresholds(), call_id: str = "") -> None:
        self.library = list(library or [])
        self.t = thresholds
        self.call_id = call_id
        self._analyser = FrameAnalyser()
        self._tones = ToneTracker(plan)
        self._level = np.zeros(0)
        self._active = np.zeros(0, dtype=bool)
        self._bands = np.zeros((0, BANDS))
        self._query_start: int | None = None
        self._onsets: list[int] = []        # where the current utterance may really begin
        self._last_active: int | None = None
        self._next_match = 0
        self._sit_frame: int | None = None
        self._paused_checked = False
        self.current: ProgressVerdict | None = None
        self.done = False

    # ------------------------------------------------------------------ feeding
    @property
    def seconds(self) -> float:
        """Audio time analysed so far (to the end of the last complete frame)."""
        return self._frames_to_seconds(len(self._level))

    @staticmethod
    def _frames_to_seconds(frames: int) -> float:
        return 0.0 if frames == 0 else ((frames - 1) * HOP_SECONDS + WINDOW / RATE)

    def feed(self, samples: np.ndarray) -> list[ProgressVerdict]:
        if self.done:
            return []
        batch = self._analyser.push(samples)
        if len(batch) == 0:
            return []
        labels = self._tones.push(batch)
        first = len(self._level)
        voiced = self._voiced(batch.level_db, labels)
        self._level = np.concatenate([self._level, batch.level_db])
        self._bands = np.vstack([self._bands, batch.bands_db])
        self._active = np.concatenate([self._active, voiced])
        out: list[ProgressVerdict] = []
        for frame in range(first, len(self._level)):
            self._track_utterance(frame)
            found = self._decide(frame)
            if found is not None:
                out.append(found)
            if self.done:
                break
        if self.seconds >= self.t.max_seconds:
            self.done = True
        return out

    def _voiced(self, level_db: np.ndarray, labels: np.ndarray) -> np.ndarray:
        # The noise floor: the quiet end of the last 3 s of non-tone frames (line hiss, comfort
        # noise).  Digital zeros (a jitter buffer's first empty frames) count as G.711's own
        # idle level, not as a floor so low that any hiss would look like a voice.
        recent = self._level[-int(3.0 / HOP_SECONDS):]
        recent_labels = self._tones.labels[len(self._level) - len(recent):len(self._level)]
        pool = np.concatenate([recent[recent_labels == NONE], level_db[labels == NONE]])
        pool = np.maximum(pool, _IDLE_LINE_DB)
        floor = float(np.percentile(pool, 10)) if len(pool) else -90.0
        threshold = max(self.t.quietest_voice_db, floor + self.t.active_over_floor_db)
        return (level_db > threshold) & (labels == NONE)

    def _track_utterance(self, frame: int) -> None:
        if not self._active[frame]:
            return
        last_tone = self._tones.last_tone_frame(frame + 1)
        if last_tone is not None and frame - last_tone <= _AFTER_TONE_FRAMES:
            return                      # the fading edge of a tone, not a voice
        # An utterance begins with a few voiced frames in a row: a lone loud frame is line noise.
        onset = frame - _ONSET_FRAMES + 1
        if onset < 0 or not self._active[onset:frame + 1].all():
            # Inside an utterance a lone voiced frame continues it; elsewhere it is noise.
            if self._query_start is not None and frame - (self._last_active or 0) <= _ONSET_FRAMES:
                self._last_active = frame
            return
        start, last = self._query_start, self._last_active or 0
        gap = int(self.t.query_gap / HOP_SECONDS)
        # A click or a tone's edge followed by a pause is not the start of what follows it.
        false_start = start is not None and onset - last > _FALSE_START_GAP and \
            np.count_nonzero(self._active[start:last + 1]) * HOP_SECONDS < self.t.utterance
        if start is None or onset - last > gap or false_start:
            self._query_start = onset
            self._onsets = [onset]
            self._next_match = onset + int(self.t.announcement_min_voice / HOP_SECONDS)
            self._paused_checked = False
        elif (onset == 0 or not self._active[onset - 1]) and onset - self._onsets[0] <= _LATER_ONSETS \
                and len(self._onsets) < 3:
            # Line noise may have opened the utterance a little early: the recording may also
            # start at one of the next onsets (matched from each, the best taken).
            self._onsets.append(onset)
        self._last_active = frame

    # ---------------------------------------------------------------- deciding
    def _decide(self, frame: int) -> ProgressVerdict | None:
        now = frame + 1
        # A cadence becomes clear while a tone plays or just after one ends; looking only
        # then keeps an old ringback from being reported again once the line went quiet.
        tone = self._tones.finding(now) if self._tone_nearby(now) else None
        if tone is not None:
            if tone.kind == "sit" and self._sit_frame is None:
                self._sit_frame = now
            found = self._report(tone.kind, tone.confidence, now)
            if found is not None:
                return found
        if self._sit_frame is not None and self.current is not None and self.current.kind == "sit" \
                and (now - self._sit_frame) * HOP_SECONDS > self.t.sit_waits_for_announcement:
            self.done = True
            return None
        voice = self._voice(now)
        if voice is not None:
            return voice
        return self._silence(now)

    def _tone_nearby(self, now: int) -> bool:
        last = self._tones.last_tone_frame(now)
        return last is not None and (now - 1 - last) * HOP_SECONDS <= 0.85

    def _voice(self, now: int) -> ProgressVerdict | None:
        start = self._query_start
        if start is None:
            return None
        last = self._last_active if self._last_active is not None else start
        voiced = float(np.count_nonzero(self._active[start:now])) * HOP_SECONDS
        pause = (now - 1 - last) * HOP_SECONDS
        if voiced >= self.t.utterance and pause >= self.t.utterance_pause and not self._paused_checked:
            # An utterance ended without a confident match: a person, unless it resembles a recording.
            self._paused_checked = True
            matches = self._best_matches(last + 1)
            if not matches or matches[0].score < self.t.speech_unlike:
                return self._report("speech", 0.9, now)
            return None
        if pause == 0:
            self._paused_checked = False
        if now < self._next_match:
            return None
        self._next_match = now + max(1, int(self.t.match_every / HOP_SECONDS))
        matches = self._best_matches(now)
        best_score = matches[0].score if matches else -1.0
        if matches:
            verdict = self._announcement(matches, now)
            if verdict is not None or self.done:
                return verdict
        if voiced >= self.t.speech_after and best_score < self.t.speech_unlike:
            return self._report("speech", 0.97 if best_score < 0.5 else 0.92, now)
        if voiced >= self.t.speech_latest:
            return self._report("speech", 0.88, now)
        return None

    def _announcement(self, matches: list[Match], now: int) -> ProgressVerdict | None:
        best = matches[0]
        rival = next((m for m in matches[1:] if m.label != best.label), None)
        margin = best.score - (rival.score if rival else -1.0)
        tail_margin = best.tail - (rival.tail if rival else -1.0)
        if best.score < self.t.announcement_score or best.tail < self.t.announcement_tail:
            return None
        if margin < self.t.announcement_margin and not (
                margin >= self.t.early_margin and tail_margin >= self.t.tail_margin):
            return None
        confidence = min(0.99, 0.8 + 0.5 * max(margin, tail_margin / 2)
                         + 0.3 * (best.score - self.t.announcement_score))
        return self._report("announcement", confidence, now, label=best.label)

    def _best_matches(self, end: int) -> list[Match]:
        """Every recording's match, best first, for the utterance's most likely start."""
        if not self.library or not self._onsets:
            return []
        shortest = int(self.t.announcement_min_voice / HOP_SECONDS)
        best: list[Match] = []
        for i, start in enumerate(self._onsets):
            if i and end - start < shortest:
                break
            query = floor_clamped(frames_from_bands(self._bands[start:end]))
            if len(query) < 2:
                continue
            matches = sorted((known.reference.match(query) for known in self.library), key=lambda m: -m.score)
            if not best or matches[0].score > best[0].score:
                best = matches
        return best

    def _silence(self, now: int) -> ProgressVerdict | None:
        seconds = self._frames_to_seconds(now)
        last_tone = self._tones.last_tone_frame(now)
        quiet_since = 0 if last_tone is None else last_tone + 1
        wait = self.t.silence_after if last_tone is None else self.t.silence_after_tone
        quiet = (now - quiet_since) * HOP_SECONDS
        if quiet < wait:
            return None
        window = self._active[max(quiet_since, now - int(wait / HOP_SECONDS)):now]
        if np.count_nonzero(window) * HOP_SECONDS > 0.15:
            return None
        confidence = 0.9 if seconds < 2 * self.t.silence_after else 0.97
        return self._report("silence", confidence, now)

    # ---------------------------------------------------------------- verdicts
    def _report(self, kind: str, confidence: float, now: int, label: str = "") -> ProgressVerdict | None:
        """A new verdict when the class changed, else None (a higher confidence is kept quietly)."""
        if confidence < self.t.min_confidence:
            return None
        current = self.current
        if kind in TERMINAL:
            self.done = True
        if current is not None and current.kind == kind and current.label == label:
            if confidence > current.confidence:
                self.current = _with_confidence(current, confidence)
            return None
        reason = self._reason(kind, label)
        self.current = ProgressVerdict(kind=kind, confidence=round(confidence, 2),  # type: ignore[arg-type]
                                       seconds_from_first_media=round(self._frames_to_seconds(now), 3),
                                       label=label, suggested_reason=reason, call_id=self.call_id)
        return self.current

    def _reason(self, kind: str, label: str) -> str:
        if kind == "announcement":
            return next((k.entry.reason for k in self.library if k.entry.label == label), "")
        return REASON_BY_KIND.get(kind, "")


def _with_confidence(verdict: ProgressVerdict, confidence: float) -> ProgressVerdict:
    return replace(verdict, confidence=round(confidence, 2))
