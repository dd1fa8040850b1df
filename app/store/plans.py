"""How PostgreSQL runs a statement once psycopg has prepared it: its generic plan.

psycopg prepares a statement on the server after its fifth execution, and from the
sixth PostgreSQL may run a *generic* plan that sees parameters instead of values.
`generic_plan()` reproduces that by hand (PREPARE, six EXECUTEs, EXPLAIN EXECUTE)
so tests and benchmarks can check that a hot statement stays on its index.  It is
a diagnostic: nothing in the running program calls it, and it must not change data
(it runs in a transaction that is rolled back, so even a locking SELECT leaves nothing).
"""

from __future__ import annotations

import re

from sqlalchemy.sql import ClauseElement

from app.store.driver_sql import bound_values


def _positional(stmt: ClauseElement, dialect, values: dict | None = None) -> tuple[str, list]:
    """The statement as PREPARE wants it ($1, $2…) and its parameter values, processed by the
    columns' own bind processors (UTC datetimes become the naive UTC the table stores)."""
    compiled = stmt.compile(dialect=dialect)
    state = compiled.construct_expanded_state(values or None)
    names: list[str] = []

    def number(match: re.Match) -> str:
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"
    sql = re.sub(r"%\((\w+)\)s", number, state.statement).replace("%%", "%")
    bound = bound_values(state)
    return sql, [bound[name] for name in names]


def generic_plan(database, stmt: ClauseElement, executions: int = 6, force_generic: bool = True,
                 settings: dict[str, str] | None = None, params: dict | None = None) -> str:
    """EXPLAIN of `stmt` after `executions` runs as a prepared statement (PostgreSQL only).

    `force_generic` sets plan_cache_mode so the plan shown is the generic one whatever
    the costs (on a small test table the planner would otherwise keep custom plans).
    `settings` are extra SET LOCAL values (e.g. enable_seqscan=off on small data);
    `params` the values of the statement's named bind parameters.
    """
    import psycopg
    if database.dialect != "postgresql":
        raise ValueError("generic plans are a PostgreSQL matter")
    sql, values = _positional(stmt, database.engine.dialect, params)
    raw = database.engine.raw_connection()
    try:
        conn = raw.driver_connection
        with psycopg.ClientCursor(conn) as cur:
            if force_generic:
                cur.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            for key, value in (settings or {}).items():
                cur.execute(f"SET LOCAL {key} = {value}")
            cur.execute(f"PREPARE sambung_plan_check AS {sql}")
            args = "(" + ", ".join(["%s"] * len(values)) + ")" if values else ""
            for _ in range(executions):
                cur.execute(f"EXECUTE sambung_plan_check{args}", values)
            cur.execute(f"EXPLAIN EXECUTE sambung_plan_check{args}", values)
            plan = "\n".join(row[0] for row in cur.fetchall())
            cur.execute("DEALLOCATE sambung_plan_check")
        return plan
    finally:
        raw.driver_connection.rollback()
        raw.close()
