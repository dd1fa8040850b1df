"""The demo simulator's in-band numbers: what the line plays before (or instead of) a person.

Numbers whose national form starts with 0888 (no demo customer has one) answer with
early media after 183 Session Progress, or with media after 200 OK, the way Indonesian
networks do; the LAST TWO DIGITS choose what plays:

======  ========================================================================
1N      183 + starter announcement N (0 tidak_aktif, 1 luar_jangkauan,
        2 tidak_dapat_dihubungi, 3 sedang_sibuk, 4 tidak_terdaftar,
        5 kotak_suara), twice, then 480
2N      180, 200 OK + starter announcement N, twice, then BYE
30      183 + in-band ringback (one cycle) then busy tone, then 486
31      183 + in-band ringback until the caller gives up (CANCEL)
32      183 + busy tone, then 486
33      183 + congestion tone, then 503
40      183 + SIT then announcement 0 (tidak_aktif), twice, then 404
50      180, 200 OK + a live person ("Halo, selamat siang…"), until the caller hangs up
51      183 + silence, then 480
52      183 + in-band ringback, then 200 OK + the live person
======  ========================================================================

e.g. 0888-0000-0010 hears "Nomor yang Anda tuju tidak aktif" as early media.  The media
is written as WAVs once, at the simulator's start, from the starter library
(app/resources/announcements), the demo's live-speech sample and the tone plan.  A demo
and test peer only: the application itself must not import it.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.platform import paths
from app.telephony.progress import tone_plan
from app.telephony.progress.library import read_manifest, read_wav, starter_folder

PREFIX = "0888"
GAP = tone_plan.silence(0.6)
RATE = tone_plan.RATE


@dataclass(frozen=True)
class InbandScenario:
    name: str                   # the WAV played (see write_media)
    first: int                  # 183: early media at once; 180: rings, then 200
    answer_after: float | None  # seconds after the INVITE to send 200 OK (None: never)
    loop: bool                  # play the WAV again and again
    end_code: int | None        # how the customer's side ends the call (0 = BYE after answer)
    end_after: float | None     # ... this many seconds after the media started
    describe: str               # Indonesian, for the simulator's console
    after_answer: str = ""      # the WAV that replaces `name` once the call is answered


def national(digits: str) -> str:
    return "0" + digits[2:] if digits.startswith("62") else digits


def scenario(digits: str, media: dict[str, float]) -> InbandScenario | None:
    """The in-band scenario for a dialled number, or None when the last-digit table applies."""
    number = national(digits)
    if not number.startswith(PREFIX) or len(number) < 10:
        return None
    code = number[-2:]
    announcements = [name for name in media if name.startswith("ann_")]
    if code[0] in "12" and int(code[1]) < len(announcements):
        name = announcements[int(code[1])]
        label = name[4:]
        if code[0] == "1":
            return InbandScenario(name, 183, None, False, 480, media[name] + 0.3, f"183 + pengumuman {label}")
        return InbandScenario(name, 180, 1.0, False, 0, media[name] + 0.3, f"200 + pengumuman {label}")
    table = {
        "30": InbandScenario("ringback_busy", 183, None, False, 486, media.get("ringback_busy", 0) + 0.2,
                             "183 + nada sambung lalu nada sibuk"),
        "31": InbandScenario("ringback", 183, None, True, None, None, "183 + nada sambung terus"),
        "32": InbandScenario("busy", 183, None, False, 486, media.get("busy", 0) + 0.2, "183 + nada sibuk"),
        "33": InbandScenario("congestion", 183, None, False, 503, media.get("congestion", 0) + 0.2,
                             "183 + nada jaringan sibuk"),
        "40": InbandScenario("sit_announcement", 183, None, False, 404, media.get("sit_announcement", 0) + 0.3,
                             "183 + SIT lalu pengumuman"),
        "50": InbandScenario("live_speech", 180, 1.0, True, None, None, "200 + orang berbicara"),
        "51": InbandScenario("silence", 183, None, False, 480, media.get("silence", 0) + 0.2, "183 + hening"),
        "52": InbandScenario("ringback", 183, 6.0, True, None, None, "183 + nada sambung, lalu 200 + orang",
                             after_answer="live_speech"),
    }
    return table.get(code)


def _write(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return path


def write_media(folder: Path) -> tuple[dict[str, Path], dict[str, float]]:
    """Every WAV the in-band numbers play, written into `folder`: (paths, seconds) by name."""
    plan = tone_plan.INDONESIA
    pcm = tone_plan.to_pcm16
    starter = starter_folder()
    clips: dict[str, np.ndarray] = {}
    for entry in read_manifest(starter):
        spoken = read_wav(starter / entry.file).astype(np.int32)
        clips[f"ann_{entry.label}"] = np.concatenate([spoken, pcm(GAP), spoken])
    first = read_wav(starter / read_manifest(starter)[0].file)
    clips["ringback_busy"] = pcm(np.concatenate([tone_plan.cadence(plan.ringback, 5.0),
                                                 tone_plan.cadence(plan.busy, 4.0)]))
    clips["ringback"] = pcm(tone_plan.cadence(plan.ringback, 5.0))
    clips["busy"] = pcm(tone_plan.cadence(plan.busy, 4.0))
    clips["congestion"] = pcm(tone_plan.cadence(plan.congestion, 3.0))
    sit = np.concatenate([pcm(tone_plan.sit(plan)), first])
    clips["sit_announcement"] = np.concatenate([sit, pcm(GAP), sit])
    clips["live_speech"] = np.concatenate([read_wav(paths.resource("samples", "live_speech.wav")),
                                           pcm(tone_plan.silence(1.5))])
    clips["silence"] = pcm(tone_plan.silence(6.0))
    folder.mkdir(parents=True, exist_ok=True)
    written = {name: _write(folder / f"{name}.wav", samples) for name, samples in clips.items()}
    seconds = {name: len(samples) / RATE for name, samples in clips.items()}
    return written, seconds
