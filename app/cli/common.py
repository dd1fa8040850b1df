"""What the sub-commands share: which database to open, and who acts — authenticated.

Not a sub-command itself (app.cli.SUBCOMMAND_MODULES does not list it).  `--user NAME`
names the acting user; the password comes from the environment variable SAMBUNG_PASSWORD
or is asked on the terminal (never an argument: it would show in the process list and
the shell history).  Without `--user` a command acts as the database owner (SQLite: whoever
can open the file; PostgreSQL: the credentials of the URL or libpq's PGPASSWORD/.pgpass).
The work is app.core.headless's; this only reads the arguments and says on stderr, in
Indonesian, why a command cannot start.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Callable

PASSWORD_VARIABLE = "SAMBUNG_PASSWORD"


def database_url(args: argparse.Namespace) -> str | None:
    """--db, else the site settings' database_url, else None (the user's SQLite file)."""
    from app.core.headless import database_url as url_of
    return url_of(getattr(args, "db", None))


def add_user_option(parser: argparse.ArgumentParser, required: bool = False, what: str = "bertindak") -> None:
    parser.add_argument("--user", dest="user", metavar="NAME", required=required,
                        help=f"pengguna yang {what}; kata sandi dari {PASSWORD_VARIABLE} atau ditanyakan "
                             "(tanpa --user: pemilik basis data)")


def read_password(username: str) -> str | None:
    """SAMBUNG_PASSWORD, else asked on the terminal; None when neither can be had."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(f"Kata sandi {username}: ")
        except (EOFError, KeyboardInterrupt):
            return None
    return None


def read_stdin_password() -> str:
    """One line from standard input (`--password-stdin`), without its line end."""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def run_as(args: argparse.Namespace, work: Callable[..., int], *, database_exit: int, unknown_user_exit: int,
           migrated: bool = False, settings=None) -> int:
    """Open the database, authenticate `--user` (nobody: the database owner), run `work(ctx)` in
    their context and close the database.  Without a database it says why and returns
    `database_exit`; a refused login returns `unknown_user_exit`."""
    from app.core.headless import (DatabaseUrlError, LoginRefused, SchemaError, command_context,
                                   database_url as url_of, open_as)

    username = getattr(args, "user", None)
    password = None
    if username:
        password = read_password(username)
        if password is None:
            print(f"Kata sandi untuk {username!r} tidak diberikan: isi {PASSWORD_VARIABLE} atau jalankan "
                  "di terminal agar ditanyakan.", file=sys.stderr)
            return unknown_user_exit
    try:
        database, actor = open_as(url_of(getattr(args, "db", None), settings), username, password, migrated=migrated)
    except LoginRefused as exc:
        print(f"Login ditolak: {exc}", file=sys.stderr)
        return unknown_user_exit
    except (DatabaseUrlError, SchemaError) as exc:
        print(f"Galat basis data: {exc}", file=sys.stderr)
        return database_exit
    ctx = command_context(database, actor, settings)
    if username:
        from app.core.recording_access import remember_login
        remember_login(ctx, username, password)       # in memory: an SMB recording store is reached as them
    try:
        return work(ctx)
    except PermissionError as exc:
        print(str(exc), file=sys.stderr)
        return unknown_user_exit
    finally:
        from app.core.recording_access import forget
        forget(ctx)
        database.dispose()
