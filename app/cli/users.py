"""`sambung users list|add`: the people who may log in, for an admin without the window.

The command acts as the admin `--as USERNAME` names, or, without `--as`, as the
database owner (whoever holds the database's credentials: that is how the first
admin gets into an empty database).  Adding goes through the admin use cases
(app.core.supervision.admin), so the same checks hold and an audit line is written.
Exit codes: 0 done, 1 the request is refused (username taken, bad value, not an
admin), 2 the database cannot be opened or is not migrated (message in Indonesian
on stderr).  This module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys

from app.domain.roles import Role

EXIT_OK, EXIT_REFUSED, EXIT_DATABASE = 0, 1, 2
ROLES = tuple(r.value for r in Role)


def register(subparsers) -> None:
    p = subparsers.add_parser("users", help="daftar dan tambah pengguna",
                              description="Kelola pengguna Sambung (agen, Tier-2, TL, QC, admin).")
    commands = p.add_subparsers(dest="users_command", metavar="PERINTAH")
    ls = commands.add_parser("list", help="tampilkan semua pengguna")
    add = commands.add_parser("add", help="tambah pengguna baru")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", required=True, choices=ROLES, help="peran pengguna")
    add.add_argument("--name", required=True, help="nama lengkap")
    add.add_argument("--team", help="nama tim (dibuat bila belum ada)")
    for q in (ls, add):
        q.add_argument("--as", dest="actor", metavar="USERNAME",
                       help="admin yang bertindak (bawaan: pemilik basis data)")
    ls.set_defaults(func=run_list)
    add.set_defaults(func=run_add)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), EXIT_DATABASE)[1])


def run_list(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, _list, database_exit=EXIT_DATABASE, unknown_user_exit=EXIT_REFUSED, migrated=True)


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
    from app.cli.common import run_as
    return run_as(args, lambda ctx: _add(ctx, args), database_exit=EXIT_DATABASE, unknown_user_exit=EXIT_REFUSED,
                  migrated=True)


def _add(ctx, args: argparse.Namespace) -> int:
    from app.core.supervision.admin import add_team, add_user, list_teams, username_of
    from app.core.supervision.common import SupervisionError

    try:
        team_id = None
        if args.team:
            name = args.team.strip()
            team_id = next((t.id for t in list_teams(ctx) if t.name == name), None)
            if team_id is None:
                team_id = add_team(ctx, name)
                print(f"Tim baru dibuat: {name}")
        user_id = add_user(ctx, args.username, args.name, args.role, team_id)
    except (SupervisionError, PermissionError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    print(f"Pengguna ditambahkan: #{user_id} {username_of(args.username)} ({args.role}) {args.name.strip()}")
    return EXIT_OK
