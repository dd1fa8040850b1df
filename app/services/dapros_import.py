"""Reading a dapros (prospect list) file into work items: analyse first, commit second.

`DaprosImporter(database).analyse(path, program)` reads the whole file, maps its
columns (explicit > remembered layout > header synonyms), validates every row
(phone numbers, account numbers, amounts, dates) and finds duplicates in the file
and against open work items of the same program; it writes nothing.
`.commit(plan, mode)` then inserts customers, phones and work items in bulk
(app.store.bulk_writes) in ONE transaction, so a failure or a cancel leaves nothing half
imported; the caller's `before_commit(session, plan, counts)` adds its own rows (the use case's audit
entry) to that transaction.  `.import_file(path, program, mode=...)` does both in one pass for a
caller that chose the mode up front (a script), a CSV file checked by a process of its own
(app.services.dapros_check_process) while the rows already checked are written.  The plan and
the checks of the rows are app.services.dapros_plan's.  Who may import and the audit entry are the use case's
(app.core.supervision.imports): no permission check here.  It must not build one ORM
object per row (100,000-row files are normal) and never logs full phone numbers.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal, Mapping, Sequence

from sqlalchemy import ARRAY, JSON, Integer, String, any_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.domain.programs import Program, ProgramRules, rules_for
from app.platform.collection import collection_paused
from app.services.dapros_check_process import CheckProcess
from app.services.dapros_plan import BATCH, ImportPlan, RowChecks, in_file_duplicate, refuse_without_data
from app.services.dapros_rows import RowError, RowValidator, ValidColumns, ValidRows
from app.services.import_readers import (ImportFileError, detect_mapping, header_score, header_signature,
                                         merge_mapping, normalise_header, open_table, resolve)
from app.store.bulk_writes import bulk_transaction, insert_columns, insert_many
from app.store.db import Database
from app.store.models import Customer, ImportLayout, Phone, WorkItem

log = logging.getLogger(__name__)

__all__ = ["DaprosImporter", "ImportPlan", "ImportCounts", "RowError", "ImportFileError"]

_LOOKUP_CHUNK = 5000  # keys per look-up (one JSON text or array parameter)
# import_file: a CSV file's first data rows, checked here while the checking process starts (0.1 s)
HEAD_ROWS = 5000
_CUSTOMERS, _PHONES, _ITEMS = Customer.__table__, Phone.__table__, WorkItem.__table__
_LAYOUTS = ImportLayout.__table__


def _lookups(one_of) -> dict[str, Any]:
    """The import's look-ups, built once: one table each, key by key, so there is no join order
    for the planner to get wrong (bulk_transaction)."""
    return {
        "open_items_of": select(_ITEMS.c.customer_id).where(
            one_of(_ITEMS.c.customer_id, "ids", Integer), _ITEMS.c.program == bindparam("program"),
            _ITEMS.c.closed_at.is_(None)),
        "customer_ids": select(_CUSTOMERS.c.account_number, _CUSTOMERS.c.id).where(
            one_of(_CUSTOMERS.c.account_number, "accounts", String)),
        "phones_of": select(_PHONES.c.customer_id, _PHONES.c.e164).where(one_of(_PHONES.c.customer_id, "ids", Integer)),
    }


def _in_json_list(column, name, _type):
    """SQLite: `column IN (SELECT value FROM json_each(?))`, the keys one JSON text: one statement
    compiled once, where an expanding `IN (?, ?, ...)` had SQLAlchemy write 900 placeholders at
    every look-up (100,000 of them for a file of 100,000 rows)."""
    return column.in_(select(func.json_each(bindparam(name, type_=JSON)).table_valued("value").c.value))


# PostgreSQL: `= ANY(array)`, one parameter: 900 placeholders per look-up, each given a type cast
# by SQLAlchemy and parsed again by psycopg, were 3 s of the analysis of 100,000 rows.
_LOOKUPS = {"sqlite": _lookups(_in_json_list),
            "postgresql": _lookups(lambda column, name, type_: column == any_(bindparam(name, type_=ARRAY(type_))))}


@dataclass
class ImportCounts:
    status: Literal["imported", "rejected", "cancelled"]
    total_rows: int
    imported: int = 0
    rejected: int = 0
    customers_created: int = 0
    phones_created: int = 0
    message: str = ""


class DaprosImporter:
    def __init__(self, database: Database, *, now: Callable[[], datetime] | None = None,
                 programs: Mapping[Program, ProgramRules] | None = None) -> None:
        """programs: the site's program definitions (rules_from_settings(settings "programs"))."""
        self.database = database
        self._now = now or (lambda: datetime.now(timezone.utc))
        self.programs = programs

    # --- analyse ------------------------------------------------------------
    def analyse(self, path: str | Path, program: Program | str,
                mapping: Mapping[str, Any] | None = None) -> ImportPlan:
        plan, rows = self._open(path, program, mapping)
        with collection_paused():
            rows.check(plan)
            self._mark_open_duplicates(plan)
        self._log_analysis(plan)
        return plan

    def _open(self, path: str | Path, program: Program | str,
              mapping: Mapping[str, Any] | None) -> tuple[ImportPlan, RowChecks]:
        """The file opened and its columns mapped: an empty plan, and the checks of its rows."""
        path = Path(path)
        program = _program(program)
        table = open_table(path, self._header_scorer(mapping))
        signature = header_signature(table.header)
        remembered = self._remembered(signature)
        base = remembered if remembered is not None else detect_mapping(table.header)
        final = merge_mapping(base, mapping)
        columns = resolve(final, table.header, path.name)
        origin = "explicit" if mapping else ("remembered" if remembered is not None else "detected")
        account_at = columns.single["account_number"]
        plan = ImportPlan(path, program, path.name, table.header, final, signature, origin,
                          account_column=columns.label(account_at))
        return plan, RowChecks(table, RowValidator(columns, program, (self.programs or {}).get(program)), account_at)

    @staticmethod
    def _log_analysis(plan: ImportPlan) -> None:
        log.info("dapros %s analysed: %d rows, %d valid, %d errors, %d duplicates (mapping %s)",
                 plan.source, plan.total_rows, plan.valid_rows, len(plan.errors), len(plan.duplicates),
                 plan.mapping_origin)

    def _header_scorer(self, mapping: Mapping[str, Any] | None) -> Callable[[list[str]], int]:
        """Recognise the header row: a remembered layout, the explicit mapping's columns, or synonyms."""
        with self.database.engine.connect() as conn:
            remembered = set(conn.execute(select(_LAYOUTS.c.signature)).scalars())
        wanted: set[str] = set()
        for value in (mapping or {}).values():
            for text in ([value] if isinstance(value, str) else value or []):
                wanted.add(normalise_header(text))

        def score(cells: list[str]) -> int:
            end = len(cells)
            while end and not cells[end - 1]:
                end -= 1
            if end and header_signature(cells[:end]) in remembered:
                return 1000
            hits = len(wanted.intersection(cells))
            if wanted and hits >= min(2, len(wanted)):
                return 100 + hits
            return header_score(cells)
        return score

    def _remembered(self, signature: str) -> dict[str, Any] | None:
        with self.database.engine.connect() as conn:
            found = conn.execute(select(_LAYOUTS.c.mapping).where(_LAYOUTS.c.signature == signature)).scalar()
        return dict(found["fields"]) if found and "fields" in found else None

    @staticmethod
    def _open_accounts(conn, program: Program, ids: Mapping[str, int]) -> set[str]:
        """Of these customers (account -> id), the accounts with an open work item of the program."""
        account_of = {cid: account for account, cid in ids.items()}
        lookup, found = _LOOKUPS[conn.dialect.name]["open_items_of"], set()
        for chunk in _chunks(list(account_of), _LOOKUP_CHUNK):
            rows = conn.execute(lookup, {"ids": chunk, "program": program.value}).scalars()
            found.update(account_of[cid] for cid in rows)
        return found

    @staticmethod
    def _customer_ids(conn, accounts: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for chunk in _chunks(accounts, _LOOKUP_CHUNK):
            ids.update(conn.execute(_LOOKUPS[conn.dialect.name]["customer_ids"], {"accounts": chunk}).all())
        return ids

    @staticmethod
    def _phones_of(conn, customer_ids: list[int]) -> set[tuple[int, str]]:
        known: set[tuple[int, str]] = set()
        for chunk in _chunks(customer_ids, _LOOKUP_CHUNK):
            known.update(conn.execute(_LOOKUPS[conn.dialect.name]["phones_of"], {"ids": chunk}).all())
        return known

    def _mark_open_duplicates(self, plan: ImportPlan) -> None:
        with self.database.engine.connect() as conn, bulk_transaction(conn):
            known = self._customer_ids(conn, plan.valid.column("account"))
            open_accounts = self._open_accounts(conn, plan.program, known)
        if open_accounts:
            _refuse(plan, [_open_item(plan, r.row, r.account) for r in plan.valid if r.account in open_accounts])

    # --- commit -------------------------------------------------------------
    def commit(self, plan: ImportPlan, mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
               progress: Callable[[int, int], None] | None = None,
               cancel: threading.Event | None = None,
               before_commit: Callable[[Session, ImportPlan, ImportCounts], None] | None = None,
               team_id: int | None = None) -> ImportCounts:
        """`team_id`: the team whose agents work the new records (None: every team's)."""
        _check_mode(mode)
        if mode == "all_or_nothing" and not plan.is_clean:
            return _refused(plan)
        counts, late = self._write(plan, plan.valid.blocks(), mode, progress, cancel, before_commit, team_id)
        if counts.status == "rejected":         # the new rows' accounts, imported by another process since
            return ImportCounts("rejected", plan.total_rows, 0, plan.rejected_rows + len(late),
                                message=f"{len(late)} No Internet baru saja diimpor oleh proses lain; "
                                "tidak ada yang diimpor.")
        return counts

    # --- analyse and commit in one pass -------------------------------------
    def import_file(self, path: str | Path, program: Program | str, mapping: Mapping[str, Any] | None = None,
                    mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
                    cancel: threading.Event | None = None,
                    before_commit: Callable[[Session, ImportPlan, ImportCounts], None] | None = None,
                    team_id: int | None = None) -> tuple[ImportPlan, ImportCounts]:
        """analyse() and commit() at once, for a caller that chose the mode before seeing the
        analysis (`sambung import`).  The plan handed back is analyse()'s, with the rows refused
        for an open work item in the database.

        A CSV file's rows are checked by a process of their own (app.services.dapros_check_process)
        while this one writes the blocks already checked: the checks and the writes each take
        about half of an import and both hold the interpreter lock, so one process does them one
        after the other.  The first HEAD_ROWS rows are checked here while that process starts.  In
        "all_or_nothing" the writing stops at the first refused row, the checks go on (every error
        is reported) and nothing is kept.  An XLSX file is read whole by calamine before its first
        row: it is checked here, then written.
        """
        _check_mode(mode)
        checks = CheckProcess()         # getting ready while the file is opened
        try:
            plan, rows = self._open(path, program, mapping)
            if rows.table.kind == "csv":
                validate = rows.validate
                checks.check(plan.path, plan.header, validate.c, plan.program, validate.rules, rows.table.encoding,
                             start=HEAD_ROWS)
                with collection_paused():
                    rows.check(plan, stop=HEAD_ROWS)        # while the checking process starts
                blocks = _checked_blocks(plan, rows.first_seen, checks, mode, cancel)
            else:
                with collection_paused():
                    rows.check(plan)
                blocks = plan.valid.blocks() if mode == "valid_only" or plan.is_clean else iter(())
            counts, late = self._write(plan, blocks, mode, None, cancel, before_commit, team_id)
            if counts.status == "rejected":
                try:
                    for _ in blocks:        # refused early: the rest of the file is still checked
                        pass
                except _Cancelled:
                    return plan, _cancelled(plan)
        finally:
            checks.close()
        if counts.status == "rejected":
            # Reported as analyse() does: every row whose account has an open work item too.
            self._mark_open_duplicates(plan)
            self._log_analysis(plan)
            return plan, _refused(plan)
        if late:
            _refuse(plan, late)
        self._log_analysis(plan)
        return plan, counts

    def _write(self, plan: ImportPlan, blocks: Iterable[ValidColumns], mode: str,
               progress: Callable[[int, int], None] | None, cancel: threading.Event | None,
               before_commit: Callable[[Session, ImportPlan, ImportCounts], None] | None,
               team_id: int | None) -> tuple[ImportCounts, list[RowError]]:
        """Write the blocks in ONE transaction; commit when the plan, whole once the blocks end,
        may be (every row valid in "all_or_nothing").  Also hands back the rows refused because
        their account has an open work item of the program by now (another import since the
        analysis); in "all_or_nothing" the first such block ends the writing, nothing kept."""
        late: list[RowError] = []
        counts = ImportCounts("imported", 0)
        now = self._now()
        try:
            with collection_paused(), self.database.session() as session, \
                    bulk_transaction(session.connection()) as conn:
                done = 0
                for block in blocks:
                    if cancel is not None and cancel.is_set():
                        raise _Cancelled
                    late += self._insert_block(conn, plan, block, now, counts, team_id)
                    if late and mode == "all_or_nothing":
                        raise _Refused
                    done += len(block.row)
                    if progress:
                        progress(done, len(plan.valid))
                if cancel is not None and cancel.is_set():
                    raise _Cancelled
                if mode == "all_or_nothing" and not plan.is_clean:
                    raise _Refused
                counts.total_rows, counts.rejected = plan.total_rows, plan.rejected_rows + len(late)
                self._remember(conn, plan, now)
                if before_commit is not None:
                    before_commit(session, plan, counts)
        except _Cancelled:
            return _cancelled(plan), []
        except _Refused:
            return ImportCounts("rejected", plan.total_rows), late
        counts.message = f"{counts.imported} baris diimpor, {counts.rejected} ditolak."
        return counts, late

    def _insert_block(self, conn, plan: ImportPlan, block: ValidColumns, now: datetime,
                      counts: ImportCounts, team_id: int | None = None) -> list[RowError]:
        """One block of the plan's rows (a tuple per field, app.services.dapros_rows.ValidRows);
        hands back the rows refused for an open work item of their account."""
        accounts = block.account
        ids = self._customer_ids(conn, list(accounts))
        # Re-checked inside the transaction: another import may have run since analyse().
        late = self._open_accounts(conn, plan.program, ids)
        rows = [i for i, account in enumerate(accounts) if account not in late] if late else range(len(accounts))
        known_phones = self._phones_of(conn, list(ids.values())) if ids else set()
        new = [i for i in rows if accounts[i] not in ids] if ids else rows
        if new:
            # Keyed by account number: no row order is needed.
            ids.update(insert_columns(conn, _CUSTOMERS, _CUSTOMER_KEYS,
                                      [_at(getattr(block, f), new) for f in _CUSTOMER_FIELDS],
                                      returning=("account_number", "id")))
            counts.customers_created += len(new)
        customer_ids = [ids[account] for account in _at(accounts, rows)]
        # The pairs are distinct already: a row's numbers are, and an account is on one row of a file.
        pairs = [(cid, e164) for cid, text in zip(customer_ids, _at(block.phones, rows)) for e164 in text.split()
                 if not known_phones or (cid, e164) not in known_phones]
        if pairs:
            insert_many(conn, _PHONES, ("customer_id", "e164"), pairs, same={"invalid": False})
            counts.phones_created += len(pairs)
        same = {"program": plan.program.value, "state": "new", "priority": rules_for(plan.program).priority,
                "source": plan.source[:120], "round_no": 1, "attempts_in_round": 0, "attempts_total": 0,
                "created_at": now, "updated_at": now, "team_id": team_id}
        insert_columns(conn, _ITEMS, _ITEM_KEYS, [customer_ids, *(_at(getattr(block, f), rows) for f in _ITEM_FIELDS)],
                       same=same)
        counts.imported += len(rows)
        return [_open_item(plan, row, account) for row, account in zip(block.row, accounts) if account in late]

    def _remember(self, conn, plan: ImportPlan, now: datetime) -> None:
        doc = {"fields": plan.mapping, "header": plan.header}
        exists = conn.execute(select(_LAYOUTS.c.id).where(_LAYOUTS.c.signature == plan.signature)).scalar()
        if exists:
            conn.execute(update(_LAYOUTS).where(_LAYOUTS.c.id == exists).values(mapping=doc, updated_at=now))
        else:
            conn.execute(insert(_LAYOUTS).values(signature=plan.signature, mapping=doc, updated_at=now))


def _checked_blocks(plan: ImportPlan, head: Mapping[str, int], checks: CheckProcess, mode: str,
                    cancel: threading.Event | None) -> Iterator[ValidColumns]:
    """The plan's blocks so far (the file's first rows, `head`: their accounts, checked here), then
    the checking process's, kept in the plan with its errors: each handed on to be written, in
    "all_or_nothing" none after the first refused row, while the plan fills."""
    def may_write() -> bool:
        return mode == "valid_only" or plan.is_clean
    for block in list(plan.valid.blocks()):
        if not may_write():
            break
        yield block
    for kind, *rest in checks.messages():
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        if kind == "block":
            block, errors, duplicates = rest
            if not head.keys().isdisjoint(block.account):
                block = _without_head_accounts(plan, block, head)
            plan.valid.add(block)
        else:
            total, empty, errors, duplicates = rest
            plan.total_rows += total
            plan.empty_rows += empty
        plan.errors += errors
        # The process saw the file from the head on: a repeat of a head account names the head's row.
        plan.duplicates += [d if d.value not in head else in_file_duplicate(plan, d.row, d.value, head[d.value])
                            for d in duplicates]
        if kind == "block" and may_write():
            yield block
    plan.duplicates.sort(key=lambda d: d.row)
    refuse_without_data(plan)


def _without_head_accounts(plan: ImportPlan, block: ValidColumns, head: Mapping[str, int]) -> ValidColumns:
    """The block less its rows whose account was on a row of the head (duplicates of it)."""
    keep = []
    for i, (row, account) in enumerate(zip(block.row, block.account)):
        if account in head:
            plan.duplicates.append(in_file_duplicate(plan, row, account, head[account]))
        else:
            keep.append(i)
    return ValidColumns._make(tuple(field[i] for i in keep) for field in block)


class _Cancelled(Exception):
    pass


class _Refused(Exception):
    """A row is refused and the import is all or nothing."""


def _check_mode(mode: str) -> None:
    if mode not in ("all_or_nothing", "valid_only"):
        raise ValueError(f"Mode impor tidak dikenal: {mode!r}.")


def _cancelled(plan: ImportPlan) -> ImportCounts:
    log.info("dapros %s import cancelled; rolled back", plan.source)
    return ImportCounts("cancelled", plan.total_rows, message="Impor dibatalkan; tidak ada yang diimpor.")


def _refused(plan: ImportPlan) -> ImportCounts:
    return ImportCounts("rejected", plan.total_rows, 0, plan.rejected_rows,
                        message=f"{plan.rejected_rows} baris ditolak; tidak ada yang diimpor.")


def _refuse(plan: ImportPlan, duplicates: list[RowError]) -> None:
    """These valid rows become duplicates (of an open work item in the database)."""
    plan.duplicates += duplicates
    refused = {d.row for d in duplicates}
    plan.valid = ValidRows((r for r in plan.valid if r.row not in refused), block_rows=BATCH)


def _open_item(plan: ImportPlan, row: int, account: str) -> RowError:
    return RowError(row, plan.account_column, account, f"No Internet {account} masih memiliki dapros "
                    f"{plan.program.value} yang terbuka di basis data.", "duplicate")


def _program(program: Program | str) -> Program:
    key = str(getattr(program, "value", program)).upper().replace("-", "").replace(" ", "")
    if key not in (Program.CT0.value, Program.PRANPC.value):
        raise ValueError(f"Program dapros tidak dikenal: {program!r}; gunakan CT0 atau PRANPC.")
    return Program(key)


# Columns written per row, and the ValidRow fields they come from.
_CUSTOMER_KEYS = ("account_number", "name", "segment", "region", "zone_source", "address", "email")
_CUSTOMER_FIELDS = ("account", "name", "segment", "region", "zone_source", "address", "email")
_ITEM_KEYS = ("customer_id", "arrears_months", "arrears_amount", "period")     # the rest: one value per file
_ITEM_FIELDS = ("months", "amount", "period")                                  # after the customer's id


def _at(column: tuple, rows: range | list[int]) -> Sequence[Any]:
    """A block's column at these row positions (the column itself when they are all of it)."""
    return column if isinstance(rows, range) else [column[i] for i in rows]


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
