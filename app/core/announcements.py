"""The site's library of operator announcements, managed: list, add a recording, remove one.

The library is a folder of WAVs and a manifest (app.telephony.progress.library reads
it; call-progress analysis matches calls against it).  Its place is the site's
`cpa.library_dir`, else `<data dir>/announcements`; until an admin changes it the
starter library shipped with Sambung is used, and the first change copies the starter
into the site's folder, so the shipped files are never edited.  `sambung announcements`
calls the folder functions directly (the admin at the machine); the admin's screen calls
the `admin_*` functions, which check the permission and write an audit line.  A change
is seen by the next call: the library is re-read when its files change.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.context import AppContext, acting
from app.domain.call_progress import is_valid_label
from app.domain.reasons import ReasonCatalogue
from app.domain.roles import Permission
from app.domain.text import Text, TextError, words_of
from app.store import audit
from app.telephony.progress.fingerprint import TAIL_FRAMES, FRAME_SECONDS
from app.telephony.progress.library import (MANIFEST, RATE, LibraryEntry, LibraryError, convert_wav,
                                            read_manifest, read_wav, resolve_folder, site_folder,
                                            starter_folder, write_manifest, write_wav)

SHORTEST = TAIL_FRAMES * FRAME_SECONDS + 0.2      # seconds: the matcher needs this much sound
LONGEST = 60.0


class AnnouncementError(TextError, ValueError):
    """The change cannot be made; the message says why."""

    @classmethod
    def from_failure(cls, exc: Exception) -> "AnnouncementError":
        """The library's or the file system's refusal, in both languages when it has them."""
        return cls(words_of(exc))


@dataclass(frozen=True)
class Announcement:
    label: str
    reason: str
    file: str
    text: str
    seconds: float


def library_folder(settings: Any) -> Path:
    """The folder in use: cpa.library_dir, else the site's own copy, else the starter library."""
    return resolve_folder(str(settings.get("cpa.library_dir", "") or ""))


def writable_folder(settings: Any) -> Path:
    """Where changes go: cpa.library_dir, else the site's own folder (never the starter library)."""
    configured = str(settings.get("cpa.library_dir", "") or "")
    return Path(configured) if configured else site_folder()


def list_announcements(folder: Path) -> list[Announcement]:
    try:
        entries = read_manifest(folder)
    except LibraryError as exc:
        raise AnnouncementError.from_failure(exc) from exc
    return [Announcement(e.label, e.reason, e.file, e.text, _seconds(folder / e.file)) for e in entries]


def _seconds(path: Path) -> float:
    try:
        return round(len(read_wav(path)) / RATE, 1)
    except LibraryError:
        return 0.0


def _prepare(folder: Path) -> list[LibraryEntry]:
    """The folder's entries; a folder without a manifest starts as a copy of the starter library."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / MANIFEST).exists():
        starter = starter_folder()
        if folder.resolve() != starter.resolve():
            for entry in read_manifest(starter):
                shutil.copyfile(starter / entry.file, folder / entry.file)
            shutil.copyfile(starter / MANIFEST, folder / MANIFEST)
    return read_manifest(folder)


def add_announcement(folder: Path, wav: Path, label: str, reason: str, text: str = "",
                     catalogue: ReasonCatalogue | None = None) -> Announcement:
    """Convert `wav` into the library as `label`, implying `reason`; AnnouncementError if it cannot."""
    label = (label or "").strip().lower()
    reason = (reason or "").strip().upper()
    if not is_valid_label(label):
        raise AnnouncementError(Text("Label: 1-40 karakter, huruf kecil, angka, '_' atau '-', tanpa spasi "
                                     "(mis. tidak_aktif).",
                                     "Label: 1-40 characters, lower-case letters, digits, '_' or '-', no spaces "
                                     "(e.g. tidak_aktif)."))
    catalogue = catalogue or ReasonCatalogue.default()
    if reason not in catalogue:
        raise AnnouncementError(Text(f"Kode alasan {reason!r} tidak ada di katalog alasan.",
                                     f"Reason code {reason!r} is not in the reason catalogue."))
    try:
        samples = convert_wav(Path(wav))
        entries = _prepare(Path(folder))
    except (LibraryError, OSError) as exc:
        raise AnnouncementError.from_failure(exc) from exc
    if any(e.label == label for e in entries):
        raise AnnouncementError(Text(f"Label {label!r} sudah ada; hapus dulu yang lama.",
                                     f"Label {label!r} already exists; remove the old one first."))
    seconds = len(samples) / RATE
    if seconds < SHORTEST:
        raise AnnouncementError(Text(f"Rekaman terlalu pendek atau hening ({seconds:.1f} detik suara; "
                                     f"minimal {SHORTEST:.0f} detik).",
                                     f"The recording is too short or silent ({seconds:.1f} seconds of sound; "
                                     f"at least {SHORTEST:.0f} seconds)."))
    if seconds > LONGEST:
        raise AnnouncementError(Text(f"Rekaman terlalu panjang ({seconds:.0f} detik; maksimal {LONGEST:.0f}).",
                                     f"The recording is too long ({seconds:.0f} seconds; at most {LONGEST:.0f})."))
    name = f"{label}.wav"
    try:
        write_wav(Path(folder) / name, samples)
        write_manifest(Path(folder), [*entries, LibraryEntry(label, reason, name, text.strip())])
    except OSError as exc:
        raise AnnouncementError(Text(f"Pustaka pengumuman di {folder} tidak dapat ditulis: {exc}",
                                     f"The announcement library in {folder} cannot be written: {exc}")) from exc
    return Announcement(label, reason, name, text.strip(), round(seconds, 1))


def remove_announcement(folder: Path, label: str) -> Announcement:
    label = (label or "").strip().lower()
    try:
        entries = _prepare(Path(folder))
    except (LibraryError, OSError) as exc:
        raise AnnouncementError.from_failure(exc) from exc
    gone = next((e for e in entries if e.label == label), None)
    if gone is None:
        raise AnnouncementError(Text(f"Tidak ada pengumuman berlabel {label!r}.",
                                     f"There is no announcement labelled {label!r}."))
    seconds = _seconds(Path(folder) / gone.file)
    try:
        write_manifest(Path(folder), [e for e in entries if e.label != label])
        if not any(e.file == gone.file for e in entries if e.label != label):
            (Path(folder) / gone.file).unlink(missing_ok=True)
    except OSError as exc:
        raise AnnouncementError(Text(f"Pustaka pengumuman di {folder} tidak dapat ditulis: {exc}",
                                     f"The announcement library in {folder} cannot be written: {exc}")) from exc
    return Announcement(gone.label, gone.reason, gone.file, gone.text, seconds)


# -- the admin's screen ---------------------------------------------------------------------
def admin_list(ctx: AppContext) -> tuple[Path, list[Announcement]]:
    acting(ctx, Permission.MANAGE_ANNOUNCEMENTS)
    folder = library_folder(ctx.settings)
    return folder, list_announcements(folder)


def admin_add(ctx: AppContext, wav: Path, label: str, reason: str, text: str = "") -> Announcement:
    user = acting(ctx, Permission.MANAGE_ANNOUNCEMENTS)
    added = add_announcement(writable_folder(ctx.settings), wav, label, reason, text, ctx.catalogue)
    with ctx.database.session() as s:
        audit.record(s, user, "announcement.add", f"announcement:{added.label}",
                     {"reason": added.reason, "seconds": added.seconds}, at=ctx.clock.now())
    return added


def admin_remove(ctx: AppContext, label: str) -> Announcement:
    user = acting(ctx, Permission.MANAGE_ANNOUNCEMENTS)
    removed = remove_announcement(writable_folder(ctx.settings), label)
    with ctx.database.session() as s:
        audit.record(s, user, "announcement.remove", f"announcement:{removed.label}",
                     {"reason": removed.reason}, at=ctx.clock.now())
    return removed
