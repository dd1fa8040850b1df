#!/usr/bin/env python3
"""Dapros import: XLSX and CSV into the database, rows/s, against what an analyst would write.

Sambung's import (every row checked, customers, phones and work items written in one
transaction) of the same 100,000 rows from XLSX (read by python-calamine) and from CSV.
XLSX: analyse, then commit (the team leader's screen).  CSV: both ways, in one pass
(DaprosImporter.import_file, what `sambung import` runs: the rows checked by a process of
their own while the ones already checked are written) and analyse-then-commit.  Peers in the
same run: for XLSX, reading the file with openpyxl's read-only mode (what the import used
before) and with calamine alone; for CSV, pandas.read_csv + DataFrame.to_sql into the same
kind of database (one table, no checks), what an analyst would write.  Goals: XLSX import
≥ 20,000 rows/s; the one-pass CSV import ≥ 1.0× the pandas peer.
Wall time on a shared machine moves with its load; CPU seconds are printed too.

    python benchmarks/bench_import.py [--rows 100000] [--db sqlite|postgresql] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.dapros_import import DaprosImporter  # noqa: E402
from app.store.db import Database  # noqa: E402
from tests.integration.files.dapros_factory import dapros_rows, write_csv, write_xlsx  # noqa: E402

GOAL_XLSX_ROWS_PER_S = 20_000
GOAL_CSV_RATIO = 1.0


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


class Databases:
    """A fresh, migrated database per measurement: SQLite files, or databases on one
    throwaway PostgreSQL (fsync on)."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind, self.folder, self.server, self.n = kind, folder, None, 0
        if kind == "postgresql":
            from floor import _start
            # Its own folder under /tmp: run as root, the server runs as `postgres`, which cannot
            # enter the benchmark's private temporary folder.
            self.pg_root = Path(tempfile.mkdtemp(prefix="sambung-bench-import-pg-"))
            self.server = _start(self.pg_root, fresh=True)

    def new(self) -> Database:
        from app.store.migrate import upgrade
        self.n += 1
        if self.server is None:
            url = f"sqlite:///{self.folder / f'import{self.n}.db'}"
        else:
            url = self.server.create_database(f"import{self.n}")
        upgrade(url)
        return Database(url)

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            shutil.rmtree(self.pg_root, ignore_errors=True)


def sambung_import(db: Database, path: Path, program: str, one_pass: bool = False):
    importer = DaprosImporter(db)

    def run():
        if one_pass:
            return importer.import_file(path, program)[1]
        return importer.commit(importer.analyse(path, program))
    counts, wall, cpu = timed(run)
    assert counts.status == "imported", counts.message
    return counts.imported, wall, cpu


def pandas_to_sql(db: Database, path: Path):
    import pandas as pd

    def run():
        frame = pd.read_csv(path, sep=";", encoding="cp1252", dtype=str)
        frame.to_sql("dapros_pandas", db.engine, if_exists="replace", index=False, chunksize=10_000)
        return len(frame)
    return timed(run)


def read_only(path: Path, reader: str):
    def run():
        n = 0
        if reader == "openpyxl":
            from openpyxl import load_workbook
            wb = load_workbook(path, read_only=True, data_only=True)
            for _ in wb.active.iter_rows(values_only=True):
                n += 1
            wb.close()
        else:
            from python_calamine import CalamineWorkbook
            wb = CalamineWorkbook.from_path(str(path))
            for _ in wb.get_sheet_by_index(0).iter_rows():
                n += 1
            wb.close()
        return n
    return timed(run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each CSV import (medians compared)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory(prefix="sambung-bench-import-") as tmp:
        folder = Path(tmp)
        # Each file holds the arrears months of the program it is imported as (issue 18 checks them).
        csv_path = write_csv(folder / "dapros.csv", dapros_rows(args.rows, program="PRANPC"))
        xlsx_path = write_xlsx(folder / "dapros.xlsx", dapros_rows(args.rows, program="CT0"))
        dbs = Databases(args.db, folder)
        try:
            print(f"dapros import, {args.rows:,} rows into {args.db}")
            print(f"{'what':44} {'wall s':>8} {'cpu s':>8} {'rows/s':>10}")

            def line(what, rows, wall, cpu):
                print(f"{what:44} {wall:8.2f} {cpu:8.2f} {rows / wall:10,.0f}")
            rows, x_wall, x_cpu = sambung_import(dbs.new(), xlsx_path, "CT0")
            line("Sambung import, XLSX (calamine)", rows, x_wall, x_cpu)
            n, c_wall, c_cpu = read_only(xlsx_path, "calamine")
            line("  peer: calamine read only", n, c_wall, c_cpu)
            n, o_wall, o_cpu = read_only(xlsx_path, "openpyxl")
            line("  peer: openpyxl read-only mode, read only", n, o_wall, o_cpu)
            # The CSV figures move with the box's load: each way runs --repeat times, in turns
            # (each one first in one round), and the medians are compared.
            ways = {"Sambung import, CSV, one pass (CLI)": lambda: sambung_import(
                        dbs.new(), csv_path, "PRANPC", one_pass=True),
                    "Sambung import, CSV, analyse then commit": lambda: sambung_import(dbs.new(), csv_path, "PRANPC"),
                    "  peer: pandas.read_csv + DataFrame.to_sql": lambda: pandas_to_sql(dbs.new(), csv_path)}
            names = list(ways)
            runs: dict[str, list] = {name: [] for name in names}
            for round_no in range(args.repeat):
                for name in names[round_no % 3:] + names[:round_no % 3]:
                    try:
                        runs[name].append(ways[name]())
                    except ImportError:
                        print("  peer: pandas not installed (pip install -e '.[bench]')")
                        ways[name] = None
                        names.remove(name)
                        break
            medians = {}
            for name in names:
                walls = sorted(r[1] for r in runs[name])
                medians[name] = statistics.median(walls)
                line(name, runs[name][0][0], medians[name], statistics.median(r[2] for r in runs[name]))
                print(f"{'':44} runs: {', '.join(f'{w:.2f}' for w in walls)} s")
            s_wall, t_wall = medians[names[0]], medians[names[1]]
            p_wall = medians.get("  peer: pandas.read_csv + DataFrame.to_sql")
        finally:
            dbs.close()
    xlsx_rate = args.rows / x_wall
    print(f"calamine / openpyxl read speed: {o_wall / c_wall:.1f}x")
    goals = {f"XLSX import >= {GOAL_XLSX_ROWS_PER_S:,} rows/s ({xlsx_rate:,.0f})": xlsx_rate >= GOAL_XLSX_ROWS_PER_S}
    if p_wall is not None:
        ratio = p_wall / s_wall
        print(f"CSV analyse then commit / pandas: {p_wall / t_wall:.2f}x (the screen's two steps; no goal)")
        goals[f"CSV import (one pass) >= {GOAL_CSV_RATIO:.1f}x pandas read_csv+to_sql ({ratio:.2f}x)"] = \
            ratio >= GOAL_CSV_RATIO
    for goal, met in goals.items():
        print(f"goal {goal}: {'met' if met else 'MISSED'}")
    return 0 if all(goals.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
