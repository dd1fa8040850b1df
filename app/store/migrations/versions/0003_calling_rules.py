"""issue 18: attempts that count, holiday agreement, the customer's zone source, calls per number

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zone_source', sa.String(length=12), nullable=True))

    with op.batch_alter_table('call_attempts', schema=None) as batch_op:
        # Attempts made before this revision counted, whatever happened: NULL keeps them counted.
        batch_op.add_column(sa.Column('counts', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('holiday_consent', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_call_attempts_dialled_started', ['dialled', 'started_at'], unique=False)

    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holiday_consent', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_column('holiday_consent')

    with op.batch_alter_table('call_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_call_attempts_dialled_started')
        batch_op.drop_column('holiday_consent')
        batch_op.drop_column('counts')

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('zone_source')
