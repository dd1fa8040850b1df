"""One row of a dapros file, checked: the values a work item needs, or what is wrong with it.

`RowValidator(columns, program, rules)` is built once per file by app.services.dapros_import
and called for every row; it returns a `ValidRow` (normalised: E.164 phones, whole
Rupiah, YYYYMM period, segment, and the customer's time zone with where it came from)
or the row's `RowError`s, with messages in Indonesian for the person who fixes the file.
The zone is the file's column, else a fixed line's area code, else the address
(app.domain.zone_lookup), else "UNK" (zona tidak diketahui), never WIB by default.  A
row whose arrears months lie outside the program's definition (site setting
`programs.<P>.arrears_months_allowed`) is reported with kind "program".  No I/O here.

Speed (issue 19: files of 100,000 rows): a column whose values repeat (amount, months,
period, segment, zone) is checked once per distinct cell value and the verdict remembered
for the file; account, name and phone cells take a fast path for the plain form a dapros
file usually has and the full check otherwise, so every verdict and message is the full
check's.
"""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial
from itertools import chain
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from app.domain.phone import InvalidPhoneNumber, to_e164
from app.domain.programs import Program, ProgramRules, rules_for
from app.domain.time_zones import CustomerZone
from app.domain.zone_lookup import derive_zone
from app.domain.validators import (parse_amount, parse_date, parse_period, validate_account_number,
                                   validate_email)
from app.services.import_readers import ColumnIndex

_SEGMENTS = {"DES": "DES", "DGS": "DGS", "DBS": "DBS", "DCS": "DCS", "ENTERPRISE": "DES",
             "GOVERNMENT": "DGS", "PEMERINTAH": "DGS", "BUSINESS": "DBS", "BISNIS": "DBS",
             "CONSUMER": "DCS", "KONSUMER": "DCS", "RETAIL": "DCS", "PERSONAL": "DCS"}
_REGIONS = {"WIB": "WIB", "WITA": "WITA", "WIT": "WIT", "BARAT": "WIB", "TENGAH": "WITA", "TIMUR": "WIT",
            "INDONESIA BARAT": "WIB", "INDONESIA TENGAH": "WITA", "INDONESIA TIMUR": "WIT",
            "WAKTU INDONESIA BARAT": "WIB", "WAKTU INDONESIA TENGAH": "WITA", "WAKTU INDONESIA TIMUR": "WIT"}
# A zone cell that says it does not know: derive the zone as if the column were empty.
_NO_ZONE = {"-", "?", "UNK", "UNKNOWN", "TIDAK DIKETAHUI", "TIDAK TAHU", "N/A", "NA"}
_PHONE_SPLIT = re.compile(r"\s*[/;,|&]\s*|\s+(?:dan|atau)\s+")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/. ](\d{4})$")
_SHORTEST_ACCOUNT, _LONGEST_ACCOUNT = 9, 14       # as validate_account_number counts digits
# Verdicts kept per column: amounts may all differ, and memory is not to grow with the file.
_REMEMBERED_PER_COLUMN = 20_000

_MONTHS_NOT_WHOLE = "Bulan Tunggakan harus bilangan bulat (0-120)."
_NO_PHONE = "Tidak ada nomor telepon pelanggan."


@dataclass(frozen=True)
class RowError:
    row: int            # as Excel numbers it
    column: str         # the header text
    value: str
    message: str        # Indonesian, for the person who fixes the file
    kind: str = "error"  # "error" | "duplicate" | "program" (arrears months outside the chosen program)


class ValidRow(NamedTuple):
    """A tuple, not a dataclass: one is made per row of files of 100,000 rows."""

    row: int
    account: str
    name: str
    segment: str
    region: str
    address: str | None
    email: str | None
    phones: tuple[str, ...]
    amount: Decimal
    months: int
    period: str | None
    zone_source: str = "column"     # column | area_code | address | unknown (app.domain.zone_lookup)


# A ValidRow from a tuple of every field, without the Python frame of the named tuple's __new__
# (a tenth of the checks of a file of 100,000 rows).
_new_row = partial(tuple.__new__, ValidRow)
# A zone's text without the enum's `value` descriptor (a Python call per row).
_ZONE_TEXT = {zone: zone.value for zone in CustomerZone}

# The same fields, each a tuple of one block's values (ValidRows); phones: one text per row.
ValidColumns = namedtuple("ValidColumns", ValidRow._fields)
_PHONES_AT = ValidRow._fields.index("phones")


class ValidRows:
    """A plan's valid rows, kept in blocks of `block_rows` a field at a time (`blocks()`), and
    read back one by one as `ValidRow`s.

    Why: a file of 100,000 rows held as 100,000 tuples, each with a tuple of phone numbers, is
    200,000 objects Python's cycle collector walks at every full pass for as long as the plan is
    held — on a desk by the GUI thread, while the team leader reads the analysis (45 ms for the
    first pass after an analysis of 100,000 rows, 25-30 ms each after).  Here a block's field is
    one tuple of plain values (the phone numbers one text per row): the first pass finds that it
    holds nothing to collect and stops tracking it, so later passes skip the plan altogether.
    """

    def __init__(self, rows: Iterable[ValidRow] = (), block_rows: int = 2000) -> None:
        self.block_rows = block_rows
        self._blocks: list[ValidColumns] = []
        self._length = 0
        self.extend(list(rows))

    def extend(self, rows: Sequence[ValidRow]) -> list[ValidColumns]:
        """Add these rows; hands back the blocks made of them."""
        made = []
        for start in range(0, len(rows), self.block_rows):
            fields = list(zip(*rows[start:start + self.block_rows]))
            fields[_PHONES_AT] = tuple(map(" ".join, fields[_PHONES_AT]))
            made.append(ValidColumns._make(fields))
            self._length += len(fields[0])
        self._blocks += made
        return made

    def add(self, block: ValidColumns) -> None:
        """A block made elsewhere (the import's checking process)."""
        self._blocks.append(block)
        self._length += len(block.row)

    def blocks(self) -> Iterator[ValidColumns]:
        return iter(self._blocks)

    def column(self, name: str) -> list[Any]:
        """One field of every row, in row order."""
        return list(chain.from_iterable(getattr(block, name) for block in self._blocks))

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[ValidRow]:
        return chain.from_iterable(map(_valid_row, *block) for block in self._blocks)

    def __getitem__(self, index: int) -> ValidRow:
        index = range(self._length)[index]          # negative indexes; IndexError past the end
        for block in self._blocks:
            if index < len(block.row):
                return _valid_row(*(field[index] for field in block))
            index -= len(block.row)
        raise IndexError(index)


def _valid_row(row, account, name, segment, region, address, email, phones, amount, months, period,
               zone_source) -> ValidRow:
    return ValidRow(row, account, name, segment, region, address, email, tuple(phones.split()), amount, months,
                    period, zone_source)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _cell_text(raw: Any) -> str:
    """A cell as stripped text; a plain string (most cells) takes no detour through `_text`."""
    return raw.strip() if raw.__class__ is str else _text(raw)


def _blank(raw: Any) -> bool:
    return raw is None or not _text(raw)


class RowValidator:
    """Turns one raw row into a ValidRow or a list of RowErrors; built once per file."""

    def __init__(self, columns: ColumnIndex, program: Program, rules: ProgramRules | None = None) -> None:
        self.c = columns
        self.s = columns.single
        self.phone_cols = columns.multi.get("phones", ())
        self.program = Program(program)
        self.rules = rules or rules_for(self.program)
        allowed = self.rules.arrears_months_allowed
        # Without a months column a row is taken to be what the program works (the latest stage).
        self.default_months = max(allowed) if allowed else 0
        s = self.s
        self._account_at = s["account_number"]
        self._name_at = s["name"]
        # (column, verdicts of this file so far by cell value, check): see _repeating_cells.  No
        # check is a bound method: that would be a cycle, and the validator with its verdicts
        # (thousands of tuples) would wait for the collector instead of going with the analysis.
        self._remembered = [(s.get(f), {}, check) for f, check in (
            ("arrears_amount", self._amount), ("arrears_months", partial(self._months, self.rules, self.program)),
            ("period", self._period), ("segment", self._segment), ("region", self._region))]
        self._address_at, self._email_at = s.get("address"), s.get("email")

    def __call__(self, number: int, values: list[Any]) -> ValidRow | list[RowError]:
        errors: list[RowError] = []
        n = len(values)
        account = self._account(number, values, errors)
        name = self._name(number, values, errors)
        phones = self._phones(number, values, n, errors)
        if not phones and not errors:
            errors.append(RowError(number, self.c.label(self.phone_cols[0]), "", _NO_PHONE))
        amount, months, period, segment, column_zone = self._repeating_cells(number, values, n, errors)
        address = self._address(number, values, n, errors)
        email = self._email(number, values, n, errors)
        if errors:
            return errors
        zone = derive_zone(column_zone, phones, address)
        return _new_row((number, account, name, segment or "DCS", _ZONE_TEXT[zone.zone], address, email, tuple(phones),
                         amount if amount is not None else Decimal("0"),
                         months if months is not None else self.default_months, period, zone.source))

    # --- the cells every row has ---------------------------------------------

    def _fail(self, errors: list[RowError], number: int, at: int, raw: Any, message: str) -> None:
        errors.append(RowError(number, self.c.label(at), _text(raw), message))

    def _account(self, number: int, values: list[Any], errors: list[RowError]) -> str:
        at = self._account_at
        raw = values[at] if at < len(values) else None
        account = _cell_text(raw)
        # The usual cell, plain ASCII digits of a valid length: what validate_account_number returns.
        if account.isdigit() and account.isascii() and _SHORTEST_ACCOUNT <= len(account) <= _LONGEST_ACCOUNT:
            return account
        if not account:
            self._fail(errors, number, at, raw, "No Internet kosong.")
        elif _SCIENTIFIC.match(account):
            self._fail(errors, number, at, raw, "No Internet tertulis dalam format ilmiah (mis. 1,31E+11): "
                       "format kolom sebagai Teks di Excel lalu ekspor ulang.")
        else:
            try:
                account = validate_account_number(account)
            except ValueError as exc:
                self._fail(errors, number, at, raw, str(exc))
        return account

    def _name(self, number: int, values: list[Any], errors: list[RowError]) -> str:
        at = self._name_at
        raw = values[at] if at < len(values) else None
        name = _cell_text(raw)
        if not name:
            self._fail(errors, number, at, raw, "Nama Pelanggan kosong.")
        elif len(name) > 120:
            self._fail(errors, number, at, raw, "Nama Pelanggan lebih dari 120 karakter.")
        return name

    def _phones(self, number: int, values: list[Any], n: int, errors: list[RowError]) -> list[str]:
        phones: list[str] = []
        for i in self.phone_cols:
            raw = values[i] if i < n else None
            if raw.__class__ is str and raw.isdigit():      # the usual cell: one number, no spaces
                parts = [raw]
            elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
                text = _text(raw)
                # Excel drops the leading 0 of a number typed into a General cell: 81234567890.
                if text.startswith("8"):
                    text = "0" + text
                parts = [text]
            else:
                text = _text(raw)
                # Plain digits hold no separator: the split would hand back the text itself.
                parts = ([text] if text.isdigit() else [p for p in _PHONE_SPLIT.split(text) if p]) if text else []
            for part in parts:
                try:
                    e164 = to_e164(part)
                except (InvalidPhoneNumber, ValueError) as exc:
                    self._fail(errors, number, i, part, str(exc))
                    continue
                if e164 not in phones:
                    phones.append(e164)
        return phones

    @staticmethod
    def _optional(at: int | None, values: list[Any], n: int) -> str | None:
        """An optional column's text; None when the file has no such column or the cell is blank."""
        if at is None:
            return None
        return _cell_text(values[at] if at < n else None) or None

    def _address(self, number: int, values: list[Any], n: int, errors: list[RowError]) -> str | None:
        address = self._optional(self._address_at, values, n)
        if address and len(address) > 250:
            self._fail(errors, number, self._address_at, address, "Alamat lebih dari 250 karakter.")
        return address

    def _email(self, number: int, values: list[Any], n: int, errors: list[RowError]) -> str | None:
        at = self._email_at
        email = self._optional(at, values, n)
        if email:
            try:
                email = validate_email(email)
                if len(email) > 120:
                    self._fail(errors, number, at, email, "Email lebih dari 120 karakter.")
            except ValueError as exc:
                self._fail(errors, number, at, email, str(exc))
        return email

    # --- cells whose values repeat: checked once per distinct value of the file ----------------

    def _repeating_cells(self, number: int, values: list[Any], n: int, errors: list[RowError]) -> list[Any]:
        """Amount, months, period, segment and zone column: each checked the first time its value
        is seen in the file; the verdict is remembered, the RowError made for every row."""
        found = []
        for at, seen, check in self._remembered:
            raw = values[at] if at is not None and at < n else None
            # Keyed by type too: True, 1 and 1.0 are one dict key but not the same cell.  A text
            # (every CSV cell) is its own key: no other kind of key equals it.
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            try:
                value, problem = seen[key]
            except KeyError:
                value, problem = verdict = check(raw)
                if len(seen) < _REMEMBERED_PER_COLUMN:
                    seen[key] = verdict
            except TypeError:       # an unhashable cell: checked every time
                value, problem = check(raw)
            if problem is not None:
                errors.append(RowError(number, self.c.label(at), *problem))
            found.append(value)
        return found

    # Each returns (value, None), (None, None) for an empty cell, or (value or None,
    # (text, message[, kind])) for a RowError.

    @staticmethod
    def _amount(raw: Any) -> tuple[Decimal | None, tuple | None]:
        if _blank(raw):
            return None, None
        try:
            amount = parse_amount(raw)
        except (ValueError, ArithmeticError) as exc:
            return None, (_text(raw), str(exc) or "Tunggakan bukan angka.")
        if amount < 0:
            return amount, (_text(raw), "Tunggakan tidak boleh negatif.")
        return amount, None

    @staticmethod
    def _months(rules: ProgramRules, program: Program, raw: Any) -> tuple[int | None, tuple | None]:
        text = _text(raw)
        if not text:
            return None, None
        if not (text.isdigit() and int(text) <= 120):
            return None, (text, _MONTHS_NOT_WHOLE)
        months = int(text)
        allowed = rules.arrears_months_allowed
        if allowed and months not in allowed:
            return months, (text, f"Bulan Tunggakan {months} (N+{months}) tidak sesuai program "
                            f"{program.value} (tunggakan {rules.arrears_text()}); periksa program "
                            "yang dipilih atau data baris ini.", "program")
        return months, None

    @staticmethod
    def _period(raw: Any) -> tuple[str | None, tuple | None]:
        text = _text(raw)
        if not text:
            return None, None
        if isinstance(raw, str) or (isinstance(raw, int) and len(text) == 6):
            m = _MONTH_YEAR.match(text)           # "11/2026" as typed in Excel
            try:
                year, month = parse_period(f"{m.group(2)}{int(m.group(1)):02d}" if m else text)
                return f"{year:04d}{month:02d}", None
            except ValueError as exc:
                if len(text) <= 7:             # looked like a period: its own message says why
                    return None, (text, str(exc))
        try:
            d = parse_date(raw)          # a real date cell, an Excel serial number, 25/11/2026...
        except (ValueError, TypeError, OverflowError) as exc:
            return None, (text, str(exc) or "Periode bukan tanggal atau bulan (YYYYMM).")
        return f"{d.year:04d}{d.month:02d}", None

    @staticmethod
    def _segment(raw: Any) -> tuple[str | None, tuple | None]:
        text = _text(raw)
        if not text:
            return None, None
        segment = _SEGMENTS.get(text.upper())
        if segment is None:
            return None, (text, "Segmen tidak dikenal; gunakan DES, DGS, DBS atau DCS.")
        return segment, None

    @staticmethod
    def _region(raw: Any) -> tuple[CustomerZone | None, tuple | None]:
        text = _text(raw)
        if not text:
            return None, None
        key = " ".join(text.upper().split())
        if key in _REGIONS:
            return CustomerZone(_REGIONS[key]), None
        if key in _NO_ZONE:
            return None, None
        return None, (text, "Wilayah/Zona tidak dikenal; gunakan WIB, WITA atau WIT "
                      "(kosongkan bila tidak diketahui).")
