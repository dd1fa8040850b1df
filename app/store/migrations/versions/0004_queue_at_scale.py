"""the queue at a million prospects: partial indexes per queue segment, search indexes

Revision ID: 0004
Revises: 0003

Every index of the queue is partial on literal states (app.store.queue_states), so a
prepared statement's generic plan still proves it usable.  The search indexes are
trigram GIN indexes on PostgreSQL (extension pg_trgm, a trusted extension the
database owner may create); SQLite gets plain indexes of the same names.  The
old pick index (state, priority, id) is replaced by ix_work_items_new.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from app.store.queue_states import DATED, DUE_STATES, HELD, NEW, RETURNED, SCHEDULED, UNDATED, index_where

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_PARTIAL = (
    ("ix_work_items_new", ["program", "priority", "id"], (NEW,), ""),
    ("ix_work_items_due", ["program", "next_attempt_at", "priority", "id"], DUE_STATES, DATED),
    ("ix_work_items_undated", ["program", "priority", "id"], SCHEDULED, UNDATED),
    ("ix_work_items_returned", ["assigned_agent_id", "program", "priority", "id"], (RETURNED,), ""),
    ("ix_work_items_held_by", ["claimed_by_id"], HELD, ""),
    ("ix_work_items_held_expiry", ["claim_expires_at"], HELD, ""),
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, columns, states, extra in _PARTIAL:
        where = sa.text(index_where(*states, extra=extra))
        op.create_index(name, "work_items", columns, postgresql_where=where, sqlite_where=where)
    op.drop_index("ix_work_items_pick", table_name="work_items")
    op.create_index("ix_phones_e164_search", "phones", ["e164"], postgresql_using="gin",
                    postgresql_ops={"e164": "gin_trgm_ops"})
    op.create_index("ix_customers_account_search", "customers", ["account_number"], postgresql_using="gin",
                    postgresql_ops={"account_number": "gin_trgm_ops"})
    if postgres:
        op.execute("CREATE INDEX ix_customers_name_search ON customers USING gin (lower(name) gin_trgm_ops)")
    else:
        op.execute("CREATE INDEX ix_customers_name_search ON customers (lower(name))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_customers_name_search")
    op.drop_index("ix_customers_account_search", table_name="customers")
    op.drop_index("ix_phones_e164_search", table_name="phones")
    op.create_index("ix_work_items_pick", "work_items", ["state", "priority", "id"])
    for name, *_rest in reversed(_PARTIAL):
        op.drop_index(name, table_name="work_items")
