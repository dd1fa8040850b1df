#!/usr/bin/env python3
"""Build the starter announcement library and the demo's live-speech prompt with espeak-ng and sox.

Writes app/resources/announcements/ (one 8 kHz mono 16-bit WAV per announcement plus
manifest.json: label, reason code, file, text) and app/resources/samples/live_speech.wav
(what the demo simulator's "live person" says).  The output is committed, so neither the
app nor its tests need espeak at run time; run this again only to change the texts.
Needs the Debian packages `espeak-ng` (its Indonesian voice, `-v id`) and `sox`.
It must not be imported by the application.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "app" / "resources" / "announcements"
LIVE_SPEECH = ROOT / "app" / "resources" / "samples" / "live_speech.wav"

# What Indonesian networks say to an unreachable number, as the operators phrase it.  Four of
# them start with the same words, as the real ones do: the classifier must wait for the part
# that tells them apart.  The reason is the code the wrap-up form pre-selects.
STARTER = (
    ("tidak_aktif", "NC-INA",
     "Nomor yang Anda tuju tidak aktif. Mohon periksa kembali nomor tujuan Anda."),
    ("luar_jangkauan", "NC-RNA",
     "Nomor yang Anda tuju sedang berada di luar jangkauan. Cobalah beberapa saat lagi."),
    ("tidak_dapat_dihubungi", "NC-RNA",
     "Nomor yang Anda tuju tidak dapat dihubungi. Silakan coba beberapa saat lagi."),
    ("sedang_sibuk", "NC-BSY",
     "Nomor yang Anda tuju sedang sibuk. Silakan hubungi kembali beberapa saat lagi."),
    ("tidak_terdaftar", "NC-INA",
     "Maaf, nomor yang Anda hubungi tidak terdaftar."),
    ("kotak_suara", "NC-MBX",
     "Panggilan Anda akan dialihkan ke kotak suara. Silakan tinggalkan pesan setelah nada berikut."),
)
LIVE_TEXT = "Halo, selamat siang. Iya, dengan saya sendiri. Ini dari mana ya?"

# The operators' recordings are a calm announcer's voice; the demo's customer a different one.
ANNOUNCER = ("-v", "id", "-s", "145", "-p", "45")
CUSTOMER = ("-v", "id+Andy", "-s", "170", "-p", "60")


def render(text: str, voice: tuple[str, ...], out: Path) -> Path:
    """espeak-ng -> telephone band, 8 kHz mono 16-bit, peak -3 dBFS, edges trimmed (no dither: reproducible)."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(["espeak-ng", *voice, "-w", str(raw), text], check=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["sox", "-D", str(raw), "-r", "8000", "-c", "1", "-b", "16", str(out),
                        "gain", "-6", "highpass", "300", "lowpass", "3400", "gain", "-n", "-3",
                        "silence", "1", "0.02", "-45d", "reverse", "silence", "1", "0.02", "-45d", "reverse"],
                       check=True)
    return out


def main() -> int:
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        print(f"missing: {', '.join(missing)} (Debian: apt-get install espeak-ng sox)", file=sys.stderr)
        return 2
    LIBRARY.mkdir(parents=True, exist_ok=True)
    for old in LIBRARY.glob("*.wav"):
        old.unlink()
    entries = []
    for label, reason, text in STARTER:
        render(text, ANNOUNCER, LIBRARY / f"{label}.wav")
        entries.append({"label": label, "reason": reason, "file": f"{label}.wav", "text": text})
        print(f"{label}: {text}")
    manifest = {"format": 1, "announcements": entries}
    (LIBRARY / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    render(LIVE_TEXT, CUSTOMER, LIVE_SPEECH)
    print(f"live speech: {LIVE_TEXT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
