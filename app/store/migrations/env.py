"""Alembic environment: migrates the database that app.store.migrate hands over.

The connection comes from `config.attributes["connection"]` (programmatic use),
or an engine is made from the `sqlalchemy.url` option with app.store.db's rules
(SQLite pragmas, psycopg 3).  SQLite gets batch mode, since it cannot ALTER most
things in place.  Offline (SQL script) mode is supported for DBAs who review DDL.
"""

from __future__ import annotations

from alembic import context

from app.store.migrate import only_this_dialect
from app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=only_this_dialect(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    from app.store.db import _normalise
    context.configure(url=_normalise(config.get_main_option("sqlalchemy.url")),
                      target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    from app.store.db import make_engine
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _configure(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
