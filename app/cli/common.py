"""What several sub-commands share: which database to open, and who `--as` names.

Not a sub-command itself (app.cli.SUBCOMMAND_MODULES does not list it).
"""

from __future__ import annotations

import argparse


def database_url(args: argparse.Namespace) -> str | None:
    """--db, else the site settings' database_url, else None (the user's SQLite file)."""
    url = getattr(args, "db", None)
    if url:
        return url
    from app.platform.config import Settings
    return Settings.load().get("database_url") or None


def open_database(args: argparse.Namespace):
    """The database `database_url(args)` names, reachable (DatabaseUrlError otherwise)."""
    from app.store.db import Database, DatabaseUrlError

    database = Database(database_url(args))
    try:
        database.check()
    except DatabaseUrlError:
        database.dispose()
        raise
    return database


def acting_user(database, username: str):
    """The active user `--as USERNAME` names (id, username, full_name, role, team_id), or None."""
    from sqlalchemy import select

    from app.store.models import User
    with database.engine.connect() as conn:
        row = conn.execute(select(User.id, User.username, User.full_name, User.role, User.team_id, User.active)
                           .where(User.username == username)).first()
    return row if row is not None and row.active else None
