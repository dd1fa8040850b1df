"""`sambung --version`: what the help desk needs to know about this installation."""

from __future__ import annotations

import platform
import sqlite3
import sys
from importlib import metadata

from app import __version__


def _dist(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "tidak terpasang"


def _qt_version() -> str:
    # The PySide6 wheels carry the Qt they bundle, with the same version number.
    for name in ("PySide6-Essentials", "PySide6"):
        version = _dist(name)
        if version != "tidak terpasang":
            return version
    return "tidak terpasang"


def version_report(db_url: str | None = None) -> str:
    lines = [
        f"Sambung {__version__}",
        f"Python {platform.python_version()} ({sys.platform})",
        f"Qt / PySide6 {_qt_version()}",
        f"pjsua2 {_dist('pjsua2-python')}",
        f"SQLAlchemy {_dist('SQLAlchemy')}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if db_url and db_url.startswith(("postgresql", "postgres")):
        try:
            from sqlalchemy import text
            from app.store.db import Database
            database = Database(db_url)
            with database.engine.connect() as conn:
                lines.append(f"PostgreSQL {conn.execute(text('SHOW server_version')).scalar()}")
            database.dispose()
        except Exception as exc:  # noqa: BLE001 - a version report never fails
            lines.append(f"PostgreSQL: tidak dapat dihubungi ({type(exc).__name__})")
    return "\n".join(lines)
