"""The one-pass dapros import (`import_file`, what `sambung import` runs): a CSV file checked by
a process of its own while the rows already checked are written.  It must write exactly what
analyse() + commit() write, report the same rows, and keep nothing when it refuses, is
cancelled, or the file or the checking process fails half way."""

from __future__ import annotations

import sys
import threading

import pytest
from sqlalchemy import func, select

from app.core.supervision.imports import DaprosImport as DaprosImporter
from app.core.supervision.imports import ImportFileError
from app.services import dapros_check_process, dapros_import
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import AuditEntry, Customer, Phone, WorkItem
from tests.integration.files.dapros_factory import HEADER, dapros_rows, write_csv, write_xlsx
from tests.integration.files.test_dapros_import import counts, rows_with


def fresh_sqlite(path) -> Database:
    url = f"sqlite:///{path}"
    upgrade(url)
    return Database(url)


def written(db: Database) -> tuple[list, list, list]:
    """What an import left: customers, phones and work items, by account number, items in id order."""
    with db.engine.connect() as conn:
        customers = conn.execute(select(Customer.account_number, Customer.name, Customer.segment, Customer.region,
                                        Customer.zone_source, Customer.address, Customer.email)
                                 .order_by(Customer.account_number)).all()
        phones = conn.execute(select(Customer.account_number, Phone.e164, Phone.invalid).join(Customer)
                              .order_by(Customer.account_number, Phone.e164)).all()
        items = conn.execute(select(Customer.account_number, WorkItem.program, WorkItem.state, WorkItem.priority,
                                    WorkItem.arrears_months, WorkItem.arrears_amount, WorkItem.period,
                                    WorkItem.source, WorkItem.round_no, WorkItem.team_id).join(Customer)
                             .order_by(WorkItem.id)).all()
    return customers, phones, items


def messy_rows(n: int) -> list[list]:
    """n rows, a few of them wrong in every way the checks know, and some repeated (one twice)."""
    rows = rows_with(n, program="PRANPC", at={
        3: {"Tunggakan": "Rp abc"}, 2500: {"No HP": "12345"}, 4100: {"No Internet": "1.31E+11"},
        n - 2: {"Periode": "202613"}})
    return rows + [rows[10], rows[4500], rows[20], rows[20]]


@pytest.fixture
def head_rows(request, monkeypatch) -> int:
    """The file's first rows checked by the importing process, the rest by the checking process:
    none, a part that ends inside a block, or (the default) 5,000."""
    monkeypatch.setattr(dapros_import, "HEAD_ROWS", request.param)
    return request.param


@pytest.mark.parametrize("head_rows", [0, 1500, dapros_import.HEAD_ROWS], indirect=True)
def test_one_pass_writes_and_reports_what_analyse_and_commit_do(sqlite_db, tmp_path, head_rows):
    path = write_csv(tmp_path / "dapros.csv", messy_rows(5000))
    two_step_db = fresh_sqlite(tmp_path / "two.db")
    two = DaprosImporter(two_step_db)
    analysed = two.analyse(path, "PRANPC")
    assert two.commit(analysed, mode="valid_only").imported == 4996

    plan, result = DaprosImporter(sqlite_db).import_file(path, "PRANPC", mode="valid_only")

    assert (result.status, result.imported, result.rejected) == ("imported", 4996, 8)
    assert result.message == "4996 baris diimpor, 8 ditolak."
    assert (plan.total_rows, plan.valid_rows, plan.rejected_rows) == (5004, 4996, 8)
    assert plan.errors == analysed.errors and plan.duplicates == analysed.duplicates
    assert {e.row for e in plan.errors} == {5, 2502, 4102, 5000}
    assert [(d.row, d.message.split()[-3]) for d in plan.duplicates] == [(5002, "12"), (5003, "4502"),
                                                                         (5004, "22"), (5005, "22")]
    assert plan.zone_sources == analysed.zone_sources and list(plan.valid) == list(analysed.valid)
    assert written(sqlite_db) == written(two_step_db)
    with sqlite_db.engine.connect() as conn:
        audit = conn.execute(select(AuditEntry.action, AuditEntry.target, AuditEntry.details)).all()
    assert [(a, t, d["rows"], d["imported"], d["rejected"], d["mode"]) for a, t, d in audit] == \
        [("import_dapros", "dapros.csv", 5004, 4996, 8, "valid_only")]


@pytest.mark.parametrize("head_rows", [0, 10], indirect=True)
def test_rows_below_title_lines_keep_the_numbers_excel_shows(sqlite_db, tmp_path, head_rows):
    rows = rows_with(30, at={6: {"No HP": "12345"}})
    path = tmp_path / "judul.csv"
    lines = ["DATA PROSPEK CT-0;;;", "Periode November 2026;;;", ""]
    write_csv(path, rows)
    path.write_text("\n".join(lines) + "\n" + path.read_text(encoding="cp1252"), encoding="cp1252")
    plan, result = DaprosImporter(sqlite_db).import_file(path, "CT0", mode="valid_only")
    assert [(e.row, e.column) for e in plan.errors] == [(11, "No HP")]    # 3 title lines, the header, 7th row
    assert result.imported == 29 and counts(sqlite_db)[2] == 29


@pytest.mark.parametrize("head_rows", [0, 1500], indirect=True)
def test_all_or_nothing_keeps_nothing_and_still_reports_every_error(database, tmp_path, head_rows):
    rows = rows_with(7000, at={100: {"Tunggakan": "belum tahu"}, 6500: {"No HP": "12345"}})
    plan, result = DaprosImporter(database).import_file(write_csv(tmp_path / "d.csv", rows), "CT0")
    assert (result.status, result.imported, result.rejected) == ("rejected", 0, 2)
    assert result.message == "2 baris ditolak; tidak ada yang diimpor."
    assert [e.row for e in plan.errors] == [102, 6502] and plan.total_rows == 7000
    assert counts(database) == (0, 0, 0)
    plan, result = DaprosImporter(database).import_file(write_csv(tmp_path / "e.csv", rows_with(7000)), "CT0")
    assert (result.status, result.imported) == ("imported", 7000)
    assert counts(database)[2] == 7000


@pytest.mark.parametrize("head_rows", [0, dapros_import.HEAD_ROWS], indirect=True)
def test_an_account_with_an_open_work_item_is_refused_with_its_row(sqlite_db, tmp_path, head_rows):
    importer = DaprosImporter(sqlite_db)
    importer.import_file(write_csv(tmp_path / "a.csv", rows_with(10)), "CT0")
    again = write_csv(tmp_path / "b.csv", rows_with(4000, at={3500: {"No HP": "12345"}}))
    plan, result = importer.import_file(again, "CT0")
    # Refused at the first block; the rest of the file is checked all the same.
    assert (result.status, result.imported, result.rejected) == ("rejected", 0, 11)
    assert plan.total_rows == 4000 and [e.row for e in plan.errors] == [3502]
    assert counts(sqlite_db)[2] == 10
    again = write_csv(tmp_path / "b.csv", rows_with(15))
    plan, result = importer.import_file(again, "CT0", mode="valid_only")
    assert (result.status, result.imported, result.rejected) == ("imported", 5, 10)
    assert plan.valid_rows == 5 and [d.row for d in plan.duplicates] == list(range(2, 12))
    assert "masih memiliki dapros CT0 yang terbuka" in plan.duplicates[0].message
    assert plan.duplicates[0].column == "No Internet"
    assert counts(sqlite_db)[2] == 15


@pytest.fixture
def checking_processes(monkeypatch):
    """Every checking process an import starts."""
    started = []

    class Recorded(dapros_check_process.CheckProcess):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self._process)
    monkeypatch.setattr(dapros_import, "CheckProcess", Recorded)
    return started


def test_cancel_keeps_nothing_and_ends_the_checking_process(sqlite_db, tmp_path, checking_processes):
    cancel = threading.Event()
    cancel.set()
    plan, result = DaprosImporter(sqlite_db).import_file(write_csv(tmp_path / "d.csv", rows_with(9000)), "CT0",
                                                         cancel=cancel)
    assert result.status == "cancelled" and result.message == "Impor dibatalkan; tidak ada yang diimpor."
    assert counts(sqlite_db) == (0, 0, 0)
    assert len(checking_processes) == 1 and checking_processes[0].returncode is not None


def test_a_file_that_breaks_half_way_is_named_and_nothing_is_kept(sqlite_db, tmp_path, checking_processes):
    rows = rows_with(6000)
    rows[5000][HEADER.index("Alamat")] = "x" * 200_000         # over the CSV reader's field limit
    with pytest.raises(ImportFileError, match="bukan CSV yang sah"):
        DaprosImporter(sqlite_db).import_file(write_csv(tmp_path / "d.csv", rows), "CT0")
    assert counts(sqlite_db) == (0, 0, 0)
    assert checking_processes[0].returncode is not None


def test_a_checking_process_that_dies_is_named_and_nothing_is_kept(sqlite_db, tmp_path, monkeypatch):
    monkeypatch.setattr(dapros_check_process, "command", lambda: [
        sys.executable, "-c", "import sys; sys.stdin.buffer.read(); sys.stderr.write('MemoryError\\n'); sys.exit(3)"])
    with pytest.raises(dapros_check_process.CheckProcessFailed,
                       match=r"kode keluar 3: MemoryError\); tidak ada yang diimpor"):
        DaprosImporter(sqlite_db).import_file(write_csv(tmp_path / "d.csv", rows_with(3000)), "CT0")
    assert counts(sqlite_db) == (0, 0, 0)


def test_a_header_only_file_is_refused_as_having_no_data(sqlite_db, tmp_path):
    with pytest.raises(ImportFileError, match="tidak berisi baris data"):
        DaprosImporter(sqlite_db).import_file(write_csv(tmp_path / "kosong.csv", []), "CT0")
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar() == 0


def test_an_xlsx_file_is_checked_here_then_written(sqlite_db, tmp_path, checking_processes):
    rows = list(dapros_rows(2500))
    plan, result = DaprosImporter(sqlite_db).import_file(write_xlsx(tmp_path / "d.xlsx", rows), "CT0")
    assert (result.status, result.imported, plan.total_rows) == ("imported", 2500, 2500)
    assert counts(sqlite_db)[2] == 2500
    # Started while the file was opened, in case it was CSV; ended unused.
    assert len(checking_processes) == 1 and checking_processes[0].returncode is not None


def test_an_unreadable_file_ends_the_checking_process(sqlite_db, tmp_path, checking_processes):
    path = tmp_path / "salah.csv"
    path.write_bytes(b"PK\x03\x04 bukan xlsx")
    with pytest.raises(ImportFileError, match="salah.csv bukan berkas Excel"):    # a zip, named .csv
        DaprosImporter(sqlite_db).import_file(path, "CT0")
    assert len(checking_processes) == 1 and checking_processes[0].returncode is not None


@pytest.mark.skipif(dapros_check_process.F_SETPIPE_SZ is None, reason="pipe sizes are set on Linux only")
def test_the_checking_process_may_run_several_blocks_ahead():
    from fcntl import F_GETPIPE_SZ, fcntl
    with open("/proc/sys/fs/pipe-max-size") as limit:
        wanted = min(dapros_check_process._PIPE_BYTES, int(limit.read()))
    checks = dapros_check_process.CheckProcess()
    try:
        # A block of 2,000 rows is about 300 kB: Linux's own 64 kB would hold none.
        assert fcntl(checks._process.stdout.fileno(), F_GETPIPE_SZ) >= wanted > 300_000
    finally:
        checks.close()
