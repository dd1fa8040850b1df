"""A dapros file's analysis: the plan of what would be imported, and the checks of the rows that make it.

`RowChecks(table, validator, account_at).check(plan)` reads every row of an opened table
(app.services.import_readers) into an `ImportPlan`: the valid rows (app.services.dapros_rows),
the rows' errors and the duplicates within the file.  No database here, nor SQLAlchemy: the
import's checking process (app.services.dapros_check_process) runs this module alone.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable

from app.domain.programs import Program
from app.services.dapros_rows import RowError, RowValidator, ValidColumns, ValidRow, ValidRows
from app.services.import_readers import ImportFileError

BATCH = 2000          # valid rows per block: written a block at a time, how often cancel is looked at


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
    account_column: str = ""             # the header of the account number column
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


class RowChecks:
    """A file's rows read and checked into a plan (valid rows, errors, duplicates in the file).

    `first_seen`: the account numbers checked valid so far, each with the row it was first on."""

    def __init__(self, table, validate: RowValidator, account_at: int) -> None:
        self.table, self.validate, self.account_at = table, validate, account_at
        self.first_seen: dict[str, int] = {}

    def check(self, plan: ImportPlan, on_block: Callable[[ValidColumns], None] | None = None,
              start: int = 0, stop: int | None = None) -> None:
        """The table's data rows from `start` (counting from 0, empty rows too) up to `stop`;
        `on_block` is given each block of valid rows as soon as the plan holds it.  Only a whole
        file's check (the default) refuses a file without data rows."""
        first_seen = self.first_seen
        valid: list[ValidRow] = []          # handed to the plan a block at a time (ValidRows)
        acc_at, validate = self.account_at, self.validate
        for number, values in islice(self.table.rows(), start, stop):
            if len(valid) >= BATCH:
                self._keep(plan, valid, on_block)
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
                plan.duplicates.append(in_file_duplicate(plan, number, outcome.account, first))
                continue
            valid.append(outcome)
        self._keep(plan, valid, on_block)
        if (start, stop) == (0, None):
            refuse_without_data(plan)

    @staticmethod
    def _keep(plan: ImportPlan, valid: list[ValidRow], on_block) -> None:
        for block in plan.valid.extend(valid):
            if on_block is not None:
                on_block(block)
        valid.clear()


def in_file_duplicate(plan: ImportPlan, row: int, account: str, first: int) -> RowError:
    return RowError(row, plan.account_column, account, f"No Internet {account} sudah ada di baris {first} "
                    "berkas ini.", "duplicate")


def refuse_without_data(plan: ImportPlan) -> None:
    if plan.total_rows == 0:
        raise ImportFileError(f"Berkas {plan.path.name} tidak berisi baris data di bawah baris judul.")


def _has_a_value(values: list) -> bool:
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in values)
