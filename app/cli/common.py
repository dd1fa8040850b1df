"""What several sub-commands share: which database to open, and who `--as` names.

Not a sub-command itself (app.cli.SUBCOMMAND_MODULES does not list it).  The work
is app.core.headless's; this only reads the parsed arguments.
"""

from __future__ import annotations

import argparse


def database_url(args: argparse.Namespace) -> str | None:
    """--db, else the site settings' database_url, else None (the user's SQLite file)."""
    from app.core.headless import database_url as url_of
    return url_of(getattr(args, "db", None))


def open_database(args: argparse.Namespace):
    """The database `database_url(args)` names, reachable (DatabaseUrlError otherwise)."""
    from app.core.headless import open_database as open_url
    return open_url(database_url(args))


def acting_user(database, username: str):
    """The active user `--as USERNAME` names (a CurrentUser), or None."""
    from app.core.identity import find_active_user
    return find_active_user(database, username)
