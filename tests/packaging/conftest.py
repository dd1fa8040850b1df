"""Packaging tests build the real program (minutes): they run only with SAMBUNG_BUILD_TEST=1."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "packaging: builds the PyInstaller program; needs SAMBUNG_BUILD_TEST=1")
