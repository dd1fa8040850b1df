"""Dapros files as they really arrive: a header repeated (refused, or chosen by column
number; repeated phone columns all read) and UTF-16 CSV (Excel's "Unicode Text")."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.services.dapros_import import DaprosImporter, ImportFileError
from app.store.models import Customer, Phone, WorkItem
from tests.integration.files.dapros_factory import HEADER, account_number, dapros_rows, write_csv, write_xlsx


def with_second(header_name: str, value_of, n: int = 5) -> tuple[list[str], list[list]]:
    """HEADER plus a second column of the same name at the end, filled by value_of(i)."""
    rows = [list(r) + [value_of(i)] for i, r in enumerate(dapros_rows(n))]
    return HEADER + [header_name], rows


def stored(db):
    with db.engine.connect() as conn:
        names = dict(conn.execute(select(Customer.account_number, Customer.name)).all())
        phones = conn.execute(select(func.count()).select_from(Phone)).scalar()
        items = conn.execute(select(func.count()).select_from(WorkItem)).scalar()
    return names, phones, items


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_repeated_customer_name_column_is_refused_naming_both_columns(sqlite_db, tmp_path, kind):
    header, rows = with_second("Nama Pelanggan", lambda i: f"Nama Kedua {i}")
    path = (write_csv(tmp_path / "d.csv", rows, header=header) if kind == "csv"
            else write_xlsx(tmp_path / "d.xlsx", rows, header=header))
    with pytest.raises(ImportFileError, match=r"muncul lebih dari sekali.*kolom 3 dan kolom 13"):
        DaprosImporter(sqlite_db).analyse(path, "CT0")
    assert stored(sqlite_db) == ({}, 0, 0)


def test_the_person_chooses_which_repeated_column_to_use_by_its_number(sqlite_db, tmp_path):
    header, rows = with_second("Nama Pelanggan", lambda i: f"Nama Kedua {i}")
    path = write_csv(tmp_path / "d.csv", rows, header=header)
    importer = DaprosImporter(sqlite_db)
    result = importer.commit(importer.analyse(path, "CT0", mapping={"name": "kolom 13"}))
    assert result.imported == 5
    assert stored(sqlite_db)[0][account_number(1)] == "Nama Kedua 0"


def test_every_repeated_phone_column_is_read(sqlite_db, tmp_path):
    header, rows = with_second("No HP", lambda i: f"08577000{i:04d}")
    path = write_csv(tmp_path / "d.csv", rows, header=header)
    importer = DaprosImporter(sqlite_db)
    importer.commit(importer.analyse(path, "CT0"))
    with sqlite_db.engine.connect() as conn:
        phones = set(conn.execute(select(Phone.e164).join(Customer).where(
            Customer.account_number == account_number(1))).scalars())
    assert "+628577000" + "0000" in phones and len(phones) >= 2


@pytest.mark.parametrize("encoding, bom", [("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b"")])
def test_utf16_csv_as_excel_unicode_text_imports_with_names_intact(sqlite_db, tmp_path, encoding, bom):
    rows = [list(r) for r in dapros_rows(20)]
    rows[0][HEADER.index("Nama Pelanggan")] = "Dédé Sükarno"
    path = write_csv(tmp_path / "unicode.txt", rows, delimiter="\t", encoding=encoding)
    importer = DaprosImporter(sqlite_db)
    plan = importer.analyse(path, "CT0")
    assert (plan.total_rows, plan.valid_rows, plan.errors) == (20, 20, [])
    importer.commit(plan)
    assert stored(sqlite_db)[0][account_number(1)] == "Dédé Sükarno"


def test_a_broken_utf16_file_is_named_as_an_encoding_problem(sqlite_db, tmp_path):
    path = write_csv(tmp_path / "rusak.csv", [list(r) for r in dapros_rows(3)], delimiter="\t", encoding="utf-16")
    path.write_bytes(path.read_bytes() + b"\x00\xd8\x41")          # a lone surrogate, an odd byte
    with pytest.raises(ImportFileError, match="UTF-16.*CSV UTF-8"):
        DaprosImporter(sqlite_db).analyse(path, "CT0")


def test_xlsx_is_read_by_calamine_with_the_cells_openpyxl_would_give(tmp_path):
    from app.services.import_readers import _openpyxl_sheets, header_score, open_table
    rows = [list(r) for r in dapros_rows(30)]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    table = open_table(path, header_score)
    assert table.reader == "calamine" and table.header == HEADER
    by_openpyxl = [values for number, values in _openpyxl_sheets(path)[0][1]() if number > table.header_row]
    by_calamine = [values[:len(HEADER)] for _n, values in table.rows()]
    assert by_calamine == [v[:len(HEADER)] for v in by_openpyxl]
