"""Reading the site's announcement library: a folder of WAV recordings and a manifest.

`manifest.json` lists each recording: `label` (one word, e.g. `tidak_aktif`), `reason`
(the reason code it implies), `file` (a WAV beside the manifest: 8 kHz mono 16-bit)
and optionally `text` (what it says, for the admin).  The folder is the site's
`cpa.library_dir` setting, else `<data dir>/announcements` once an admin has changed
the library, else the starter library shipped in app/resources/announcements.
Fingerprints are computed once per version of the folder and kept.  Changing the
library (add, remove) is app.core.announcements' job; this module only reads.
"""

from __future__ import annotations

import json
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.domain.call_progress import is_valid_label
from app.platform import paths
from app.telephony.progress.fingerprint import Reference, fingerprint

MANIFEST = "manifest.json"
RATE = 8000


class LibraryError(ValueError):
    """The library or one of its recordings cannot be read; the message (Indonesian) says which."""


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
    if configured:
        return Path(configured)
    own = site_folder()
    return own if (own / MANIFEST).exists() else starter_folder()


def read_manifest(folder: Path) -> list[LibraryEntry]:
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LibraryError(f"Pustaka pengumuman tidak ditemukan: {path}") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise LibraryError(f"Manifes pustaka pengumuman {path} tidak dapat dibaca: {exc}") from exc
    entries = []
    for item in data.get("announcements", []):
        try:
            entry = LibraryEntry(str(item["label"]), str(item.get("reason", "")), str(item["file"]),
                                 str(item.get("text", "")))
        except (KeyError, TypeError) as exc:
            raise LibraryError(f"Entri manifes {path} tidak lengkap: {item!r}") from exc
        if not is_valid_label(entry.label):
            raise LibraryError(f"Label pengumuman tidak valid di {path}: {entry.label!r}")
        entries.append(entry)
    return entries


def read_wav(path: Path) -> np.ndarray:
    """The samples of an 8 kHz mono 16-bit WAV (the library's own format)."""
    try:
        with wave.open(str(path), "rb") as wav:
            if (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) != (RATE, 1, 2):
                raise LibraryError(f"{path.name}: harus WAV 8 kHz mono 16-bit")
            data = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise LibraryError(f"Rekaman {path} tidak dapat dibaca: {exc}") from exc
    return np.frombuffer(data, dtype="<i2")


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
                raise LibraryError(f"Pengumuman '{entry.label}': {exc}") from exc
            known.append(KnownAnnouncement(entry, reference))
        with _cache_lock:
            _cache.clear()          # one library per site: keep only the newest version
            _cache[key] = known
    return known
