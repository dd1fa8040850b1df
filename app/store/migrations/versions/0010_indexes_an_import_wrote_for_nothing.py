"""two work-item indexes every imported row wrote for nothing

Revision ID: 0010
Revises: 0009

ix_work_items_claimed_by becomes partial on `claimed_by_id IS NOT NULL`.  The queries that
seek it ask for one agent's items (claimed_by_id = ?, which implies NOT NULL on both
back-ends), and so does the foreign key's check when a user row goes; yet every imported
item, never claimed, wrote a NULL key into it.  The one reader of those keys was SQLite
answering the agent list's size (`claimed_by_id IS NULL OR claimed_by_id = ?`) through them,
nearly every item by the index and then the table; it now reads the table alone, the same
rows.  It holds the items held now: leaving a held state clears the holder.

ix_work_items_queue (state, priority, next_attempt_at) goes: since migration 0004 every read
of the queue is served by the partial indexes of its segments (new, due, undated, returned,
held).  Its last reader was SQLite's "is any item eligible?" after every empty claim, which
walked every item in a callable state through it (17 ms at 300,000 items at each Next); the
claim now asks only after a candidate went to another desk (app.store.queue).

Each was about 5 % of a CSV import on SQLite (100,000 rows).
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

HOLDERS = "claimed_by_id IS NOT NULL"


def upgrade() -> None:
    op.drop_index("ix_work_items_queue", table_name="work_items")
    op.drop_index("ix_work_items_claimed_by", table_name="work_items")
    op.create_index("ix_work_items_claimed_by", "work_items", ["claimed_by_id"],
                    postgresql_where=sa.text(HOLDERS), sqlite_where=sa.text(HOLDERS))


def downgrade() -> None:
    op.drop_index("ix_work_items_claimed_by", table_name="work_items")
    op.create_index("ix_work_items_claimed_by", "work_items", ["claimed_by_id"])
    op.create_index("ix_work_items_queue", "work_items", ["state", "priority", "next_attempt_at"])
