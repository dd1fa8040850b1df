"""A helper process (the demo's SIP simulator, a stand-in) ends when the program that
started it is gone, even when that program was killed and could not stop it.

The parent passes its pid (`--parent-pid`); the child asks `parent_gone(pid)` from its
own loop.  Polling, not PR_SET_PDEATHSIG: that signal follows the *thread* that
started the child, and Sambung starts children from worker threads too.
"""

from __future__ import annotations

import os


def parent_gone(pid: int | None) -> bool:
    if not pid:
        return False
    if os.name == "posix":
        # An orphan is re-parented (to init or a sub-reaper): its parent id changes.
        return os.getppid() != pid
    return not _windows_process_alive(pid)


def _windows_process_alive(pid: int) -> bool:
    import ctypes
    synchronize, wait_timeout = 0x00100000, 0x102
    kernel32 = ctypes.windll.kernel32          # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    try:
        return kernel32.WaitForSingleObject(handle, 0) == wait_timeout
    finally:
        kernel32.CloseHandle(handle)
