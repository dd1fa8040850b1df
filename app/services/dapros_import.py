"""Reading a dapros (prospect list) file into work items: analyse first, commit second.

`DaprosImporter(database).analyse(path, program)` reads the whole file, maps its
columns (explicit > remembered layout > header synonyms), validates every row
(phone numbers, account numbers, amounts, dates) and finds duplicates in the file
and against open work items of the same program; it writes nothing.
`.commit(plan, mode)` then inserts customers, phones and work items in bulk
(app.store.bulk_writes) in ONE transaction, so a failure or a cancel leaves nothing half
imported; the caller's `before_commit(session, counts)` adds its own rows (the use case's audit
entry) to that transaction.  Who may import and the audit entry are the use case's
(app.core.supervision.imports): no permission check here.  It must not build one ORM
object per row (100,000-row files are normal) and never logs full phone numbers.
"""

from __future__ import annotations

import csv
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Mapping, Sequence

from sqlalchemy import ARRAY, JSON, Integer, String, any_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.domain.programs import Program, ProgramRules, rules_for
from app.platform.collection import collection_paused
from app.services.dapros_rows import RowError, RowValidator, ValidColumns, ValidRow, ValidRows
from app.services.import_readers import (ImportFileError, detect_mapping, header_score, header_signature,
                                         merge_mapping, normalise_header, open_table, resolve)
from app.store.bulk_writes import bulk_transaction, insert_many
from app.store.db import Database
from app.store.models import Customer, ImportLayout, Phone, WorkItem

log = logging.getLogger(__name__)

__all__ = ["DaprosImporter", "ImportPlan", "ImportCounts", "RowError", "ImportFileError"]

BATCH = 2000          # rows per insert round: how often cancel is looked at and progress told
_LOOKUP_CHUNK = 5000  # keys per look-up (one JSON text or array parameter)
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


@dataclass
class ImportPlan:
    """The analysis of one file: what would be imported and what is wrong with the rest."""

    path: Path
    program: Program
    source: str
    header: list[str]
    mapping: dict[str, Any]
    signature: str
    mapping_origin: str                  # "explicit" | "remembered" | "detected"
    total_rows: int = 0
    empty_rows: int = 0
    valid: ValidRows = field(default_factory=lambda: ValidRows(block_rows=BATCH), repr=False)
    errors: list[RowError] = field(default_factory=list, repr=False)
    duplicates: list[RowError] = field(default_factory=list, repr=False)

    @property
    def valid_rows(self) -> int:
        return len(self.valid)

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.errors} | {d.row for d in self.duplicates})

    @property
    def is_clean(self) -> bool:
        return not self.errors and not self.duplicates

    @property
    def program_mismatches(self) -> int:
        """Rows whose arrears months are outside the chosen program's definition."""
        return len({e.row for e in self.errors if e.kind == "program"})

    @property
    def zone_sources(self) -> dict[str, int]:
        """How the valid rows' time zones were found: {"column"|"area_code"|"address"|"unknown": rows}."""
        return dict(Counter(self.valid.column("zone_source")))

    def zone_summary(self) -> str:
        """How the customers' zones were found, for the person importing (Indonesian)."""
        names = (("column", "dari kolom zona"), ("area_code", "dari kode area telepon rumah"),
                 ("address", "dari alamat"), ("unknown", "tidak diketahui"))
        counts = self.zone_sources
        parts = [f"{counts[key]} {label}" for key, label in names if counts.get(key)]
        text = "Zona waktu: " + (", ".join(parts) if parts else "-") + "."
        if counts.get("unknown"):
            text += (" Pelanggan tanpa zona hanya dipanggil saat jam panggilan terbuka di ketiga zona "
                     "(WIB, WITA, WIT).")
        return text

    def summary(self) -> str:
        return (f"{self.source}: {self.total_rows} baris data, {self.valid_rows} valid, "
                f"{len({e.row for e in self.errors})} baris bermasalah, {len(self.duplicates)} duplikat.")

    def save_errors(self, path: str | Path) -> Path:
        """Write every row error and duplicate to CSV (Excel-friendly) or XLSX, by suffix."""
        path = Path(path)
        header = ["Baris", "Kolom", "Nilai", "Pesan", "Jenis"]
        rows = sorted(self.errors + self.duplicates, key=lambda e: (e.row, e.kind))
        kinds = {"error": "galat", "duplicate": "duplikat", "program": "tidak sesuai program"}
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Galat impor")
            ws.freeze_panes = "A2"
            ws.append(header)
            for e in rows:
                ws.append([e.row, e.column, _safe_cell(e.value), e.message, kinds[e.kind]])
            wb.save(path)
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh, delimiter=";")
                w.writerow(header)
                w.writerows([e.row, e.column, _safe_cell(e.value), e.message, kinds[e.kind]] for e in rows)
        return path


def _safe_cell(value: str) -> str:
    # A value starting with = + - @ would run as a formula when the report is opened in Excel.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


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
        path = Path(path)
        program = _program(program)
        table = open_table(path, self._header_scorer(mapping))
        signature = header_signature(table.header)
        remembered = self._remembered(signature)
        base = remembered if remembered is not None else detect_mapping(table.header)
        final = merge_mapping(base, mapping)
        columns = resolve(final, table.header, path.name)
        origin = "explicit" if mapping else ("remembered" if remembered is not None else "detected")
        plan = ImportPlan(path, program, path.name, table.header, final, signature, origin)
        validate = RowValidator(columns, program, (self.programs or {}).get(program))
        acc_at = columns.single["account_number"]
        acc_col = columns.label(acc_at)
        with collection_paused():
            self._check_rows(plan, table, validate, acc_at, acc_col)
            if plan.total_rows == 0:
                raise ImportFileError(f"Berkas {path.name} tidak berisi baris data di bawah baris judul.")
            self._mark_open_duplicates(plan, acc_col)
        log.info("dapros %s analysed: %d rows, %d valid, %d errors, %d duplicates (mapping %s)",
                 path.name, plan.total_rows, plan.valid_rows, len(plan.errors), len(plan.duplicates), origin)
        return plan

    @staticmethod
    def _check_rows(plan: ImportPlan, table, validate: RowValidator, acc_at: int, acc_col: str) -> None:
        first_seen: dict[str, int] = {}
        valid: list[ValidRow] = []          # handed to the plan a block at a time (ValidRows)
        for number, values in table.rows():
            if len(valid) >= BATCH:
                plan.valid.extend(valid)
                valid.clear()
            # A row with its account number is not empty: the look at every cell is for the rest.
            account = values[acc_at] if acc_at < len(values) else None
            if not (account.__class__ is str and account.strip()) and not _has_a_value(values):
                plan.empty_rows += 1
                continue
            plan.total_rows += 1
            outcome = validate(number, values)
            if isinstance(outcome, list):
                plan.errors.extend(outcome)
                continue
            first = first_seen.setdefault(outcome.account, number)
            if first != number:
                plan.duplicates.append(RowError(number, acc_col, outcome.account,
                                                f"No Internet {outcome.account} sudah ada di baris {first} "
                                                "berkas ini.", "duplicate"))
                continue
            valid.append(outcome)
        plan.valid.extend(valid)

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

    def _mark_open_duplicates(self, plan: ImportPlan, acc_col: str) -> None:
        with self.database.engine.connect() as conn, bulk_transaction(conn):
            known = self._customer_ids(conn, plan.valid.column("account"))
            open_accounts = self._open_accounts(conn, plan.program, known)
        if not open_accounts:
            return
        keep = []
        for r in plan.valid:
            if r.account in open_accounts:
                plan.duplicates.append(RowError(
                    r.row, acc_col, r.account, f"No Internet {r.account} masih memiliki dapros "
                    f"{plan.program.value} yang terbuka di basis data.", "duplicate"))
            else:
                keep.append(r)
        plan.valid = ValidRows(keep, block_rows=BATCH)

    # --- commit -------------------------------------------------------------
    def commit(self, plan: ImportPlan, mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
               progress: Callable[[int, int], None] | None = None,
               cancel: threading.Event | None = None,
               before_commit: Callable[[Session, ImportCounts], None] | None = None,
               team_id: int | None = None) -> ImportCounts:
        """`team_id`: the team whose agents work the new records (None: every team's)."""
        if mode not in ("all_or_nothing", "valid_only"):
            raise ValueError(f"Mode impor tidak dikenal: {mode!r}.")
        total = plan.total_rows
        if mode == "all_or_nothing" and not plan.is_clean:
            return ImportCounts("rejected", total, 0, plan.rejected_rows,
                                message=f"{plan.rejected_rows} baris ditolak; tidak ada yang diimpor.")
        counts = ImportCounts("imported", total, rejected=plan.rejected_rows)
        now = self._now()
        try:
            # One transaction: all rows or none.
            with collection_paused(), self.database.session() as session, \
                    bulk_transaction(session.connection()) as conn:
                done = 0
                for block in plan.valid.blocks():
                    if cancel is not None and cancel.is_set():
                        raise _Cancelled
                    late = self._insert_block(conn, plan, block, now, counts, team_id)
                    if late and mode == "all_or_nothing":
                        raise _Conflict(late)
                    counts.rejected += len(late)
                    done += len(block.row)
                    if progress:
                        progress(done, len(plan.valid))
                if cancel is not None and cancel.is_set():
                    raise _Cancelled
                self._remember(conn, plan, now)
                if before_commit is not None:
                    before_commit(session, counts)
        except _Cancelled:
            log.info("dapros %s import cancelled; rolled back", plan.source)
            return ImportCounts("cancelled", total, message="Impor dibatalkan; tidak ada yang diimpor.")
        except _Conflict as exc:
            return ImportCounts("rejected", total, 0, plan.rejected_rows + len(exc.accounts),
                                message=f"{len(exc.accounts)} No Internet baru saja diimpor oleh proses lain; "
                                "tidak ada yang diimpor.")
        counts.message = f"{counts.imported} baris diimpor, {counts.rejected} ditolak."
        return counts

    def _insert_block(self, conn, plan: ImportPlan, block: ValidColumns, now: datetime,
                      counts: ImportCounts, team_id: int | None = None) -> list[str]:
        """One block of the plan's rows (a tuple per field, app.services.dapros_rows.ValidRows)."""
        accounts = block.account
        ids = self._customer_ids(conn, list(accounts))
        # Re-checked inside the transaction: another import may have run since analyse().
        late = self._open_accounts(conn, plan.program, ids)
        rows = [i for i, account in enumerate(accounts) if account not in late] if late else range(len(accounts))
        known_phones = self._phones_of(conn, list(ids.values())) if ids else set()
        new = [i for i in rows if accounts[i] not in ids] if ids else rows
        if new:
            # Keyed by account number: no row order is needed.
            ids.update(insert_many(conn, _CUSTOMERS, _CUSTOMER_KEYS,
                                   list(zip(*(_at(getattr(block, f), new) for f in _CUSTOMER_FIELDS))),
                                   returning=("account_number", "id")))
            counts.customers_created += len(new)
        customer_ids = [ids[account] for account in _at(accounts, rows)]
        phone_rows = []
        for cid, numbers in zip(customer_ids, _at(block.phones, rows)):
            for e164 in numbers.split():
                if (cid, e164) not in known_phones:
                    known_phones.add((cid, e164))
                    phone_rows.append((cid, e164))
        if phone_rows:
            insert_many(conn, _PHONES, ("customer_id", "e164"), phone_rows, same={"invalid": False})
            counts.phones_created += len(phone_rows)
        same = {"program": plan.program.value, "state": "new", "priority": rules_for(plan.program).priority,
                "source": plan.source[:120], "round_no": 1, "attempts_in_round": 0, "attempts_total": 0,
                "created_at": now, "updated_at": now, "team_id": team_id}
        insert_many(conn, _ITEMS, _ITEM_KEYS,
                    list(zip(customer_ids, *(_at(getattr(block, f), rows) for f in _ITEM_FIELDS))), same=same)
        counts.imported += len(rows)
        return sorted(late)

    def _remember(self, conn, plan: ImportPlan, now: datetime) -> None:
        doc = {"fields": plan.mapping, "header": plan.header}
        exists = conn.execute(select(_LAYOUTS.c.id).where(_LAYOUTS.c.signature == plan.signature)).scalar()
        if exists:
            conn.execute(update(_LAYOUTS).where(_LAYOUTS.c.id == exists).values(mapping=doc, updated_at=now))
        else:
            conn.execute(insert(_LAYOUTS).values(signature=plan.signature, mapping=doc, updated_at=now))


class _Cancelled(Exception):
    pass


class _Conflict(Exception):
    def __init__(self, accounts: list[str]) -> None:
        super().__init__(accounts)
        self.accounts = accounts


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


def _has_a_value(values: list) -> bool:
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in values)


def _at(column: tuple, rows: range | list[int]) -> Sequence[Any]:
    """A block's column at these row positions (the column itself when they are all of it)."""
    return column if isinstance(rows, range) else [column[i] for i in rows]


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
