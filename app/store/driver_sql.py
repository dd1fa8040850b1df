"""A hot statement compiled once and run as the driver's own SQL.

SQLAlchemy builds a cache key for a statement at every execution and looks its compiled form up
by it; for the claim's probe, a union of a dozen sub-selects, that was about 0.3 ms of the
probe's 1.1 ms of client CPU, at every claim of a busy floor.  `DriverSQL` compiles once for one
dialect and runs the text through `exec_driver_sql`, with each parameter processed as SQLAlchemy
would (UTC datetimes stored naive, for one).  The statement stays an ordinary SQLAlchemy
construct for everything else (plan checks, tests).
"""

from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy.engine import Connection, CursorResult

from app.domain.text import Text


def bound_values(state) -> dict[str, Any]:
    """An expanded state's parameters (`Compiled.construct_expanded_state`), each through its
    column type's bind processor, as SQLAlchemy would send them."""
    processors = state.processors or {}
    return {name: processors[name](value) if name in processors and value is not None else value
            for name, value in state.parameters.items()}


class DriverSQL:
    def __init__(self, statement, dialect) -> None:
        self.statement = statement
        self._compiled = statement.compile(dialect=dialect)
        computed = ", ".join(c.name for c in (*self._compiled.insert_prefetch, *self._compiled.update_prefetch))
        if computed:
            # SQLAlchemy's execution computes these (a column's Python default or onupdate); the
            # driver would be sent None for them.
            raise ValueError(Text(f"Isi {computed} sendiri dalam pernyataan yang dijalankan sebagai SQL driver.",
                                  f"Set {computed} explicitly in a statement run as driver SQL."))

    def driver_args(self, values: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """The text and parameters to hand the driver's own cursor."""
        state = self._compiled.construct_expanded_state(dict(values))
        return state.statement, bound_values(state)

    def run(self, connection: Connection, values: Mapping[str, Any]) -> CursorResult:
        return connection.exec_driver_sql(*self.driver_args(values))


_BUILT: dict[tuple, DriverSQL] = {}


def driver_sql(statement, dialect) -> DriverSQL:
    """`DriverSQL` for a statement built once (a module's constant, a cached construct), compiled
    once per kind of dialect.  Keyed by the dialect's class and server version, not by the dialect:
    each login opens its own engine, and a cache keyed by dialect object grew at every login."""
    key = (statement, type(dialect), dialect.server_version_info, dialect.paramstyle)
    try:
        return _BUILT[key]
    except KeyError:
        return _BUILT.setdefault(key, DriverSQL(statement, dialect))
