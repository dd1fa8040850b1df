"""Dapros import benchmark: 100,000 rows from CSV and from XLSX into SQLite.

Prints wall and CPU seconds, rows/s, and the ratio to merely reading the same file
with pandas (the `bench` extra: pip install pandas).  Wall time on a shared machine
varies with its load; CPU seconds are the steadier figure.  Run from the repository
root: python benchmarks/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.dapros_import import DaprosImporter  # noqa: E402
from app.store.db import Database  # noqa: E402
from tests.integration.files.dapros_factory import dapros_rows, write_csv, write_xlsx  # noqa: E402

TARGET_CSV_ROWS_PER_S = 20_000


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def import_file(folder: Path, path: Path, program: str):
    db = Database(f"sqlite:///{folder / (path.stem + '.db')}")
    db.create_all()
    importer = DaprosImporter(db)

    def run():
        plan = importer.analyse(path, program)
        return importer.commit(plan)
    (counts, wall, cpu) = timed(run)
    db.dispose()
    assert counts.status == "imported", counts.message
    return counts.imported, wall, cpu


def pandas_read(path: Path):
    try:
        import pandas as pd
    except ImportError:
        return None
    if path.suffix == ".csv":
        return timed(lambda: pd.read_csv(path, sep=";", encoding="cp1252", dtype=str))[1:]
    return timed(lambda: pd.read_excel(path, skiprows=2, dtype=str, engine="openpyxl"))[1:]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sambung-bench-import-") as tmp:
        folder = Path(tmp)
        csv_path = write_csv(folder / "dapros.csv", dapros_rows(args.rows))
        xlsx_path = write_xlsx(folder / "dapros.xlsx", dapros_rows(args.rows))
        print(f"dapros import, {args.rows:,} rows into SQLite")
        print(f"{'file':6} {'wall s':>8} {'cpu s':>8} {'rows/s wall':>12} {'rows/s cpu':>11} "
              f"{'pandas read s':>14} {'import/pandas':>14}")
        figures = {}
        for kind, path, program in (("csv", csv_path, "PRANPC"), ("xlsx", xlsx_path, "CT0")):
            rows, wall, cpu = import_file(folder, path, program)
            pd_times = pandas_read(path)
            ratio = f"{wall / pd_times[0]:.1f}x" if pd_times else "n/a"
            pd_text = f"{pd_times[0]:.2f}" if pd_times else "no pandas"
            print(f"{kind:6} {wall:8.2f} {cpu:8.2f} {rows / wall:12,.0f} {rows / cpu:11,.0f} {pd_text:>14} {ratio:>14}")
            figures[kind] = rows / wall
        verdict = "OK" if figures["csv"] >= TARGET_CSV_ROWS_PER_S else "BELOW TARGET"
        print(f"goal CSV >= {TARGET_CSV_ROWS_PER_S:,} rows/s (wall): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
