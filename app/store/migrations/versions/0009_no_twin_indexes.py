"""indexes no query needs: each import row wrote them for nothing

Revision ID: 0009
Revises: 0008

ix_phones_customer_id repeats the first column of the phones' unique (customer_id, e164)
index, which serves every look-up by customer and the cascade; ix_results_created_at the
first of ix_results_created_reason (created_at, reason_code), written by every save. On SQLite the three search
indexes of migration 0004 were plain b-trees that a LIKE '%text%' never seeks:
ix_customers_account_search a twin of the unique account index, ix_phones_e164_search (the
search scans the unique indexes, which hold all it reads) and ix_customers_name_search (the
name search scans the table). PostgreSQL keeps its trigram search indexes. At 100,000
imported rows these were about a tenth of SQLite's insert work.
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.drop_index("ix_phones_customer_id", table_name="phones")
    op.drop_index("ix_results_created_at", table_name="results")
    if op.get_bind().dialect.name != "postgresql":
        op.drop_index("ix_customers_account_search", table_name="customers")
        op.drop_index("ix_phones_e164_search", table_name="phones")
        op.execute("DROP INDEX ix_customers_name_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("CREATE INDEX ix_customers_name_search ON customers (lower(name))")
        op.create_index("ix_phones_e164_search", "phones", ["e164"])
        op.create_index("ix_customers_account_search", "customers", ["account_number"])
    op.create_index("ix_results_created_at", "results", ["created_at"])
    op.create_index("ix_phones_customer_id", "phones", ["customer_id"])
