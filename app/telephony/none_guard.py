"""Keep `None`, `True` and `False` alive while the pjsua2 wheel leaks references to them.

The SWIG bindings of pjsua2 2.15 give back one reference to `None` (and to the
bools) more than they took in some callbacks: 14 to 19 per call were measured for
`None`.  On Python 3.11 `None` is
an ordinary refcounted object, so after a few hundred calls its count reaches zero
and the interpreter aborts with "none_dealloc: deallocating None" (or "bool_dealloc") — in the middle
of an agent's shift (the soak test tests/soak/test_day_at_the_desk.py died this way
near call 470 without it).  The SIP thread calls `top_up()` after every event pump:
whenever the count has fallen below the level seen at start, the missing
references are added back with Py_IncRef and never released, exactly undoing the
bindings' extra decrements (a list holding them would release them again at
interpreter exit and abort there instead).
"""

from __future__ import annotations

import ctypes
import sys

# The singletons the bindings hand back: None and the two bools.
_SINGLETONS = (None, True, False)
_floors: dict[int, int] = {}
_added = 0


def top_up() -> int:
    """Restore the singletons' reference counts to their starting level; returns how many were added."""
    global _added
    total = 0
    for index, obj in enumerate(_SINGLETONS):
        count = sys.getrefcount(obj)
        floor = _floors.setdefault(index, count)
        missing = floor - count
        if missing > 0:
            handle = ctypes.py_object(obj)
            for _ in range(missing):
                ctypes.pythonapi.Py_IncRef(handle)
            total += missing
    _added += total
    return total


def added() -> int:
    """How many references the bindings have taken so far (for diagnostics)."""
    return _added
