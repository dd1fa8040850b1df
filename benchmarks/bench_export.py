"""Reason export benchmark: 1,000,000 results to CSV and to XLSX from SQLite.

Prints wall and CPU seconds, rows/s and memory: the process RSS sampled during the
export (peak growth over the start, and growth between 10% and 100% of the rows,
which is ~0 when memory is flat).  Goals: CSV <= 10 s, XLSX <= 60 s, memory flat.
Wall time on a shared machine varies with its load; CPU seconds are steadier.
The CSV is read back: every row is there and the promised amounts add up to the database's
sum, and the CSV export's RSS grew by less than 150 MB; otherwise the command exits 1 (this was
the test suite's million-row check; the suite keeps the same check on a small volume).
Run from the repository root: python benchmarks/bench_export.py [--rows N] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import threading
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

import psutil
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.supervision.export import COLUMNS, export_reasons_as  # noqa: E402
from app.services.reason_export import ExportFilters  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.models import Result  # noqa: E402
from tests.integration.files.conftest import seed_people, seed_results_set_based  # noqa: E402

GOALS = {"csv": 10.0, "xlsx": 60.0}
MB = 2 ** 20
RSS_LIMIT_MB = 150


def csv_rows_and_promise_sum(path: Path) -> tuple[int, Decimal]:
    total, amount = 0, Decimal(0)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        if next(reader) != list(COLUMNS):
            raise SystemExit(f"{path.name}: the header is not the export's columns")
        at = COLUMNS.index("Nominal Janji")
        for row in reader:
            total += 1
            if row[at]:
                amount += Decimal(row[at].replace(",", "."))
    return total, amount


class RssSampler:
    """Peak RSS every 20 ms, and the RSS when progress passes 10% of the rows."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.start = self.peak = self.proc.memory_info().rss
        self.at_10pct: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def progress(self, done: int, total: int) -> None:
        if self.at_10pct is None and total and done >= total // 10:
            self.at_10pct = self.proc.memory_info().rss

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.end = self.proc.memory_info().rss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also report Python heap peak (slower)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sambung-bench-export-") as tmp:
        folder = Path(tmp)
        db = Database(f"sqlite:///{folder / 'sambung.db'}")
        db.create_all()
        t = time.perf_counter()
        seed_results_set_based(db, seed_people(db), args.rows)
        print(f"seeded {args.rows:,} results in {time.perf_counter() - t:.1f} s")
        filters = ExportFilters(date(2026, 1, 1), date(2026, 12, 31))
        with db.engine.connect() as conn:
            expected_sum = Decimal(conn.execute(select(func.sum(Result.promise_amount))).scalar())
        wrong: list[str] = []
        print(f"{'format':6} {'wall s':>7} {'cpu s':>7} {'rows/s':>9} {'peak RSS +MB':>13} "
              f"{'RSS 10%->100% MB':>17} {'heap peak MB':>13} {'goal':>6}")
        for fmt in ("csv", "xlsx"):
            out = folder / f"reason.{fmt}"
            if args.tracemalloc:
                tracemalloc.start()
            with RssSampler() as rss:
                wall, cpu = time.perf_counter(), time.process_time()
                summary = export_reasons_as(db, "admin", out, filters=filters, progress=rss.progress)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            heap = "-"
            if args.tracemalloc:
                heap = f"{tracemalloc.get_traced_memory()[1] / MB:.1f}"
                tracemalloc.stop()
            flat = (rss.end - (rss.at_10pct or rss.start)) / MB
            verdict = "OK" if wall <= GOALS[fmt] else "SLOW"
            print(f"{fmt:6} {wall:7.1f} {cpu:7.1f} {summary.rows / wall:9,.0f} {(rss.peak - rss.start) / MB:13.1f} "
                  f"{flat:17.1f} {heap:>13} {verdict:>6}  ({out.stat().st_size / MB:.0f} MB file)")
            if summary.rows != args.rows:
                wrong.append(f"{fmt}: {summary.rows:,} rows exported of {args.rows:,}")
            if fmt == "csv":
                if (rss.peak - rss.start) / MB >= RSS_LIMIT_MB:
                    wrong.append(f"csv: RSS grew {(rss.peak - rss.start) / MB:.0f} MB while streaming "
                                 f"(limit {RSS_LIMIT_MB})")
                rows, amount = csv_rows_and_promise_sum(out)
                print(f"csv read back: {rows:,} rows, promised {amount:,} (database: {expected_sum:,})")
                if (rows, amount) != (args.rows, expected_sum):
                    wrong.append(f"csv: {rows:,} rows and {amount} promised, expected {args.rows:,} and {expected_sum}")
        db.dispose()
    for line in wrong:
        print(f"WRONG {line}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
