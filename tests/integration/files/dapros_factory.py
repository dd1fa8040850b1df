"""Dapros files as the field sees them, made on the fly for tests and benchmarks.

`dapros_rows(n)` yields realistic rows (12-digit internet numbers, mobile numbers,
Indonesian names, amounts in rupiah); `write_csv` writes them as Excel does
(`;` and Windows-1252 by default, or `,` and UTF-8 with BOM); `write_xlsx` writes
a workbook with a title line above the header.  Test data only: no I/O elsewhere.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Iterator

HEADER = ["No", "No Internet", "Nama Pelanggan", "Alamat", "No HP", "CP", "Segmen",
          "Bulan Tunggakan", "Tunggakan", "Periode", "Email", "Wilayah/Zona"]
_FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Wahyu", "Andi", "Putu",
          "Made", "Yohanes", "Fitri", "Ani", "Bambang", "Ratna", "Hendra", "Lestari", "Dédé", "Ucok"]
_LAST = ["Santoso", "Rahayu", "Wijaya", "Hidayat", "Saputra", "Kusuma", "Nugroho", "Siregar", "Lubis",
         "Pratama", "Wulandari", "Setiawan", "Simanjuntak", "Sembiring", "Gunawan", "Hermawan"]
_STREETS = ["Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Asia Afrika", "Jl. Dago", "Gg. Melati",
            "Jl. Cihampelas", "Komp. Griya Asri Blok C"]
_CITIES = [("Bandung", "WIB"), ("Jakarta Selatan", "WIB"), ("Denpasar", "WITA"), ("Makassar", "WITA"),
           ("Jayapura", "WIT"), ("Semarang", "WIB"), ("Medan", "WIB")]


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def account_number(i: int) -> str:
    return f"1311{i:08d}"


# "Bulan Tunggakan" as each program defines it (k in N+k; app.domain.programs): a CT-0
# file says 2, a PRANPC file 0 or 1, or the import reports the row (issue 18).
_MONTHS_CELL = {"CT0": lambda months: 2, "PRANPC": lambda months: months % 2}


def dapros_rows(n: int, seed: int = 1, start: int = 1, program: str = "CT0") -> Iterator[list]:
    """Rows matching HEADER for the program's file; amounts as int rupiah, period YYYYMM text."""
    rnd = random.Random(seed)
    for i in range(start, start + n):
        first, last = rnd.choice(_FIRST), rnd.choice(_LAST)
        city, zone = rnd.choice(_CITIES)
        months = rnd.choice((1, 2, 3))
        yield [i, account_number(i), f"{first} {last}", f"{rnd.choice(_STREETS)} No. {rnd.randint(1, 200)}, {city}",
               f"08{rnd.choice('1235789')}{rnd.randint(10**8, 10**9 - 1)}",
               "" if rnd.random() < 0.6 else f"08{rnd.choice('1235789')}{rnd.randint(10**8, 10**9 - 1)}",
               rnd.choice(("DCS", "DCS", "DCS", "DBS", "DGS", "DES")), _MONTHS_CELL[program](months),
               rnd.randint(150, 2500) * 1000 * months, "202611",
               "" if rnd.random() < 0.5 else f"{_ascii(first)}.{_ascii(last)}{i}@contoh.co.id", zone]


def format_rupiah(amount: int | Decimal) -> str:
    """1250000 -> "1.250.000" as an Indonesian-locale Excel shows it."""
    return f"{int(amount):,}".replace(",", ".")


def write_csv(path: Path, rows, header=HEADER, delimiter=";", encoding="cp1252",
              rupiah_text=True) -> Path:
    amount_at = header.index("Tunggakan") if "Tunggakan" in header else None
    with Path(path).open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            if rupiah_text and amount_at is not None and isinstance(row[amount_at], int):
                row = list(row)
                row[amount_at] = format_rupiah(row[amount_at])
            w.writerow(row)
    return Path(path)


def write_xlsx(path: Path, rows, header=HEADER, title: str | None = "DATA PROSPEK CT-0 PERIODE NOVEMBER 2026") -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Dapros")
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return Path(path)


def write_samples(folder: Path, rows: int = 200) -> tuple[Path, Path]:
    """The sample dapros files shipped in app/resources/samples (regenerate with this function).

    CT-0: an .xlsx as a regional office sends it (title lines, bold header, internet
    numbers stored as text, amounts as numbers formatted #,##0).  PRANPC: the CSV that
    Indonesian-locale Excel writes ("CSV (Comma delimited)": `;`, Windows-1252, CRLF,
    amounts as shown, e.g. 1.250.000).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "CT0 Nov 2026"
    ws.append(["DATA PROSPEK (DAPROS) CT-0 - TUNGGAKAN N+2"])
    ws.append(["Periode: November 2026", None, "Witel: Bandung"])
    ws.append([])
    ws.append(HEADER)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for row in dapros_rows(rows, seed=11, start=1001):
        row[7] = max(row[7], 2)
        ws.append(row)
        ws.cell(ws.max_row, 2).number_format = "@"
        ws.cell(ws.max_row, 9).number_format = "#,##0"
    for col, width in zip("ABCDEFGHIJKL", (5, 15, 24, 40, 15, 15, 8, 8, 12, 9, 30, 8)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"
    xlsx = folder / "dapros_ct0_contoh.xlsx"
    wb.save(xlsx)
    pranpc_rows = [r[:7] + [min(r[7], 2)] + r[8:] for r in dapros_rows(rows, seed=12, start=5001)]
    pranpc_rows[0][2] = "Dédé Suryadi"
    pranpc_rows[1][3] = "Jl. Raya Cibiru Km. 15, Bandung"
    csv_path = write_csv(folder / "dapros_pranpc_contoh.csv", pranpc_rows)
    return xlsx, csv_path
