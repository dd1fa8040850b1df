"""A statement run as the driver's own SQL gets no help from SQLAlchemy's execution: one whose
columns SQLAlchemy would fill then (a Python default, an `onupdate`) is refused when it is built,
not sent with NULL for them."""

import pytest
from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql

from app.store.driver_sql import DriverSQL
from app.store.models import WorkItem


def test_a_statement_leaving_a_computed_column_to_sqlalchemy_is_refused():
    table = WorkItem.__table__
    with pytest.raises(ValueError, match="updated_at"):
        DriverSQL(update(table).values(priority=bindparam("p")), postgresql.dialect())
    ok = DriverSQL(update(table).values(priority=bindparam("p"), updated_at=bindparam("now")), postgresql.dialect())
    text, values = ok.driver_args({"p": 3, "now": None})
    assert "updated_at=%(now)s" in text and values == {"p": 3, "now": None}
