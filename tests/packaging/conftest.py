"""Packaging tests check what ships: the PyInstaller program (minutes; only with SAMBUNG_BUILD_TEST=1) and
the Windows installer (compiled with makensis by default, installed under wine where wine is present)."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "packaging: builds what ships (PyInstaller program: SAMBUNG_BUILD_TEST=1; "
                                       "Windows installer: makensis, wine)")
