"""Dapros import: malformed files give clear Indonesian errors, and nothing is ever
half imported (all-or-nothing, cancel, failure mid-commit)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.supervision.imports import DaprosImport as DaprosImporter
from app.core.supervision.imports import ImportFileError
from app.store.models import AuditEntry, Customer, ImportLayout, Phone, WorkItem
from tests.integration.files.dapros_factory import HEADER, account_number, dapros_rows, write_csv, write_xlsx


def counts(db) -> tuple[int, int, int]:
    with db.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                     for t in (Customer.__table__, Phone.__table__, WorkItem.__table__))


def rows_with(n: int, start: int = 1, program: str = "CT0", **changes) -> list[list]:
    """n factory rows of the program's file; changes maps row index -> {column name: value}."""
    rows = [list(r) for r in dapros_rows(n, start=start, program=program)]
    for index, cells in changes.get("at", {}).items():
        for col, value in cells.items():
            rows[index][HEADER.index(col)] = value
    return rows


def test_csv_with_semicolons_and_cp1252_accents_imports_every_row_with_names_intact(sqlite_db, tmp_path):
    rows = rows_with(50, at={0: {"Nama Pelanggan": "Dédé Sükarno", "Alamat": "Jl. Cikapundung Gg. Ñoño"}})
    path = write_csv(tmp_path / "dapros.csv", rows, delimiter=";", encoding="cp1252")
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(path, "CT0")
    assert (plan.total_rows, plan.valid_rows, plan.errors) == (50, 50, [])
    result = importer.commit(plan)
    assert (result.status, result.imported, result.rejected) == ("imported", 50, 0)
    with sqlite_db.engine.connect() as conn:
        name, address = conn.execute(select(Customer.name, Customer.address)
                                     .where(Customer.account_number == account_number(1))).one()
        item = conn.execute(select(WorkItem).where(WorkItem.customer_id == select(Customer.id).where(
            Customer.account_number == account_number(1)).scalar_subquery())).one()
    assert (name, address) == ("Dédé Sükarno", "Jl. Cikapundung Gg. Ñoño")
    assert (item.program, item.state, item.source, item.priority) == ("CT0", "new", "dapros.csv", 1)
    assert item.arrears_amount == Decimal(rows[0][HEADER.index("Tunggakan")]) and item.period == "202611"


def test_utf8_bom_comma_csv_and_phones_are_stored_in_e164(sqlite_db, tmp_path):
    rows = rows_with(3, program="PRANPC", at={0: {"No HP": "0812-3456-7890", "CP": "+62 22 2501234"}})
    path = write_csv(tmp_path / "d.csv", rows, delimiter=",", encoding="utf-8-sig", rupiah_text=False)
    importer = DaprosImporter(sqlite_db)
    importer.commit(importer.analyse(path, "PRANPC"))
    with sqlite_db.engine.connect() as conn:
        phones = set(conn.execute(select(Phone.e164).join(Customer).where(
            Customer.account_number == account_number(1))).scalars())
    assert phones == {"+6281234567890", "+62222501234"}


def test_xlsx_sample_with_title_rows_imports(sqlite_db, samples_dir):
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(samples_dir / "dapros_ct0_contoh.xlsx", "CT0")
    assert plan.total_rows > 0 and plan.is_clean, plan.errors[:3]
    assert importer.commit(plan).imported == plan.total_rows


def test_pranpc_sample_csv_as_excel_saves_it_imports(sqlite_db, samples_dir):
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(samples_dir / "dapros_pranpc_contoh.csv", "PRANPC")
    assert plan.total_rows > 0 and plan.is_clean, plan.errors[:3]


def test_wrong_columns_are_refused_naming_the_missing_ones(sqlite_db, tmp_path):
    path = write_csv(tmp_path / "salah.csv", [["1311", "Budi", 5]], header=["No Internet", "Kota", "Tunggakan"])
    with pytest.raises(ImportFileError, match="Kolom wajib tidak ditemukan.*Nama Pelanggan.*No HP"):
        DaprosImporter(sqlite_db).analyse(path, "CT0")


def test_a_file_without_any_known_header_is_refused(sqlite_db, tmp_path):
    path = tmp_path / "laporan.csv"
    path.write_text("Kota;Jumlah\nBandung;3\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="Kolom dapros tidak dikenali"):
        DaprosImporter(sqlite_db).analyse(path, "CT0")


@pytest.mark.parametrize("content, suffix, message", [
    (b"", ".csv", "kosong"),
    (b"\r\n\r\n  \r\n", ".csv", "kosong"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ".csv", "bukan spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), ".xls", "Excel 97-2003"),
    (b"No Internet;Nama\n", ".xlsx", "bukan berkas Excel"),
    (b"PK\x03\x04garbage" + bytes(100), ".xlsx", "bukan berkas Excel"),
])
def test_unreadable_files_raise_a_clear_indonesian_error(sqlite_db, tmp_path, content, suffix, message):
    path = tmp_path / f"berkas{suffix}"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        DaprosImporter(sqlite_db).analyse(path, "CT0")
    assert counts(sqlite_db) == (0, 0, 0)


def test_header_only_file_is_refused_as_having_no_data(sqlite_db, tmp_path):
    path = write_csv(tmp_path / "kosong.csv", [])
    with pytest.raises(ImportFileError, match="tidak berisi baris data"):
        DaprosImporter(sqlite_db).analyse(path, "CT0")


def test_text_in_amount_column_and_bad_numbers_are_row_errors_and_nothing_is_imported(sqlite_db, tmp_path):
    rows = rows_with(20, at={2: {"Tunggakan": "belum tahu"}, 5: {"No HP": "12345"},
                            7: {"No Internet": "13-11 ABC"}, 9: {"Bulan Tunggakan": "dua"},
                            11: {"No Internet": "1.31123E+11"}, 12: {"Periode": "202613"}})
    path = write_csv(tmp_path / "d.csv", rows)
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(path, "CT0")
    by_row = {e.row: e for e in plan.errors}
    # Excel row numbers: header is row 1, so list index 2 is row 4.
    assert set(by_row) == {4, 7, 9, 11, 13, 14}
    assert by_row[4].column == "Tunggakan" and by_row[4].value == "belum tahu" and "Nominal" in by_row[4].message
    assert by_row[7].column == "No HP" and "Awalan" in by_row[7].message
    assert by_row[13].column == "No Internet" and "format ilmiah" in by_row[13].message
    assert by_row[14].column == "Periode"
    result = importer.commit(plan)
    assert (result.status, result.imported, result.rejected) == ("rejected", 0, 6)
    assert counts(sqlite_db) == (0, 0, 0)


def test_empty_rows_are_skipped_and_not_counted(sqlite_db, tmp_path):
    rows = rows_with(5)
    rows.insert(2, [""] * len(HEADER))
    rows.append([";"] and [""] * len(HEADER))
    plan = DaprosImporter(sqlite_db).analyse(write_csv(tmp_path / "d.csv", rows), "CT0")
    assert (plan.total_rows, plan.empty_rows, plan.valid_rows) == (5, 2, 5)


def test_ten_thousand_duplicated_rows_are_reported_and_nothing_is_imported(sqlite_db, tmp_path):
    original = rows_with(10_000)
    path = write_csv(tmp_path / "ganda.csv", original + original)
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(path, "CT0")
    assert (plan.valid_rows, len(plan.duplicates)) == (10_000, 10_000)
    first = min(plan.duplicates, key=lambda d: d.row)
    assert first.row == 10_002 and "sudah ada di baris 2" in first.message
    assert importer.commit(plan).status == "rejected"
    assert counts(sqlite_db) == (0, 0, 0)


def test_valid_only_imports_the_good_rows_and_reports_the_rest(sqlite_db, tmp_path):
    rows = rows_with(30, at={3: {"Tunggakan": "Rp abc"}, 4: {"No HP": "", "CP": ""}})
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(write_csv(tmp_path / "d.csv", rows + rows[:2]), "CT0")
    result = importer.commit(plan, mode="valid_only")
    assert (result.status, result.imported, result.rejected) == ("imported", 28, 4)
    assert counts(sqlite_db)[2] == 28


def test_an_account_with_an_open_work_item_of_the_program_is_a_duplicate(sqlite_db, tmp_path):
    importer = DaprosImporter(sqlite_db)
    importer.commit(importer.analyse(write_csv(tmp_path / "a.csv", rows_with(10)), "CT0"))
    again = importer.analyse(write_csv(tmp_path / "b.csv", rows_with(15)), "CT0")
    assert (again.valid_rows, len(again.duplicates)) == (5, 10)
    assert "masih memiliki dapros CT0 yang terbuka" in again.duplicates[0].message
    # Another program is not a duplicate: the customer is reused, not created twice, and so are
    # the numbers it already has; a number new to it is added.
    phones = counts(sqlite_db)[1]
    other = importer.analyse(write_csv(tmp_path / "c.csv", rows_with(10, program="PRANPC", at={
        0: {"No HP": "081299990001"}})), "PRANPC")
    result = importer.commit(other)
    assert other.is_clean and (result.customers_created, result.phones_created) == (0, 1)
    assert counts(sqlite_db) == (10, phones + 1, 20)


def test_cancel_during_commit_imports_nothing(sqlite_db, tmp_path):
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(write_csv(tmp_path / "d.csv", rows_with(9000)), "CT0")
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        cancel.set()          # the user presses "Batal" after the first batch
    result = importer.commit(plan, progress=progress, cancel=cancel)
    assert result.status == "cancelled" and result.imported == 0 and seen == [2000]
    assert counts(sqlite_db) == (0, 0, 0)


def test_collection_is_paused_while_rows_are_checked_and_written_and_back_after_a_failure(sqlite_db, tmp_path):
    """A file of 100,000 rows is a million small objects: no collector pass walks them meanwhile."""
    import gc

    from app.platform.collection import collect_unless_held
    importer = DaprosImporter(sqlite_db)
    path = write_csv(tmp_path / "d.csv", rows_with(3000))
    was = gc.isenabled()
    gc.enable()
    seen = []
    try:
        plan = importer.analyse(path, "CT0")
        assert gc.isenabled()

        def progress(done, total):
            seen.append((gc.isenabled(), collect_unless_held()))
            raise OSError("disk penuh")
        with pytest.raises(OSError):
            importer.commit(plan, progress=progress)
        assert seen == [(False, 0)] and gc.isenabled()
        assert counts(sqlite_db) == (0, 0, 0)
    finally:
        (gc.enable if was else gc.disable)()


def test_a_failure_mid_commit_rolls_back_every_batch(sqlite_db, tmp_path):
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(write_csv(tmp_path / "d.csv", rows_with(7000)), "CT0")

    def progress(done, total):
        if done >= 4000:
            raise OSError("disk penuh")
    with pytest.raises(OSError):
        importer.commit(plan, progress=progress)
    assert counts(sqlite_db) == (0, 0, 0)


def test_explicit_mapping_is_remembered_for_the_same_layout(sqlite_db, tmp_path):
    header = ["ID Layanan", "Pemilik", "Nomor Seluler", "Tunggakan"]
    rows = [[account_number(i), f"Pelanggan {i}", f"0812{i:08d}", "150.000"] for i in range(1, 6)]
    path = write_csv(tmp_path / "aneh.csv", rows, header=header)
    importer = DaprosImporter(sqlite_db)
    with pytest.raises(ImportFileError, match="Kolom"):
        importer.analyse(path, "CT0")
    mapping = {"account_number": "ID Layanan", "name": "Pemilik", "phones": ["Nomor Seluler"]}
    plan = importer.analyse(path, "CT0", mapping=mapping)
    assert plan.mapping_origin == "explicit" and importer.commit(plan).imported == 5
    # Same columns, different spelling and case: the layout is recognised.
    other = write_csv(tmp_path / "lagi.csv", [[account_number(9), "X Y", "081299999999", "1"]],
                      header=["ID LAYANAN", "pemilik", "Nomor  Seluler", "TUNGGAKAN"])
    plan2 = importer.analyse(other, "CT0")
    assert plan2.mapping_origin == "remembered" and plan2.is_clean
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ImportLayout.__table__)).scalar() == 1
        assert conn.execute(select(AuditEntry.action)).scalars().all() == ["import_dapros"]


def test_excel_number_cells_serial_dates_and_lost_leading_zero_are_understood(sqlite_db, tmp_path):
    header = ["No Internet", "Nama Pelanggan", "No HP", "Tunggakan", "Periode"]
    rows = [[131100000001, "Budi Santoso", 81234567890, 1250000, 46327]]     # 46327 = 2026-11-01
    path = write_xlsx(tmp_path / "angka.xlsx", rows, header=header, title=None)
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(path, "CT0")
    assert plan.is_clean, plan.errors
    assert (plan.valid[0].account, plan.valid[0].phones, plan.valid[0].period,
            plan.valid[0].amount) == ("131100000001", ("+6281234567890",), "202611", Decimal(1250000))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_error_report_is_saved_with_row_column_value_and_message(sqlite_db, tmp_path, suffix):
    rows = rows_with(4, at={1: {"Tunggakan": "=HYPERLINK(\"x\")"}})
    plan = DaprosImporter(sqlite_db).analyse(write_csv(tmp_path / "d.csv", rows + rows[:1]), "CT0")
    out = plan.save_errors(tmp_path / f"galat{suffix}")
    if suffix == ".csv":
        import csv
        with out.open(encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh, delimiter=";"))
    else:
        from openpyxl import load_workbook
        table = [list(r) for r in load_workbook(out, read_only=True).active.iter_rows(values_only=True)]
    assert table[0] == ["Baris", "Kolom", "Nilai", "Pesan", "Jenis"]
    assert [str(r[0]) for r in table[1:]] == ["3", "6"]
    assert table[1][1] == "Tunggakan" and table[1][2].startswith("'=")     # no formula in Excel
    assert table[2][4] == "duplikat"


def test_import_and_all_or_nothing_rollback_behave_the_same_on_sqlite_and_postgresql(database, tmp_path):
    importer = DaprosImporter(database)
    plan = importer.analyse(write_csv(tmp_path / "d.csv", rows_with(5000)), "CT0")

    def progress(done, total):
        if done >= 4000:
            raise RuntimeError("koneksi terputus")
    with pytest.raises(RuntimeError):
        importer.commit(plan, progress=progress)
    assert counts(database) == (0, 0, 0)
    result = importer.commit(plan)
    assert (result.status, result.imported) == ("imported", 5000)
    assert counts(database)[2] == 5000
    again = importer.analyse(tmp_path / "d.csv", "CT0")
    assert again.mapping_origin == "remembered" and len(again.duplicates) == 5000
