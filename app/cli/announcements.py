"""`sambung announcements add|list|remove`: the site's operator announcements, for an admin at a shell.

`add WAV --label LABEL --reason CODE` converts a recording (any PCM WAV) into the
library that call-progress analysis matches calls against; `list` shows the library in
use; `remove LABEL` takes one out.  The folder is the site's `cpa.library_dir` (else the
user data folder; the first change copies the starter library there).  Exit codes: 0 done,
1 refused (bad label, unknown reason, unreadable WAV…), 2 settings cannot be read.  The
work is app.core.announcements'; this module parses and reports.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_REFUSED, EXIT_SETTINGS = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser("announcements", help="pustaka pengumuman operator (analisis nada panggilan)",
                              description="Kelola rekaman pengumuman operator (mis. 'nomor yang Anda tuju "
                              "tidak aktif') yang dikenali Sambung saat memanggil.")
    commands = p.add_subparsers(dest="announcements_command", metavar="PERINTAH")
    add = commands.add_parser("add", help="tambahkan rekaman pengumuman")
    add.add_argument("wav", metavar="WAV", help="rekaman pengumuman (WAV PCM, laju sampel apa pun)")
    add.add_argument("--label", required=True, help="nama pendek tanpa spasi, mis. tidak_aktif")
    add.add_argument("--reason", required=True, metavar="CODE", help="kode alasan yang dipilihkan, mis. NC-INA")
    add.add_argument("--text", default="", help="isi pengumuman (untuk catatan admin)")
    add.set_defaults(func=run_add)
    ls = commands.add_parser("list", help="tampilkan pustaka yang dipakai")
    ls.set_defaults(func=run_list)
    rm = commands.add_parser("remove", help="hapus pengumuman")
    rm.add_argument("label", metavar="LABEL")
    rm.set_defaults(func=run_remove)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), EXIT_SETTINGS)[1])


def _settings():
    from app.platform.config import Settings, SettingsError
    try:
        return Settings.load()
    except SettingsError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return None


def run_list(args: argparse.Namespace) -> int:
    from app.core.announcements import AnnouncementError, library_folder, list_announcements
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    folder = library_folder(settings)
    try:
        entries = list_announcements(folder)
    except AnnouncementError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"pustaka: {folder}")
    for e in entries:
        print(f"{e.label}\t{e.reason}\t{e.seconds:.1f} d\t{e.text}".rstrip())
    print(f"{len(entries)} pengumuman")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.core.announcements import AnnouncementError, writable_folder, add_announcement
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    folder = writable_folder(settings)
    try:
        added = add_announcement(folder, Path(args.wav), args.label, args.reason, args.text)
    except AnnouncementError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"ditambahkan: {added.label} ({added.reason}, {added.seconds:.1f} d) di {folder}")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from app.core.announcements import AnnouncementError, writable_folder, remove_announcement
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    folder = writable_folder(settings)
    try:
        removed = remove_announcement(folder, args.label)
    except AnnouncementError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"dihapus: {removed.label} dari {folder}")
    return EXIT_OK
