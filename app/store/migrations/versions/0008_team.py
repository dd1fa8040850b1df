"""issue 14: a team deploys safely: passwords, team of a work item, recordings in the store,
an outbox message's origin and author, results superseded by the database, and on PostgreSQL the
group roles, grants, row-level security and SQL functions (app.store.team_access)

Revision ID: 0008
Revises: 0007

Run by the database owner (`sambung db upgrade`), who needs CREATEROLE on PostgreSQL:
the group roles are cluster-wide and made here when missing.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from app.store import revisions, team_access
from app.store.types import UTCDateTime

revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'user_passwords',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(length=200), nullable=True),
        sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False),
        sa.Column('last_failed_at', UTCDateTime(), nullable=True),
        sa.Column('changed_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_passwords_user_id_users')),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_passwords')),
    )
    op.create_table(
        'recordings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('agent_id', sa.Integer(), nullable=False),
        sa.Column('location', sa.String(length=400), nullable=False),
        sa.Column('size_bytes', sa.Integer(), nullable=False),
        sa.Column('duration_seconds', sa.Double(), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('recorded_at', UTCDateTime(), nullable=False),
        sa.Column('stored_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['agent_id'], ['users.id'], name=op.f('fk_recordings_agent_id_users')),
        sa.ForeignKeyConstraint(['attempt_id'], ['call_attempts.id'],
                                name=op.f('fk_recordings_attempt_id_call_attempts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recordings')),
        sa.UniqueConstraint('attempt_id', name=op.f('uq_recordings_attempt_id')),
    )
    op.create_index(op.f('ix_recordings_agent_id'), 'recordings', ['agent_id'], unique=False)
    op.create_index(op.f('ix_recordings_recorded_at'), 'recordings', ['recorded_at'], unique=False)
    with op.batch_alter_table('work_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_work_items_team_id_teams'), 'teams', ['team_id'], ['id'])
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_created_by_id_users'), 'users', ['created_by_id'], ['id'])
    bind = op.get_bind()
    for sql in revisions.statements(bind.dialect.name):
        op.execute(sql)
    team_access.apply(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in team_access.POLICIES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for trigger, table, _when, _fn in team_access.TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    else:
        op.execute("DROP TRIGGER IF EXISTS results_supersede")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_created_by_id_users'), type_='foreignkey')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('origin')
    with op.batch_alter_table('work_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_work_items_team_id_teams'), type_='foreignkey')
        batch_op.drop_column('team_id')
    op.drop_index(op.f('ix_recordings_recorded_at'), table_name='recordings')
    op.drop_index(op.f('ix_recordings_agent_id'), table_name='recordings')
    op.drop_table('recordings')
    op.drop_table('user_passwords')
