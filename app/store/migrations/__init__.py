"""Alembic migrations of the Sambung schema (script_location lives in the package so
an installed Sambung can upgrade its own database).  Run them through
app.store.migrate or `sambung db upgrade`, never by hand-written DDL."""
