"""Reading dapros spreadsheets row by row: XLSX (python-calamine; openpyxl where calamine
cannot read a file) and
CSV as MS Excel writes it (`;`, `,` or tab; UTF-8 with BOM, Windows-1252 or UTF-16).

It finds the header row (Excel exports often carry a title line above it), knows
which header texts name which dapros field (Indonesian and English synonyms, the
header signature a remembered layout is keyed by) and hands back raw cell values.
It knows nothing about validation or the database, and never turns a whole sheet
into Python objects (calamine holds one sheet in compact Rust memory and rows are
handed over one at a time).  A file it cannot read
raises `ImportFileError` with a message an agent or team leader can act on.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

log = logging.getLogger(__name__)

#: How many leading rows may hold titles or notes before the header.
HEADER_SEARCH_ROWS = 15
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # legacy .xls
_DELIMITERS = (";", ",", "\t", "|")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (not a spreadsheet, empty, wrong columns)."""


def normalise_header(text: Any) -> str:
    """Lower case, accents dropped, punctuation to single spaces: "No. HP/CP" -> "no hp cp"."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


@dataclass
class Table:
    """A header and an iterator over the data rows below it.

    `rows()` yields `(row_number, values)` where `row_number` is the number the
    user sees in Excel (1-based, counting the header and any title rows).
    """

    kind: str                       # "xlsx" | "csv"
    header: list[str]
    header_row: int
    _rows: Callable[[], Iterator[tuple[int, list[Any]]]]
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    reader: str | None = None       # XLSX: "calamine", or "openpyxl" where calamine failed

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows()


HeaderScore = Callable[[list[str]], int]


def open_table(path: Path, score: HeaderScore, encoding: str | None = None) -> Table:
    """Open `path` and locate its header: the first row where `score` is highest (> 0).
    `encoding`: a CSV file's, when known already (else found by reading the whole file)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ImportFileError(f"Berkas {path.name} tidak dapat dibuka: {exc.strerror or exc}") from exc
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(f"Berkas {path.name} kosong: tidak ada baris untuk diimpor.")
    if head.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"Berkas {path.name} berformat Excel 97-2003 (.xls) yang tidak didukung. "
            "Buka di Excel lalu simpan sebagai .xlsx atau CSV.")
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, score)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFileError(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang sah.")
    encoding = encoding or _wide_encoding(head)
    if encoding:
        return _open_csv(path, score, encoding)
    if b"\x00" in head:
        raise ImportFileError(
            f"Berkas {path.name} bukan spreadsheet (bukan XLSX maupun CSV). "
            "Gunakan berkas dapros dalam format .xlsx atau .csv.")
    return _open_csv(path, score)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16/32, as Excel's "Unicode Text" and some exporters write CSV: by BOM, or by
    the zero bytes every other position that UTF-16 gives plain text."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[: len(head) - len(head) % 2]
    if len(sample) >= 8:
        even_zero = sample[0::2].count(0) / (len(sample) // 2)
        odd_zero = sample[1::2].count(0) / (len(sample) // 2)
        if odd_zero > 0.9 and even_zero < 0.1:
            return "utf-16-le"
        if even_zero > 0.9 and odd_zero < 0.1:
            return "utf-16-be"
    return None


def find_header(first_rows: list[tuple[int, list[Any]]], score: HeaderScore, name: str):
    best: tuple[int, int, list[Any]] | None = None
    for number, values in first_rows:
        s = score([normalise_header(v) for v in values])
        if s > 0 and (best is None or s > best[0]):
            best = (s, number, values)
    if best is None:
        if not any(any(v not in (None, "") for v in values) for _, values in first_rows):
            raise ImportFileError(f"Berkas {name} kosong: tidak ada baris untuk diimpor.")
        raise ImportFileError(
            f"Kolom dapros tidak dikenali di berkas {name}: baris judul harus memuat kolom seperti "
            "'No Internet', 'Nama Pelanggan' dan 'No HP'.")
    _, number, values = best
    header = [("" if v is None else str(v).strip()) for v in values]
    while header and header[-1] == "":
        header.pop()
    return number, header


# --- XLSX -------------------------------------------------------------------

def _open_xlsx(path: Path, score: HeaderScore) -> Table:
    """XLSX through calamine (Rust: about ten times openpyxl's read-only speed here);
    openpyxl only for a file calamine cannot read."""
    try:
        return _find_sheet(path, score, _calamine_sheets(path), "calamine")
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine's own errors: let openpyxl try
        log.info("calamine could not read %s (%s: %s); reading it with openpyxl", path.name,
                 type(exc).__name__, exc)
    return _find_sheet(path, score, _openpyxl_sheets(path), "openpyxl")


def _find_sheet(path: Path, score: HeaderScore, sheets, reader: str) -> Table:
    last_error: ImportFileError | None = None
    for title, rows in sheets:
        first = []
        for number, values in rows():
            first.append((number, values))
            if number >= HEADER_SEARCH_ROWS:
                break
        try:
            header_row, header = find_header(first, score, path.name)
        except ImportFileError as exc:
            last_error = last_error or exc
            continue
        return Table("xlsx", header, header_row, _rows_after(rows, header_row), sheet=title, reader=reader)
    raise last_error or ImportFileError(f"Berkas {path.name} tidak memiliki lembar kerja.")


def _rows_after(rows, header_row: int):
    def after() -> Iterator[tuple[int, list[Any]]]:
        for number, values in rows():
            if number > header_row:
                yield number, values
    return after


def _calamine_sheets(path: Path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))

    def sheet_rows(name: str):
        loaded: list[Any] = []            # the sheet is parsed once, for the header and the rows

        def rows() -> Iterator[tuple[int, list[Any]]]:
            if not loaded:
                loaded.append(book.get_sheet_by_name(name))
            sheet = loaded[0]
            # iter_rows() starts at row 1 but at the first used column: pad it back.
            pad = [None] * sheet.start[1] if sheet.start else []
            like = _openpyxl_like
            for number, values in enumerate(sheet.iter_rows(), start=1):
                yield number, pad + [like(v) for v in values]
        return rows
    return [(name, sheet_rows(name)) for name in book.sheet_names]


def _openpyxl_like(value: Any) -> Any:
    """A calamine cell as openpyxl hands it over, so the row checks see one kind of value:
    empty is None, a whole number an int, a date a datetime."""
    cls = value.__class__
    if cls is str:
        return value or None
    if cls is float:
        return int(value) if value.is_integer() else value
    if cls is date:
        return datetime(value.year, value.month, value.day)
    return value


def _openpyxl_sheets(path: Path):
    from openpyxl import load_workbook   # imported here: most imports never need it
    from openpyxl.utils.exceptions import InvalidFileException    # a name it does not know (.csv)

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException) as exc:
        raise ImportFileError(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang sah ({exc}).") from exc
    titles = [ws.title for ws in wb.worksheets]
    wb.close()

    def sheet_rows(title: str):
        def rows() -> Iterator[tuple[int, list[Any]]]:
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                for number, values in enumerate(book[title].iter_rows(values_only=True), start=1):
                    yield number, list(values)
            finally:
                book.close()
        return rows
    return [(title, sheet_rows(title)) for title in titles]


# --- CSV --------------------------------------------------------------------

def _detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if every byte decodes, else Windows-1252 as Excel writes it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    # Bytes cp1252 leaves undefined (0x81, 0x8D...) mean it is neither: latin-1 maps them all.
    decoder = codecs.getincrementaldecoder("cp1252")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1"


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()]
    best, best_score = ",", -1
    for delim in _DELIMITERS:
        counts = [ln.count(delim) for ln in lines]
        # The header and data rows of a real export carry the same number of separators.
        score = sum(counts) + 5 * sum(1 for c in counts if c and c == max(counts))
        if score > best_score:
            best, best_score = delim, score
    return best


def _open_csv(path: Path, score: HeaderScore, encoding: str | None = None) -> Table:
    encoding = encoding or _detect_encoding(path)
    try:
        with path.open("r", encoding=encoding, newline="") as fh:
            sample = fh.read(16384)
            if encoding.startswith(("utf-16", "utf-32")):
                while fh.read(1 << 20):       # a wide file is read whole once: a bad byte is named now
                    pass
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"Berkas {path.name} berenkode {encoding.upper()} tetapi rusak di byte {exc.start}: "
            "simpan ulang dari Excel sebagai 'CSV UTF-8' lalu impor lagi.") from exc
    delimiter = _sniff_delimiter(sample)

    def raw_rows() -> Iterator[tuple[int, list[Any]]]:
        with path.open("r", encoding=encoding, newline="") as fh:
            try:
                yield from enumerate(csv.reader(fh, delimiter=delimiter), start=1)
            except csv.Error as exc:
                raise ImportFileError(f"Berkas {path.name} bukan CSV yang sah: {exc}") from exc

    first = []
    for number, values in raw_rows():
        first.append((number, values))
        if number >= HEADER_SEARCH_ROWS:
            break
    header_row, header = find_header(first, score, path.name)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        it = raw_rows()
        for number, _ in it:
            if number == header_row:
                break
        yield from it
    log.debug("CSV %s: encoding %s, delimiter %r, header on row %d", path.name, encoding, delimiter,
              header_row)
    return Table("csv", header, header_row, rows, delimiter=delimiter, encoding=encoding)


# --- Field mapping ----------------------------------------------------------

#: field -> label shown to people (Indonesian, as the headers usually read).
FIELD_LABELS: dict[str, str] = {
    "account_number": "No Internet",
    "name": "Nama Pelanggan",
    "phones": "No HP",
    "segment": "Segmen",
    "arrears_amount": "Tunggakan",
    "arrears_months": "Bulan Tunggakan",
    "period": "Periode",
    "address": "Alamat",
    "email": "Email",
    "region": "Wilayah/Zona",
}
REQUIRED_FIELDS = ("account_number", "name", "phones")
MULTI_FIELDS = frozenset({"phones"})     # several phone columns are common: "No HP", "CP", "Telepon"

# Synonyms are compared after normalise_header(); a trailing number ("No HP 2") is allowed.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "account_number": ("no internet", "nomor internet", "no inet", "internet number", "nd", "snd",
                       "nd internet", "no nd", "nomor nd", "account", "account number", "account no",
                       "no account", "no akun", "nomor akun", "no jastel", "id pelanggan"),
    "name": ("nama pelanggan", "nama", "nama customer", "nama plg", "customer name", "customer",
             "name", "nama cust"),
    "phones": ("no hp", "nomor hp", "hp", "no handphone", "handphone", "telepon", "telp", "no telp",
               "no telepon", "nomor telepon", "cp", "no cp", "contact person", "kontak", "no kontak",
               "phone", "phone number", "mobile", "msisdn", "no wa", "whatsapp"),
    "segment": ("segmen", "segment", "segmentasi", "segmen pelanggan"),
    "arrears_amount": ("tunggakan", "jumlah tagihan", "total tagihan", "tagihan", "jumlah tunggakan",
                       "nominal tunggakan", "total tunggakan", "nominal", "amount", "outstanding",
                       "arrears", "arrears amount", "saldo"),
    "arrears_months": ("bulan tunggakan", "jumlah bulan", "jml bulan", "lama tunggakan",
                       "umur tunggakan", "jumlah bulan tunggakan", "months", "arrears months"),
    "period": ("periode", "period", "periode dapros", "bulan periode", "periode tagihan", "bulan"),
    "address": ("alamat", "address", "alamat pelanggan", "alamat instalasi", "alamat pasang"),
    "email": ("email", "e mail", "alamat email", "surel"),
    "region": ("wilayah", "zona", "wilayah zona", "zona waktu", "region", "time zone", "timezone",
               "zona wilayah"),
}
_LOOKUP: dict[str, str] = {syn: f for f, syns in SYNONYMS.items() for syn in syns}
_NUMBERED = re.compile(r"^(.*?)\s*\d{1,2}$")
# "kolom 5": a column chosen by its number (1-based), for headers that repeat.
_COLUMN_NUMBER = re.compile(r"^kolom\s+(\d{1,3})$", re.IGNORECASE)
# A header row has at least this many recognised fields; a title line rarely does.
MIN_HEADER_FIELDS = 2


def field_for(header_text: Any) -> str | None:
    """The field a header cell names, or None."""
    norm = normalise_header(header_text)
    if norm in _LOOKUP:
        return _LOOKUP[norm]
    m = _NUMBERED.match(norm)
    if m and m.group(1) in _LOOKUP:
        return _LOOKUP[m.group(1)]
    return None


def header_score(normalised_cells: list[str]) -> int:
    """How many distinct fields a candidate header row names (0 below the minimum)."""
    found = {field_for(c) for c in normalised_cells if c} - {None}
    return len(found) if len(found) >= MIN_HEADER_FIELDS else 0


def header_signature(header: list[str]) -> str:
    """The key a layout is remembered by: same columns in the same order, however spelled."""
    canon = "\x1f".join(normalise_header(h) for h in header)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def detect_mapping(header: list[str]) -> dict[str, Any]:
    """field -> header text (a list of header texts for phones); first match wins."""
    mapping: dict[str, Any] = {}
    for text in header:
        f = field_for(text)
        if f is None:
            continue
        if f in MULTI_FIELDS:
            mapping.setdefault(f, []).append(text)
        elif f not in mapping:
            mapping[f] = text
    return mapping


@dataclass(frozen=True)
class ColumnIndex:
    """The resolved mapping: field -> column positions in the row."""

    single: dict[str, int]
    multi: dict[str, tuple[int, ...]]
    headers: list[str]

    def label(self, index: int) -> str:
        return self.headers[index] if index < len(self.headers) and self.headers[index] else f"kolom {index + 1}"


def merge_mapping(detected: Mapping[str, Any], override: Mapping[str, Any] | None) -> dict[str, Any]:
    """An explicit mapping wins field by field; None or "" in it unmaps a detected field."""
    merged = dict(detected)
    for field, value in (override or {}).items():
        if field not in FIELD_LABELS:
            known = ", ".join(FIELD_LABELS)
            raise ImportFileError(f"Field pemetaan tidak dikenal: {field!r}. Field yang dikenal: {known}.")
        if value in (None, "", []):
            merged.pop(field, None)
        elif field in MULTI_FIELDS:
            merged[field] = [value] if isinstance(value, str) else list(value)
        else:
            merged[field] = value
    return merged


def resolve(mapping: Mapping[str, Any], header: list[str], file_name: str) -> ColumnIndex:
    """Turn header texts into positions; refuse a mapping that lacks a required field."""
    exact = {h.strip(): i for i, h in reversed(list(enumerate(header))) if h}
    loose = {normalise_header(h): i for i, h in reversed(list(enumerate(header))) if h}

    def positions(text: Any) -> list[int]:
        """Every column the text names: a header that appears twice names two columns."""
        if isinstance(text, int) and not isinstance(text, bool):
            if 0 <= text < len(header):
                return [text]
        else:
            key = str(text).strip()
            by_number = _COLUMN_NUMBER.match(key)
            if by_number and 1 <= int(by_number.group(1)) <= len(header):
                return [int(by_number.group(1)) - 1]
            if key in exact:
                return [i for i, h in enumerate(header) if h.strip() == key]
            if normalise_header(key) in loose:
                return [i for i, h in enumerate(header) if h and normalise_header(h) == normalise_header(key)]
        raise ImportFileError(f"Kolom {text!r} tidak ada di berkas {file_name}. "
                              f"Kolom dalam berkas: {', '.join(h for h in header if h)}.")

    def position(field: str, text: Any) -> int:
        found = positions(text)
        if len(found) > 1:
            # Taking the first silently would drop the other column's data: ask instead.
            numbers = " dan ".join(f"kolom {i + 1}" for i in found)
            raise ImportFileError(
                f"Kolom {str(text).strip()!r} ({FIELD_LABELS[field]}) muncul lebih dari sekali di berkas "
                f"{file_name} ({numbers}). Hapus atau ganti nama kolom yang tidak dipakai, atau pilih "
                f"satu kolom pada pemetaan (mis. --map {field}='kolom {found[-1] + 1}').")
        return found[0]

    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if not mapping.get(f)]
    if missing:
        raise ImportFileError(
            f"Kolom wajib tidak ditemukan di berkas {file_name}: {', '.join(missing)}. "
            f"Kolom dalam berkas: {', '.join(h for h in header if h) or '(tidak ada)'}.")
    single: dict[str, int] = {}
    multi: dict[str, tuple[int, ...]] = {}
    for field, value in mapping.items():
        if field in MULTI_FIELDS:
            values = [value] if isinstance(value, (str, int)) else list(value)
            # Several phone columns are normal: each column a header names is read.
            multi[field] = tuple(dict.fromkeys(i for v in values for i in positions(v)))
        else:
            single[field] = position(field, value)
    return ColumnIndex(single, multi, header)
