"""`sambung --version`: the versions of this installation that need no layer above the platform.

The database server's version is added by app.core.diagnostics.version_report,
which asks the store; this module must not open a database.
"""

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


def version_report() -> str:
    return "\n".join([
        f"Sambung {__version__}",
        f"Python {platform.python_version()} ({sys.platform})",
        f"Qt / PySide6 {_qt_version()}",
        f"pjsua2 {_dist('pjsua2-python')}",
        f"SQLAlchemy {_dist('SQLAlchemy')}",
        f"SQLite {sqlite3.sqlite_version}",
    ])
