"""QC listening on record: how much of the recording the officer heard, or why not

Revision ID: 0007
Revises: 0006

A QC verdict (issue 16, item 3) needs most of the recording listened to or a written
reason for not listening; the review keeps what was heard, the recording's length and
that reason, so a team leader can see later how a call was judged.  Columns only, all
nullable: reviews written before this revision (and team-leader returns) have none.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("heard_seconds", sa.Double(), nullable=True))
        batch.add_column(sa.Column("recording_seconds", sa.Double(), nullable=True))
        batch.add_column(sa.Column("unheard_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("unheard_reason")
        batch.drop_column("recording_seconds")
        batch.drop_column("heard_seconds")
