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


def data_dir() -> Path:
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home_override()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home_override()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path
