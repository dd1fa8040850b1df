"""One row of a dapros file, checked: the values a work item needs, or what is wrong with it.

`RowValidator(columns, program, rules)` is built once per file by app.services.dapros_import
and called for every row; it returns a `ValidRow` (normalised: E.164 phones, whole
Rupiah, YYYYMM period, segment, and the customer's time zone with where it came from)
or the row's `RowError`s, with messages in Indonesian for the person who fixes the file.
The zone is the file's column, else a fixed line's area code, else the address
(app.domain.zone_lookup), else "UNK" (zona tidak diketahui), never WIB by default.  A
row whose arrears months lie outside the program's definition (site setting
`programs.<P>.arrears_months_allowed`) is reported with kind "program".  No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable

from app.domain.phone import InvalidPhoneNumber, normalize
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


@dataclass(frozen=True)
class RowError:
    row: int            # as Excel numbers it
    column: str         # the header text
    value: str
    message: str        # Indonesian, for the person who fixes the file
    kind: str = "error"  # "error" | "duplicate" | "program" (arrears months outside the chosen program)


@dataclass(frozen=True)
class ValidRow:
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

    def __call__(self, number: int, values: list[Any]) -> ValidRow | list[RowError]:
        errors: list[RowError] = []
        n = len(values)

        def cell(f: str) -> Any:
            i = self.s.get(f)
            return values[i] if i is not None and i < n else None

        def fail(f: str, raw: Any, message: str, index: int | None = None) -> None:
            col = self.c.label(self.s[f] if index is None else index)
            errors.append(RowError(number, col, _text(raw), message))

        raw = cell("account_number")
        account = _text(raw)
        if not account:
            fail("account_number", raw, "No Internet kosong.")
        elif _SCIENTIFIC.match(account):
            fail("account_number", raw, "No Internet tertulis dalam format ilmiah (mis. 1,31E+11): "
                 "format kolom sebagai Teks di Excel lalu ekspor ulang.")
        else:
            try:
                account = validate_account_number(account)
            except ValueError as exc:
                fail("account_number", raw, str(exc))
        raw = cell("name")
        name = _text(raw)
        if not name:
            fail("name", raw, "Nama Pelanggan kosong.")
        elif len(name) > 120:
            fail("name", raw, "Nama Pelanggan lebih dari 120 karakter.")
        phones: list[str] = []
        for i in self.phone_cols:
            raw = values[i] if i < n else None
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                text = _text(raw)
                # Excel drops the leading 0 of a number typed into a General cell: 81234567890.
                if text.startswith("8"):
                    text = "0" + text
                parts = [text]
            else:
                parts = [p for p in _PHONE_SPLIT.split(_text(raw)) if p]
            for part in parts:
                try:
                    e164 = normalize(part).e164
                except (InvalidPhoneNumber, ValueError) as exc:
                    fail("phones", part, str(exc), index=i)
                    continue
                if e164 not in phones:
                    phones.append(e164)
        if not phones and not errors:
            errors.append(RowError(number, self.c.label(self.phone_cols[0]), "",
                                   "Tidak ada nomor telepon pelanggan."))
        amount = Decimal("0")
        if "arrears_amount" in self.s and _text(raw := cell("arrears_amount")):
            try:
                amount = parse_amount(raw)
                if amount < 0:
                    fail("arrears_amount", raw, "Tunggakan tidak boleh negatif.")
            except (ValueError, ArithmeticError) as exc:
                fail("arrears_amount", raw, str(exc) or "Tunggakan bukan angka.")
        months = self.default_months
        if "arrears_months" in self.s and _text(raw := cell("arrears_months")):
            text = _text(raw)
            if text.isdigit() and int(text) <= 120:
                months = int(text)
                allowed = self.rules.arrears_months_allowed
                if allowed and months not in allowed:
                    errors.append(RowError(
                        number, self.c.label(self.s["arrears_months"]), text,
                        f"Bulan Tunggakan {months} (N+{months}) tidak sesuai program {self.program.value} "
                        f"(tunggakan {self.rules.arrears_text()}); periksa program yang dipilih atau data "
                        "baris ini.", "program"))
            else:
                fail("arrears_months", raw, "Bulan Tunggakan harus bilangan bulat (0-120).")
        period = None
        if "period" in self.s and _text(raw := cell("period")):
            period = self._period(raw, fail)
        segment = "DCS"
        if "segment" in self.s and (text := _text(raw := cell("segment"))):
            segment = _SEGMENTS.get(text.upper())
            if segment is None:
                fail("segment", raw, "Segmen tidak dikenal; gunakan DES, DGS, DBS atau DCS.")
        column_zone: CustomerZone | None = None
        if "region" in self.s and (text := _text(raw := cell("region"))):
            key = " ".join(text.upper().split())
            if key in _REGIONS:
                column_zone = CustomerZone(_REGIONS[key])
            elif key not in _NO_ZONE:
                fail("region", raw, "Wilayah/Zona tidak dikenal; gunakan WIB, WITA atau WIT "
                     "(kosongkan bila tidak diketahui).")
        address = _text(cell("address")) or None if "address" in self.s else None
        if address and len(address) > 250:
            fail("address", address, "Alamat lebih dari 250 karakter.")
        email = _text(cell("email")) or None if "email" in self.s else None
        if email:
            try:
                email = validate_email(email)
                if len(email) > 120:
                    fail("email", email, "Email lebih dari 120 karakter.")
            except ValueError as exc:
                fail("email", email, str(exc))
        if errors:
            return errors
        zone = derive_zone(column_zone, phones, address)
        return ValidRow(number, account, name, segment, zone.zone.value, address, email, tuple(phones),
                        amount, months, period, zone.source)

    @staticmethod
    def _period(raw: Any, fail: Callable[..., None]) -> str | None:
        text = _text(raw)
        if isinstance(raw, str) or (isinstance(raw, int) and len(text) == 6):
            m = _MONTH_YEAR.match(text)           # "11/2026" as typed in Excel
            try:
                year, month = parse_period(f"{m.group(2)}{int(m.group(1)):02d}" if m else text)
                return f"{year:04d}{month:02d}"
            except ValueError as exc:
                if len(text) <= 7:             # looked like a period: its own message says why
                    fail("period", raw, str(exc))
                    return None
        try:
            d = parse_date(raw)          # a real date cell, an Excel serial number, 25/11/2026...
        except (ValueError, TypeError, OverflowError) as exc:
            fail("period", raw, str(exc) or "Periode bukan tanggal atau bulan (YYYYMM).")
            return None
        return f"{d.year:04d}{d.month:02d}"
