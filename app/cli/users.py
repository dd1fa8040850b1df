"""`sambung users list|add`: the people who may log in, for an admin without the window.

Exit codes: 0 done, 1 the request is refused (username taken, bad value), 2 the
database cannot be opened or is not migrated (message in Indonesian on stderr).
This module only parses arguments and reports; rows are written through the store.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_REFUSED, EXIT_DATABASE = 0, 1, 2
from app.domain.roles import Role

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
    ls.set_defaults(func=run_list)
    add.set_defaults(func=run_add)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), EXIT_DATABASE)[1])


def _open(args):
    """The migrated database, or an Indonesian message explaining why not."""
    from app.cli.common import database_url
    from app.store.db import Database, DatabaseUrlError
    from app.store.migrate import current

    try:
        db = Database(database_url(args))
        if current(db) is None:
            db.dispose()
            return None, (f"Basis data {db.safe_url} belum dimigrasi; jalankan dulu "
                          "`sambung db upgrade`.")
    except DatabaseUrlError as exc:
        return None, str(exc)
    return db, None


def run_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.store.models import Team, User

    db, error = _open(args)
    if db is None:
        print(f"Galat basis data: {error}", file=sys.stderr)
        return EXIT_DATABASE
    try:
        with db.session() as s:
            rows = s.execute(select(User.id, User.username, User.full_name, User.role, Team.name,
                                    User.active).outerjoin(Team, Team.id == User.team_id)
                             .order_by(User.username)).all()
    finally:
        db.dispose()
    if not rows:
        print("Belum ada pengguna.")
        return EXIT_OK
    print(f"{'ID':>4}  {'USERNAME':<14} {'PERAN':<12} {'TIM':<16} {'AKTIF':<5} NAMA")
    for uid, username, name, role, team, active in rows:
        print(f"{uid:>4}  {username:<14} {role:<12} {team or '-':<16} {'ya' if active else 'tidak':<5} {name}")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.store.models import Team, User

    username, name = args.username.strip(), args.name.strip()
    if not username or not name:
        print("Username dan nama lengkap tidak boleh kosong.", file=sys.stderr)
        return EXIT_REFUSED
    db, error = _open(args)
    if db is None:
        print(f"Galat basis data: {error}", file=sys.stderr)
        return EXIT_DATABASE
    try:
        with db.session() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                print(f"Username {username!r} sudah dipakai.", file=sys.stderr)
                return EXIT_REFUSED
            team = None
            if args.team:
                team = s.scalar(select(Team).where(Team.name == args.team.strip()))
                if team is None:
                    team = Team(name=args.team.strip())
                    s.add(team)
                    print(f"Tim baru dibuat: {team.name}")
            user = User(username=username, full_name=name, role=args.role, team=team)
            s.add(user)
            s.flush()
            print(f"Pengguna ditambahkan: #{user.id} {username} ({args.role}) {name}")
    finally:
        db.dispose()
    return EXIT_OK
