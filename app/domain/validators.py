"""Parsing and checking the values people type or import: rupiah amounts, dates
(incl. Excel serials), account numbers, e-mail addresses and billing periods.

Used by the dapros importer and the wrap-up form.  Every refusal is an InvalidValue (a
ValueError) whose bilingual message says what is wrong; nothing here touches files.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from app.domain.text import Text, TextError

_EXCEL_EPOCH = date(1899, 12, 30)       # serial 61 = 1900-03-01 with the epoch 1899-12-30
_EXCEL_MAX_SERIAL = 2958465             # 9999-12-31
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


class InvalidValue(TextError, ValueError):
    """A typed or imported value that cannot be read; callers that catch ValueError still do."""


def parse_amount(value: object) -> Decimal:
    """A rupiah amount from "Rp 1.250.000", "1.250.000,50", "1250000", "1,250,000.00" or a number.

    Indonesian writing uses '.' for thousands and ',' for decimals; English the
    reverse.  With both present, the last one is the decimal mark; with one kind
    only, a single mark followed by exactly three digits is a thousands mark
    (rupiah amounts have at most two decimals).
    """
    if isinstance(value, bool) or value is None:
        raise InvalidValue(Text("Nominal kosong atau tidak sah.", "The amount is empty or not valid."))
    if isinstance(value, (int, Decimal, float)):
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise InvalidValue(Text(f"Nominal tidak sah: {value!r}.", f"Not a valid amount: {value!r}.")) from None
        return _checked(amount, str(value))
    if not isinstance(value, str):
        raise InvalidValue(Text(f"Nominal tidak sah: {value!r}.", f"Not a valid amount: {value!r}."))
    text = _CURRENCY.sub("", value.strip()).replace(" ", "").replace("\u00a0", "")
    text = text.removesuffix(",-").removesuffix(".-")      # "Rp 50.000,-"
    if not text:
        raise InvalidValue(Text("Nominal kosong.", "The amount is empty."))
    if text.startswith("-") or (text.startswith("(") and text.endswith(")")):
        raise InvalidValue(Text(f"Nominal tidak boleh negatif: {value.strip()}.",
                                 f"The amount cannot be negative: {value.strip()}."))
    if not re.fullmatch(r"[\d.,]+", text) or not text[0].isdigit() or not text[-1].isdigit():
        raise InvalidValue(Text(f"Nominal tidak dikenal: {value.strip()!r} (contoh: Rp 1.250.000).",
                                 f"Amount not recognised: {value.strip()!r} (for example: Rp 1.250.000)."))
    number = _to_plain_number(text, value.strip())
    return _checked(Decimal(number), value)


def _to_plain_number(text: str, original: str) -> str:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        whole, _, frac = text.rpartition(decimal_mark)
        if not _THOUSANDS.match(whole) and not whole.isdigit():
            raise InvalidValue(Text(f"Pemisah ribuan tidak sah: {original!r}.",
                                     f"Invalid thousands separator: {original!r}."))
        if (decimal_mark in whole) or not frac.isdigit():
            raise InvalidValue(Text(f"Nominal tidak dikenal: {original!r}.", f"Amount not recognised: {original!r}."))
        return re.sub(r"[.,]", "", whole) + "." + frac
    mark = "." if dots else "," if commas else ""
    if not mark:
        return text
    if text.count(mark) > 1 or len(text.rpartition(mark)[2]) == 3:
        if not _THOUSANDS.match(text):
            raise InvalidValue(Text(f"Pemisah ribuan tidak sah: {original!r} (contoh: 1.250.000).",
                                     f"Invalid thousands separator: {original!r} (for example: 1.250.000)."))
        return text.replace(mark, "")
    return text.replace(mark, ".")


def _checked(amount: Decimal, original: object) -> Decimal:
    if not amount.is_finite():
        raise InvalidValue(Text(f"Nominal tidak sah: {original}.", f"Not a valid amount: {original}."))
    if amount < 0:
        raise InvalidValue(Text(f"Nominal tidak boleh negatif: {original}.",
                                f"The amount cannot be negative: {original}."))
    if amount.as_tuple().exponent < -2:     # type: ignore[operator]
        raise InvalidValue(Text(f"Nominal maksimal dua angka desimal: {original}.",
                                 f"An amount has at most two decimals: {original}."))
    return amount


def excel_serial_to_date(serial: float) -> date:
    """Excel's 1900 date system, including its fictitious 29 February 1900 (serial 60)."""
    whole = int(serial)
    if whole != serial and not (0 <= serial - whole < 1):
        raise InvalidValue(Text(f"Nomor tanggal Excel tidak sah: {serial}.",
                                f"Not a valid Excel date number: {serial}."))
    if whole < 1 or whole > _EXCEL_MAX_SERIAL:
        raise InvalidValue(Text(f"Nomor tanggal Excel di luar jangkauan: {serial}.",
                                 f"Excel date number out of range: {serial}."))
    if whole == 60:
        raise InvalidValue(Text("Nomor tanggal Excel 60 adalah 29/02/1900, tanggal yang tidak ada.",
                                 "Excel date number 60 is 29/02/1900, a date that does not exist."))
    if whole < 60:
        return date(1899, 12, 31) + timedelta(days=whole)
    return _EXCEL_EPOCH + timedelta(days=whole)


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value: object) -> date:
    """A date from a date/datetime, "dd/mm/yyyy", "dd-mm-yyyy", "yyyy-mm-dd" or an Excel serial."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise InvalidValue(Text("Tanggal kosong.", "The date is empty."))
    if isinstance(value, (int, float)):
        return excel_serial_to_date(value)
    if not isinstance(value, str):
        raise InvalidValue(Text(f"Tanggal tidak dikenal: {value!r}.", f"Date not recognised: {value!r}."))
    text = value.strip()
    if not text:
        raise InvalidValue(Text("Tanggal kosong.", "The date is empty."))
    if re.fullmatch(r"\d{1,7}(\.\d+)?", text):
        return excel_serial_to_date(float(text))
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"     # yyyymmdd
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text).date()      # "2026-11-25T10:00:00"
    except ValueError:
        pass
    raise InvalidValue(Text(f"Tanggal tidak dikenal: {text!r} (gunakan dd/mm/yyyy).",
                             f"Date not recognised: {text!r} (use dd/mm/yyyy)."))


def validate_account_number(value: object) -> str:
    """The customer's service number (SND / IndiHome internet number), digits only.

    Internet numbers are 12 digits (e.g. 1223xxxxxxxx), POTS SNDs are the area
    code without its 0 plus the line number (9–11 digits), some enterprise ones
    run to 14; so 9–14 digits after removing spaces, dashes and dots.  A number in
    Excel's scientific form (1,22E+11) lost digits and is refused.
    """
    if isinstance(value, bool) or value is None:
        raise InvalidValue(Text("Nomor layanan kosong.", "The service number is empty."))
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidValue(Text(f"Nomor layanan tidak sah: {value}.", f"Not a valid service number: {value}."))
        value = int(value)
    text = str(value).strip()
    if re.search(r"\d[.,]?\d*[eE][+-]?\d+$", text):
        raise InvalidValue(Text(f"Nomor layanan dalam format ilmiah Excel ({text}); format kolom sebagai teks.",
                                 f"The service number is in Excel's scientific format ({text}); "
                                 "format the column as text."))
    digits = re.sub(r"[\s\-.]", "", text)
    if not digits:
        raise InvalidValue(Text("Nomor layanan kosong.", "The service number is empty."))
    if not digits.isdigit():
        raise InvalidValue(Text(f"Nomor layanan hanya boleh berisi angka: {text!r}.",
                                 f"A service number may contain digits only: {text!r}."))
    if len(digits) < 9:
        raise InvalidValue(Text(f"Nomor layanan terlalu pendek: {len(digits)} digit (minimal 9).",
                                 f"The service number is too short: {len(digits)} digits (at least 9)."))
    if len(digits) > 14:
        raise InvalidValue(Text(f"Nomor layanan terlalu panjang: {len(digits)} digit (maksimal 14).",
                                 f"The service number is too long: {len(digits)} digits (at most 14)."))
    return digits


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-']+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")


def validate_email(value: object) -> str:
    """An e-mail address as written (trimmed, domain in lower case)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(Text("Alamat email kosong.", "The e-mail address is empty."))
    text = value.strip()
    if not _EMAIL.match(text) or ".." in text or text.startswith(".") or ".@" in text or len(text) > 254:
        raise InvalidValue(Text(f"Alamat email tidak sah: {text!r}.", f"Not a valid e-mail address: {text!r}."))
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_period(value: object) -> tuple[int, int]:
    """A billing period "YYYYMM" (also "YYYY-MM" or an int) as (year, month)."""
    text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
    match = re.fullmatch(r"(\d{4})-?(\d{2})", text)
    if not match:
        raise InvalidValue(Text(f"Periode tidak dikenal: {text!r} (gunakan YYYYMM, mis. 202611).",
                                 f"Period not recognised: {text!r} (use YYYYMM, e.g. 202611)."))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise InvalidValue(Text(f"Bulan periode tidak sah: {month:02d}.", f"Not a valid period month: {month:02d}."))
    if not 2000 <= year <= 2100:
        raise InvalidValue(Text(f"Tahun periode tidak masuk akal: {year}.", f"Implausible period year: {year}."))
    return year, month
