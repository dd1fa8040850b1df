"""`sambung users list|add|passwd|disable`: the people who may log in, for an admin without the window.

The command acts as the admin `--user NAME` authenticates (password from SAMBUNG_PASSWORD
or asked), or, without `--user`, as the database owner (whoever holds the database's own
credentials: that is how the first admin gets into an empty database).  A new password is
read from standard input (`--password-stdin`), never from an argument.  On a team's
PostgreSQL each user is a login role: adding one makes the role in its group, `passwd`
sets its SCRAM password, `disable` stops its logins.  Everything goes through the admin
use cases (app.core.supervision.admin), so the same checks hold and an audit line is
written.  Exit codes: 0 done, 1 the request is refused (username taken, bad value, not an
admin, wrong password), 2 the database cannot be opened or is not migrated (message in
Indonesian on stderr).  This module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import add_user_option, read_stdin_password
from app.domain.roles import Role

EXIT_OK, EXIT_REFUSED, EXIT_DATABASE = 0, 1, 2
ROLES = tuple(r.value for r in Role)


def register(subparsers) -> None:
    p = subparsers.add_parser("users", help="kelola pengguna: daftar, tambah, kata sandi, nonaktifkan",
                              description="Kelola pengguna Sambung (agen, Tier-2, TL, QC, admin).")
    commands = p.add_subparsers(dest="users_command", metavar="PERINTAH")
    ls = commands.add_parser("list", help="tampilkan semua pengguna")
    add = commands.add_parser("add", help="tambah pengguna baru")
    add.add_argument("username", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES, help="peran pengguna")
    add.add_argument("--name", required=True, help="nama lengkap")
    add.add_argument("--team", help="nama tim (dibuat bila belum ada)")
    add.add_argument("--password-stdin", action="store_true",
                     help="baca kata sandi pengguna baru dari masukan standar (satu baris)")
    pw = commands.add_parser("passwd", help="atur kata sandi baru seorang pengguna")
    pw.add_argument("username", metavar="NAME")
    pw.add_argument("--password-stdin", action="store_true", required=True,
                    help="baca kata sandi baru dari masukan standar (satu baris)")
    off = commands.add_parser("disable", help="nonaktifkan pengguna (riwayatnya tetap)")
    off.add_argument("username", metavar="NAME")
    for q in (ls, add, pw, off):
        add_user_option(q, what="bertindak sebagai admin")
    ls.set_defaults(func=run_list)
    add.set_defaults(func=run_add)
    pw.set_defaults(func=run_passwd)
    off.set_defaults(func=run_disable)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), EXIT_DATABASE)[1])


def _run(args: argparse.Namespace, work) -> int:
    from app.cli.common import run_as
    return run_as(args, work, database_exit=EXIT_DATABASE, unknown_user_exit=EXIT_REFUSED, migrated=True)


def _refusals():
    from app.core.supervision.common import SupervisionError
    return SupervisionError, PermissionError, ValueError


def run_list(args: argparse.Namespace) -> int:
    return _run(args, _list)


def _list(ctx) -> int:
    from app.core.supervision.admin import list_users

    try:
        users = list_users(ctx)
    except PermissionError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    if not users:
        print("Belum ada pengguna.")
        return EXIT_OK
    print(f"{'ID':>4}  {'USERNAME':<14} {'PERAN':<12} {'TIM':<16} {'AKTIF':<5} NAMA")
    for u in users:
        print(f"{u.id:>4}  {u.username:<14} {u.role:<12} {u.team_name or '-':<16} "
              f"{'ya' if u.active else 'tidak':<5} {u.full_name}")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    password = read_stdin_password() if args.password_stdin else None
    return _run(args, lambda ctx: _add(ctx, args, password))


def _add(ctx, args: argparse.Namespace, password: str | None) -> int:
    from app.core.supervision.admin import add_team, add_user, list_teams, username_of

    try:
        team_id = None
        if args.team:
            name = args.team.strip()
            team_id = next((t.id for t in list_teams(ctx) if t.name == name), None)
            if team_id is None:
                team_id = add_team(ctx, name)
                print(f"Tim baru dibuat: {name}")
        user_id = add_user(ctx, args.username, args.name, args.role, team_id, password=password)
    except _refusals() as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(f"Pengguna ditambahkan: #{user_id} {username_of(args.username)} ({args.role}) {args.name.strip()}")
    if password is None:
        print("Belum ada kata sandi: atur dengan `sambung users passwd NAMA --password-stdin`.")
    return EXIT_OK


def run_passwd(args: argparse.Namespace) -> int:
    password = read_stdin_password()
    return _run(args, lambda ctx: _passwd(ctx, args, password))


def _passwd(ctx, args: argparse.Namespace, password: str) -> int:
    from app.core.supervision.admin import find_user_id, reset_password, username_of

    try:
        reset_password(ctx, find_user_id(ctx, args.username), password)
    except _refusals() as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(f"Kata sandi {username_of(args.username)} diperbarui.")
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    return _run(args, lambda ctx: _disable(ctx, args))


def _disable(ctx, args: argparse.Namespace) -> int:
    from app.core.supervision.admin import deactivate_user, find_user_id, username_of

    try:
        deactivate_user(ctx, find_user_id(ctx, args.username))
    except _refusals() as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(f"Pengguna {username_of(args.username)} dinonaktifkan.")
    return EXIT_OK
