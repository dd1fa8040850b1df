"""ix_work_items_claimed_by holds the items someone holds, not every item

Revision ID: 0010
Revises: 0009

The queries that seek it ask for one agent's items (claimed_by_id = ?), and so does the
foreign key's check when a user row goes.  Yet every imported row, never claimed, wrote a
NULL key into it: at 100,000 rows about 5 % of a CSV import on SQLite.  The one reader of
the NULL keys was SQLite answering the agent list's size (`claimed_by_id IS NULL OR
claimed_by_id = ?`) through them, i.e. nearly every item by the index and then the table;
it now reads the table alone, the same rows.  Partial on `claimed_by_id IS NOT NULL`, which a `claimed_by_id = ?`
implies on both back-ends, it holds the items held now (leaving a held state clears the holder).
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
    op.drop_index("ix_work_items_claimed_by", table_name="work_items")
    op.create_index("ix_work_items_claimed_by", "work_items", ["claimed_by_id"],
                    postgresql_where=sa.text(HOLDERS), sqlite_where=sa.text(HOLDERS))


def downgrade() -> None:
    op.drop_index("ix_work_items_claimed_by", table_name="work_items")
    op.create_index("ix_work_items_claimed_by", "work_items", ["claimed_by_id"])
