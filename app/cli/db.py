"""`sambung db upgrade|current`: bring a database to this version's schema, or show
where it stands.

Both take `--db URL` (before or after the sub-command); without it the settings'
database_url or the user's SQLite file is used.  On a team's PostgreSQL `upgrade` is run by
the database owner (`--user OWNER`, password from SAMBUNG_PASSWORD or asked, or the URL's /
libpq's credentials): it also creates or updates the group roles, grants and row-level
security (app.store.team_access), so the owner needs CREATEROLE.  Exit codes: 0 done, 1 `current
--check` found the database behind, 2 the URL is bad or the server unreachable
(message in Indonesian on stderr, no stack trace).  The work is done by
app.core.headless; this module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import database_url

EXIT_OK, EXIT_BEHIND, EXIT_DATABASE = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser("db", help="kelola skema basis data (upgrade, current)",
                              description="Kelola skema basis data Sambung (migrasi Alembic).")
    commands = p.add_subparsers(dest="db_command", metavar="PERINTAH")
    up = commands.add_parser("upgrade", help="perbarui skema ke revisi terbaru",
                             description="Perbarui skema basis data ke revisi terbaru (aman diulang).")
    up.add_argument("--revision", default="head", help="revisi tujuan (bawaan: head)")
    up.add_argument("--user", metavar="OWNER", help="pemilik basis data (PostgreSQL); kata sandi dari "
                                                    "SAMBUNG_PASSWORD atau ditanyakan")
    cur = commands.add_parser("current", help="tampilkan revisi skema saat ini",
                              description="Tampilkan revisi skema basis data saat ini.")
    cur.add_argument("--check", action="store_true",
                     help="keluar dengan kode 1 bila basis data belum pada revisi terbaru")
    up.set_defaults(func=run_upgrade)
    cur.set_defaults(func=run_current)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_DATABASE


def _fail(exc: Exception) -> int:
    print(f"Galat basis data: {exc}", file=sys.stderr)
    return EXIT_DATABASE


def run_upgrade(args: argparse.Namespace) -> int:
    from app.core.headless import DatabaseUrlError, SchemaError, upgrade_database

    from app.cli.common import read_password
    password = None
    if args.user:
        password = read_password(args.user)
        if password is None:
            print("Kata sandi pemilik basis data tidak diberikan: isi SAMBUNG_PASSWORD atau jalankan di "
                  "terminal.", file=sys.stderr)
            return EXIT_DATABASE
    try:
        before, reached = upgrade_database(database_url(args), args.revision, args.user, password)
    except (DatabaseUrlError, SchemaError) as exc:
        return _fail(exc)
    if before.current == reached:
        print(f"Basis data {before.safe_url} sudah pada revisi {reached}.")
    else:
        print(f"Basis data {before.safe_url} diperbarui: {before.current or '(kosong)'} -> {reached}.")
    print(reached)
    return EXIT_OK


def run_current(args: argparse.Namespace) -> int:
    from app.core.headless import DatabaseUrlError, schema_state

    try:
        state = schema_state(database_url(args))
    except DatabaseUrlError as exc:
        return _fail(exc)
    rev, latest = state.current, state.head
    if rev is None:
        print(f"Basis data {state.safe_url} belum dimigrasi (revisi terbaru: {latest}).")
    elif rev == latest:
        print(f"Basis data {state.safe_url} pada revisi {rev} (terbaru).")
    else:
        print(f"Basis data {state.safe_url} pada revisi {rev}; revisi terbaru {latest}: "
              "jalankan `sambung db upgrade`.")
    print(rev or "-")
    return EXIT_BEHIND if args.check and rev != latest else EXIT_OK
