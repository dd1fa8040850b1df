"""What the sub-commands share: which database to open, and the context of who acts.

Not a sub-command itself (app.cli.SUBCOMMAND_MODULES does not list it).  The work
is app.core.headless's; this only reads the parsed arguments and says on stderr,
in Indonesian, why a command cannot start.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable


def database_url(args: argparse.Namespace) -> str | None:
    """--db, else the site settings' database_url, else None (the user's SQLite file)."""
    from app.core.headless import database_url as url_of
    return url_of(getattr(args, "db", None))


def run_as(args: argparse.Namespace, work: Callable[..., int], *, database_exit: int, unknown_user_exit: int,
           migrated: bool = False, settings=None) -> int:
    """Open the database, find who `--as` names (nobody: the database owner), run `work(ctx)` in
    their context and close the database.  Without a database or with an unknown user it says
    why and returns `database_exit` / `unknown_user_exit` instead."""
    from app.core.headless import (DatabaseUrlError, SchemaError, command_context, database_url as url_of,
                                   find_active_user, open_database, open_migrated)

    opener = open_migrated if migrated else open_database
    try:
        database = opener(url_of(getattr(args, "db", None), settings))
    except (DatabaseUrlError, SchemaError) as exc:
        print(f"Galat basis data: {exc}", file=sys.stderr)
        return database_exit
    try:
        actor = None
        username = getattr(args, "actor", None)
        if username:
            actor = find_active_user(database, username)
            if actor is None:
                print(f"Pengguna {username!r} tidak ditemukan atau tidak aktif.", file=sys.stderr)
                return unknown_user_exit
        return work(command_context(database, actor, settings))
    finally:
        database.dispose()
