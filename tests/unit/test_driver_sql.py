"""A statement run as the driver's own SQL gets no help from SQLAlchemy's execution: one whose
columns SQLAlchemy would fill then (a Python default, an `onupdate`) is refused when it is built,
not sent with NULL for them."""

import pytest
from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql

from app.store.driver_sql import DriverSQL, driver_sql
from app.store.models import WorkItem


def test_a_statement_leaving_a_computed_column_to_sqlalchemy_is_refused():
    table = WorkItem.__table__
    with pytest.raises(ValueError, match="updated_at"):
        DriverSQL(update(table).values(priority=bindparam("p")), postgresql.dialect())
    ok = DriverSQL(update(table).values(priority=bindparam("p"), updated_at=bindparam("now")), postgresql.dialect())
    text, values = ok.driver_args({"p": 3, "now": None})
    assert "updated_at=%(now)s" in text and values == {"p": 3, "now": None}


def test_a_new_engine_for_the_same_kind_of_server_reuses_the_compiled_statement(tmp_path):
    """Each login opens an engine of its own: the compiled statements must not pile up per login."""
    from sqlalchemy import create_engine, select

    from app.store import driver_sql as module
    statement = select(WorkItem.__table__.c.id).where(WorkItem.__table__.c.priority == bindparam("p"))
    engines = [create_engine(f"sqlite:///{tmp_path / 'a.db'}") for _ in range(3)]
    try:
        for engine in engines:
            with engine.connect():          # the dialect learns the server's version on first connect
                pass
        before = len(module._BUILT)
        built = {id(driver_sql(statement, engine.dialect)) for engine in engines}
        assert len(built) == 1 and len(module._BUILT) == before + 1
        other = driver_sql(statement, postgresql.dialect())
        assert "%(p)s" in other.driver_args({"p": 1})[0] and len(module._BUILT) == before + 2
    finally:
        for engine in engines:
            engine.dispose()
