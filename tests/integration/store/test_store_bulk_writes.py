"""Bulk inserts for the dapros import (app.store.bulk_writes) on SQLite and PostgreSQL: every row
arrives once whatever the statement boundaries, values are stored as the ORM stores them, the
new rows' keys come back, and the transaction's settings are the import's own."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.store.bulk_writes import SQLITE_MAX_VALUES, bulk_transaction, insert_columns, insert_many
from app.store.models import Customer, Phone, WorkItem

CUSTOMERS, PHONES, ITEMS = Customer.__table__, Phone.__table__, WorkItem.__table__
KEYS = ("account_number", "name", "segment", "region")
PER_STATEMENT = SQLITE_MAX_VALUES // len(KEYS)      # customers per multi-row statement on SQLite


def customers(n: int, start: int = 0) -> list[tuple]:
    return [(f"1311{start + i:08d}", f"Pelanggan {start + i}", "DCS", "WIB") for i in range(n)]


@pytest.mark.parametrize("n", [1, PER_STATEMENT - 1, PER_STATEMENT, PER_STATEMENT + 1, 3 * PER_STATEMENT + 7])
def test_every_row_arrives_once_and_its_key_comes_back_across_statement_boundaries(database, n):
    with database.session() as s:
        conn = s.connection()
        back = insert_many(conn, CUSTOMERS, KEYS, customers(n), returning=("account_number", "id"))
    with database.engine.connect() as conn:
        stored = dict(conn.execute(select(CUSTOMERS.c.account_number, CUSTOMERS.c.id)).all())
    assert len(back) == n and dict(back) == stored
    assert sorted(stored) == [f"1311{i:08d}" for i in range(n)]


def test_keys_come_back_as_stored_after_earlier_rows_a_deleted_last_one_and_in_columns(database):
    with database.session() as s:
        conn = s.connection()
        first = insert_many(conn, CUSTOMERS, KEYS, customers(5), returning=("id", "account_number"))
        conn.execute(CUSTOMERS.delete().where(CUSTOMERS.c.id == max(cid for cid, _ in first)))
    with database.session() as s:
        conn = s.connection()
        second = insert_columns(conn, CUSTOMERS, KEYS, list(zip(*customers(PER_STATEMENT + 2, start=5))),
                                returning=("account_number", "id"))
        third = insert_many(conn, CUSTOMERS, KEYS, customers(3, start=PER_STATEMENT + 7), returning=("id",))
    with database.engine.connect() as conn:
        stored = dict(conn.execute(select(CUSTOMERS.c.account_number, CUSTOMERS.c.id)).all())
    assert len(stored) == 4 + PER_STATEMENT + 2 + 3
    assert {account: cid for cid, account in first if account in stored} | dict(second) == \
        {account: cid for account, cid in stored.items() if cid not in {c for c, in third}}
    assert sorted(c for c, in third) == sorted(stored.values())[-3:]


def test_without_returning_nothing_comes_back_and_an_empty_batch_writes_nothing(database):
    with database.session() as s:
        conn = s.connection()
        assert insert_many(conn, CUSTOMERS, KEYS, customers(2 * PER_STATEMENT + 3)) == []
        assert insert_many(conn, CUSTOMERS, KEYS, []) == []
    with database.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(CUSTOMERS)).scalar() == 2 * PER_STATEMENT + 3


def test_values_are_stored_as_the_orm_stores_them(database):
    # An aware time in WIB is stored as UTC, an amount keeps its cents, a flag is a flag.
    at = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc).astimezone()
    with database.session() as s:
        conn = s.connection()
        (account, cid), = insert_many(conn, CUSTOMERS, KEYS, customers(1), returning=("account_number", "id"))
        insert_many(conn, PHONES, ("customer_id", "e164", "invalid"), [(cid, "+6281234567890", True)])
        insert_many(conn, ITEMS, ("customer_id", "program", "state", "priority", "arrears_months", "arrears_amount",
                                  "round_no", "attempts_in_round", "attempts_total", "created_at", "updated_at",
                                  "team_id"),
                    [(cid, "CT0", "new", 100, 2, Decimal("1250000.50"), 1, 0, 0, at, at, None)])
    with database.session() as s:
        item = s.scalars(select(WorkItem)).one()
        phone = s.scalars(select(Phone)).one()
        assert (item.customer.account_number, item.arrears_amount, item.created_at, item.team_id) == (
            account, Decimal("1250000.50"), datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc), None)
        assert (phone.customer_id, phone.e164, phone.invalid) == (cid, "+6281234567890", True)


def test_columns_the_same_for_every_row_are_stored_on_every_row_across_statement_boundaries(database):
    # Four columns vary per row, nine are the file's: an amount with cents, an aware time, a NULL.
    at = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc).astimezone()
    n = 3 * (SQLITE_MAX_VALUES // 4) + 5
    with database.session() as s:
        conn = s.connection()
        ids = [cid for _, cid in insert_many(conn, CUSTOMERS, KEYS, customers(n), returning=("account_number", "id"))]
        insert_many(conn, PHONES, ("customer_id", "e164"), [(cid, f"+62812{cid:08d}") for cid in ids],
                    same={"invalid": True})
        insert_many(conn, ITEMS, ("customer_id", "arrears_months", "arrears_amount", "period"),
                    [(cid, cid % 4, Decimal(cid) + Decimal("0.50"), f"2026{cid % 12 + 1:02d}") for cid in ids],
                    same={"program": "PRANPC", "state": "new", "priority": 90, "round_no": 1,
                          "attempts_in_round": 0, "attempts_total": 0, "created_at": at, "updated_at": at,
                          "team_id": None})
    with database.session() as s:
        items = s.scalars(select(WorkItem).order_by(WorkItem.customer_id)).all()
        phones = s.scalars(select(Phone)).all()
    assert [i.customer_id for i in items] == sorted(ids) and len(phones) == n
    assert all((i.arrears_months, i.arrears_amount, i.period) == (
        i.customer_id % 4, Decimal(i.customer_id) + Decimal("0.50"), f"2026{i.customer_id % 12 + 1:02d}")
        for i in items)
    assert {(i.program, i.state, i.priority, i.round_no, i.attempts_total, i.created_at, i.team_id)
            for i in items} == {("PRANPC", "new", 90, 1, 0, datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc), None)}
    assert {p.invalid for p in phones} == {True} and {p.e164 for p in phones} == {f"+62812{c:08d}" for c in ids}


def test_a_failed_bulk_transaction_leaves_nothing_and_the_connection_as_it_was(database):
    with database.engine.connect() as conn:
        before = _settings(conn)
        conn.rollback()
        with pytest.raises(IntegrityError) as failed, conn.begin(), bulk_transaction(conn):
            insert_many(conn, CUSTOMERS, KEYS, customers(10))
            insert_many(conn, CUSTOMERS, KEYS, customers(1))     # the same account again: unique key
        assert conn.execute(select(func.count()).select_from(CUSTOMERS)).scalar() == 0
        # The error names the statement, never a customer's data (it may reach a log).
        assert "customers" in str(failed.value) and "Pelanggan 0" not in str(failed.value)
        assert _settings(conn) == before


def test_inside_a_bulk_transaction_lookups_take_btrees_and_sqlite_a_bigger_cache(database):
    with database.session() as s, bulk_transaction(s.connection()) as conn:
        inside = _settings(conn)
    if database.engine.dialect.name == "postgresql":
        assert inside == ("off", "off")
    else:
        assert inside == -65536


def _settings(conn):
    if conn.dialect.name == "postgresql":
        return tuple(conn.execute(text(f"SHOW {name}")).scalar() for name in ("enable_bitmapscan", "enable_seqscan"))
    return conn.execute(text("PRAGMA cache_size")).scalar()
