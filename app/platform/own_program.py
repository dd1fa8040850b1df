"""The command that runs this program again: a sub-command, or one of its helper modes.

A PyInstaller build has no `python -m`: it runs its own executable, with the sub-command or the
mode's flag, which packaging/entry.py dispatches (`--simulator`, `--dapros-check`); a source
install runs `python -m app` or the mode's module with the same interpreter.  Standard library
only: the dapros import's checking process imports this without its site-packages.
"""

from __future__ import annotations

import sys


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def own_program(flag: str, module: str, *args: str, site_packages: bool = True) -> list[str]:
    """`site_packages=False`: a source install's interpreter starts without them (-S)."""
    if frozen():
        return [sys.executable, flag, *args]
    return [sys.executable, *(() if site_packages else ("-S",)), "-m", module, *args]


def sambung(*args: str) -> list[str]:
    """`sambung ARGS` (e.g. a sub-command)."""
    return [sys.executable, *args] if frozen() else [sys.executable, "-m", "app", *args]
