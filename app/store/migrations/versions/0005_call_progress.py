"""call-progress analysis on the attempt: what was heard, which announcement, how sure

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 20:30:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('call_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cpa_class', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('cpa_label', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('cpa_confidence', sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('call_attempts', schema=None) as batch_op:
        batch_op.drop_column('cpa_confidence')
        batch_op.drop_column('cpa_label')
        batch_op.drop_column('cpa_class')
