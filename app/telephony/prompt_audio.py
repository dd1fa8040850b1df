"""Voice-like test audio: writes a short WAV prompt and measures a WAV's loudness.

Used by the demo customer simulator (its greeting) and by tests and the CLI to play
something audible into a call when there is no microphone.  Pure standard library
(`wave`, `math`); it does not touch pjsua2.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 8000


def write_prompt(path: Path, seconds: float = 2.0, rate: int = RATE) -> Path:
    """A mono 16-bit WAV of syllable-like tone bursts (200 ms voiced, 80 ms gaps)."""
    frames = bytearray()
    total = int(seconds * rate)
    for n in range(total):
        t = n / rate
        syllable = int(t / 0.28)
        in_voice = (t % 0.28) < 0.2
        pitch = 140 + 40 * ((syllable * 7) % 5)       # a wandering "voice" pitch
        env = math.sin(math.pi * ((t % 0.28) / 0.2)) if in_voice else 0.0
        sample = env * (0.5 * math.sin(2 * math.pi * pitch * t)
                        + 0.3 * math.sin(2 * math.pi * 2 * pitch * t)
                        + 0.2 * math.sin(2 * math.pi * 3.1 * pitch * t))
        frames += struct.pack("<h", int(sample * 12000))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


def wav_rms(path: Path) -> float:
    """Root-mean-square of a 16-bit WAV's samples (0 = silence, 32767 = full scale)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError("only 16-bit WAV files are measured")
        data = wav.readframes(wav.getnframes())
    count = len(data) // 2
    if count == 0:
        return 0.0
    samples = struct.unpack(f"<{count}h", data[: count * 2])
    return math.sqrt(sum(s * s for s in samples) / count)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())
