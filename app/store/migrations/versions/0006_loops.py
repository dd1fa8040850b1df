"""issue 17: the procedures' loops: Support HC cases, fault tickets filed during calls, e-mail intake

Revision ID: 0006
Revises: 0005

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from app.store.types import UTCDateTime

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'support_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('source', sa.String(length=12), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('work_item_id', sa.Integer(), nullable=True),
        sa.Column('ticket_id', sa.Integer(), nullable=True),
        sa.Column('account_number', sa.String(length=20), nullable=False),
        sa.Column('customer_name', sa.String(length=120), nullable=False),
        sa.Column('segment', sa.String(length=8), nullable=False),
        sa.Column('criteria', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('escalated', sa.Boolean(), nullable=False),
        sa.Column('sephia_id', sa.String(length=30), nullable=True),
        sa.Column('ticket_number', sa.String(length=30), nullable=True),
        sa.Column('progress', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('handler_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'],
                                name=op.f('fk_support_cases_work_item_id_work_items')),
        sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_support_cases_ticket_id_tickets')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_support_cases_created_by_id_users')),
        sa.ForeignKeyConstraint(['handler_id'], ['users.id'], name=op.f('fk_support_cases_handler_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_support_cases')),
        sa.UniqueConstraint('sephia_id', name=op.f('uq_support_cases_sephia_id')),
    )
    op.create_index('ix_support_cases_open', 'support_cases', ['status', 'id'])
    op.create_index(op.f('ix_support_cases_work_item_id'), 'support_cases', ['work_item_id'])
    op.create_index(op.f('ix_support_cases_ticket_id'), 'support_cases', ['ticket_id'])
    op.create_table(
        'fault_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('work_item_id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=True),
        sa.Column('agent_id', sa.Integer(), nullable=False),
        sa.Column('outbox_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.String(length=30), nullable=False),
        sa.Column('result_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'],
                                name=op.f('fk_fault_reports_work_item_id_work_items')),
        sa.ForeignKeyConstraint(['attempt_id'], ['call_attempts.id'],
                                name=op.f('fk_fault_reports_attempt_id_call_attempts')),
        sa.ForeignKeyConstraint(['agent_id'], ['users.id'], name=op.f('fk_fault_reports_agent_id_users')),
        sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], name=op.f('fk_fault_reports_outbox_id_outbox')),
        sa.ForeignKeyConstraint(['result_id'], ['results.id'], name=op.f('fk_fault_reports_result_id_results')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fault_reports')),
    )
    op.create_index(op.f('ix_fault_reports_work_item_id'), 'fault_reports', ['work_item_id'])
    op.create_table(
        'mail_intake',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=250), nullable=False),
        sa.Column('mailbox', sa.String(length=80), nullable=False),
        sa.Column('sender', sa.String(length=200), nullable=False),
        sa.Column('subject', sa.String(length=250), nullable=False),
        sa.Column('segment', sa.String(length=8), nullable=True),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('hard_complaint', sa.Boolean(), nullable=False),
        sa.Column('routing', sa.String(length=60), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('received_at', UTCDateTime(), nullable=True),
        sa.Column('processed_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_mail_intake_customer_id_customers')),
        sa.ForeignKeyConstraint(['case_id'], ['support_cases.id'], name=op.f('fk_mail_intake_case_id_support_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_intake')),
        sa.UniqueConstraint('message_id', name=op.f('uq_mail_intake_message_id')),
    )


def downgrade() -> None:
    op.drop_table('mail_intake')
    op.drop_index(op.f('ix_fault_reports_work_item_id'), table_name='fault_reports')
    op.drop_table('fault_reports')
    op.drop_index(op.f('ix_support_cases_ticket_id'), table_name='support_cases')
    op.drop_index(op.f('ix_support_cases_work_item_id'), table_name='support_cases')
    op.drop_index('ix_support_cases_open', table_name='support_cases')
    op.drop_table('support_cases')
