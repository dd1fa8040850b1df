"""Reading the site's announcement library: a folder of WAV recordings and a manifest.

`manifest.json` lists each recording: `label` (one word, e.g. `tidak_aktif`), `reason`
(the reason code it implies), `file` (a WAV beside the manifest: 8 kHz mono 16-bit)
and optionally `text` (what it says, for the admin).  The folder is the site's
`cpa.library_dir` setting (else `<data dir>/announcements`) once an admin has changed the
library there; until then, the starter library shipped in app/resources/announcements.
Fingerprints are computed once per version of the folder and kept.  Changing the
library (add, remove) is app.core.announcements' job; this module reads, and knows the
formats: `convert_wav` turns an admin's recording into the library's WAV format and
`write_manifest` replaces the manifest in one step.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.domain.call_progress import is_valid_label
from app.domain.text import Text, TextError, text_of
from app.platform import paths
from app.telephony.progress.fingerprint import Reference, fingerprint

MANIFEST = "manifest.json"
RATE = 8000


class LibraryError(TextError, ValueError):
    """The library or one of its recordings cannot be read; the message says which."""


@dataclass(frozen=True)
class LibraryEntry:
    label: str
    reason: str
    file: str
    text: str = ""


@dataclass(frozen=True)
class KnownAnnouncement:
    entry: LibraryEntry
    reference: Reference


def starter_folder() -> Path:
    return paths.resource("announcements")


def site_folder() -> Path:
    """Where an admin's library lives when cpa.library_dir is not set."""
    return paths.data_dir() / "announcements"


def resolve_folder(configured: str = "") -> Path:
    """The library in use: the configured (or the site's own) folder once it holds a manifest,
    else the starter library (a site that has recorded nothing yet, or a share not mounted)."""
    own = Path(configured) if configured else site_folder()
    return own if (own / MANIFEST).exists() else starter_folder()


def read_manifest(folder: Path) -> list[LibraryEntry]:
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LibraryError(Text(f"Pustaka pengumuman tidak ditemukan: {path}",
                                  f"Announcement library not found: {path}")) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise LibraryError(Text(f"Manifes pustaka pengumuman {path} tidak dapat dibaca: {exc}",
                                  f"The announcement library's manifest {path} cannot be read: {exc}")) from exc
    entries = []
    for item in data.get("announcements", []):
        try:
            entry = LibraryEntry(str(item["label"]), str(item.get("reason", "")), str(item["file"]),
                                 str(item.get("text", "")))
        except (KeyError, TypeError) as exc:
            raise LibraryError(Text(f"Entri manifes {path} tidak lengkap: {item!r}",
                                      f"Incomplete entry in manifest {path}: {item!r}")) from exc
        if not is_valid_label(entry.label):
            raise LibraryError(Text(f"Label pengumuman tidak valid di {path}: {entry.label!r}",
                                      f"Invalid announcement label in {path}: {entry.label!r}"))
        entries.append(entry)
    return entries


def read_wav(path: Path) -> np.ndarray:
    """The samples of an 8 kHz mono 16-bit WAV (the library's own format)."""
    try:
        with wave.open(str(path), "rb") as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (RATE, 1, 2):
                raise LibraryError(Text(f"{path.name}: harus WAV 8 kHz mono 16-bit",
                                          f"{path.name}: must be an 8 kHz mono 16-bit WAV"))
            data = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise LibraryError(Text(f"Rekaman {path} tidak dapat dibaca: {exc}",
                                  f"Recording {path} cannot be read: {exc}")) from exc
    return np.frombuffer(data, dtype="<i2")


def convert_wav(source: Path) -> np.ndarray:
    """Any PCM WAV (8-32 bit, any rate, mono or stereo) as the library's 8 kHz mono 16-bit
    samples, with the silence before and after the sound trimmed."""
    try:
        with wave.open(str(source), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            data = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise LibraryError(Text(f"Berkas {Path(source).name} bukan WAV PCM yang dapat dibaca: {exc}",
                                  f"File {Path(source).name} is not a readable PCM WAV: {exc}")) from exc
    if width == 1:
        samples = (np.frombuffer(data, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    elif width == 2:
        samples = np.frombuffer(data, dtype="<i2").astype(np.float64)
    elif width == 3:
        raw = np.frombuffer(data, dtype=np.uint8).reshape(-1, 3)
        value = raw[:, 0].astype(np.int32) | (raw[:, 1].astype(np.int32) << 8) | (raw[:, 2].astype(np.int32) << 16)
        samples = np.where(value >= 1 << 23, value - (1 << 24), value).astype(np.float64) / 256.0
    elif width == 4:
        samples = np.frombuffer(data, dtype="<i4").astype(np.float64) / 65536.0
    else:
        raise LibraryError(Text(f"{Path(source).name}: lebar sampel {width * 8} bit tidak didukung",
                                  f"{Path(source).name}: {width * 8}-bit samples are not supported"))
    if channels > 1:
        samples = samples[: len(samples) // channels * channels].reshape(-1, channels).mean(axis=1)
    if rate != RATE:
        samples = _resample(samples, rate, RATE)
    return _trimmed(np.clip(np.round(samples), -32768, 32767).astype("<i2"))


def _resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limit to just under the new Nyquist frequency (in the FFT), then interpolate."""
    if len(samples) == 0:
        return samples
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(len(samples), 1.0 / rate)
    spectrum[freqs > 0.475 * target] = 0
    smooth = np.fft.irfft(spectrum, n=len(samples))
    count = int(len(samples) * target / rate)
    return np.interp(np.arange(count) * rate / target, np.arange(len(samples)), smooth)


def _trimmed(samples: np.ndarray, threshold_db: float = -45.0) -> np.ndarray:
    frame = RATE // 50
    count = len(samples) // frame
    if count == 0:
        return samples
    power = np.mean(samples[: count * frame].astype(np.float64).reshape(count, frame) ** 2, axis=1)
    loud = np.flatnonzero(10 * np.log10(power / 32768.0 ** 2 + 1e-12) > threshold_db)
    if len(loud) == 0:
        return samples[:0]
    return samples[loud[0] * frame: (loud[-1] + 1) * frame]


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.asarray(samples, dtype="<i2").tobytes())


def write_manifest(folder: Path, entries: list[LibraryEntry]) -> None:
    """Replace manifest.json in one step (a reader never sees half a file)."""
    doc = {"format": 1, "announcements": [
        {"label": e.label, "reason": e.reason, "file": e.file, **({"text": e.text} if e.text else {})}
        for e in entries]}
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        os.replace(tmp, Path(folder) / MANIFEST)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_cache_lock = threading.Lock()
_cache: dict[tuple, list[KnownAnnouncement]] = {}


def _version(folder: Path, entries: list[LibraryEntry]) -> tuple:
    stamps = []
    for name in [MANIFEST, *(e.file for e in entries)]:
        try:
            stat = (folder / name).stat()
            stamps.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((name, 0, 0))
    return (str(folder.resolve()), tuple(stamps))


def load(folder: Path) -> list[KnownAnnouncement]:
    """Every entry with its fingerprint; raises LibraryError naming what is wrong."""
    folder = Path(folder)
    entries = read_manifest(folder)
    key = _version(folder, entries)
    with _cache_lock:
        known = _cache.get(key)
    if known is None:
        known = []
        for entry in entries:
            try:
                reference = Reference(entry.label, fingerprint(read_wav(folder / entry.file)))
            except ValueError as exc:
                why = text_of(exc)
                said = {"id": why.id, "en": why.en} if why else {"id": str(exc), "en": str(exc)}
                raise LibraryError(Text(f"Pengumuman '{entry.label}': {said['id']}",
                                        f"Announcement '{entry.label}': {said['en']}")) from exc
            known.append(KnownAnnouncement(entry, reference))
        with _cache_lock:
            _cache.clear()          # one library per site: keep only the newest version
            _cache[key] = known
    return known
