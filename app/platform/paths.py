"""Where Sambung finds its shipped resources and keeps its per-user files.

Resources ship inside the package (app/resources), so a source checkout, an
editable install, a wheel and a PyInstaller bundle all find them the same way
(importlib.resources); user data, config and logs follow the platform's conventions
(platformdirs) unless SAMBUNG_HOME points somewhere else (tests, demo, portable).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "Sambung"


def resources_dir() -> Path:
    # Every way Sambung is installed unpacks the package as files (no zipped eggs), so
    # the traversable is a real folder: Qt and openpyxl need paths, not streams.
    return Path(str(files("app") / "resources"))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _home_override() -> Path | None:
    home = os.environ.get("SAMBUNG_HOME")
    return Path(home) if home else None


def _user_dir(name: str, platform_dir) -> Path:
    """The user's folder for `name` (made when missing): under SAMBUNG_HOME when set, else the OS's."""
    home = _home_override()
    path = home / name if home else Path(platform_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _user_dir("data", platformdirs.user_data_dir)


def config_dir() -> Path:
    return _user_dir("config", platformdirs.user_config_dir)


def log_dir() -> Path:
    return _user_dir("logs", platformdirs.user_log_dir)


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path
