"""Reason export: 100,000 rows to CSV with matching count and promise sum (a million, with speed
and memory, in benchmarks/bench_export.py), XLSX
that Excel users get filters/frozen header/real dates in, cancel leaves no file,
masking, permissions and the audit entry."""

from __future__ import annotations

import csv
import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.domain.roles import PermissionDenied
from app.core.supervision.export import COLUMNS, ExportFilters, mask_name, mask_phone
from app.core.supervision.export import export_reasons_as as export_reasons
from app.store.models import AuditEntry, Result
from tests.integration.files.conftest import MANY, MANY_PER_DAY, seed_results

OCTOBER = ExportFilters(date(2026, 10, 1), date(2026, 10, 31))


def read_csv(path, delimiter=";"):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_many_results_export_to_csv_with_matching_count_and_promise_sum(many_results, tmp_path):
    db, _ = many_results
    out = tmp_path / "semua_reason.csv"
    summary = export_reasons(db, "admin", out, filters=ExportFilters(date(2026, 1, 1), date(2026, 12, 31)))
    with db.engine.connect() as conn:
        expected_sum = conn.execute(select(func.sum(Result.promise_amount))).scalar()
    total, amount_sum = 0, Decimal(0)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        assert next(reader) == list(COLUMNS)
        at = COLUMNS.index("Nominal Janji")
        for row in reader:
            total += 1
            if row[at]:
                amount_sum += Decimal(row[at].replace(",", "."))
    assert summary.rows == total == MANY
    assert amount_sum == Decimal(expected_sum)
    # Memory stays flat at a million rows: benchmarks/bench_export.py (exit 1 past 150 MB). Here, in a
    # worker process that ran other tests first, the process's RSS also moves with what they left.


def test_xlsx_export_has_frozen_header_autofilter_widths_real_dates_and_numbers(many_results, tmp_path):
    from openpyxl import load_workbook

    db, _ = many_results
    out = tmp_path / "reason.xlsx"
    summary = export_reasons(db, "admin", out, filters=ExportFilters(date(2026, 10, 2), date(2026, 10, 2)))
    assert summary.rows == MANY_PER_DAY
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == MANY_PER_DAY + 1
    assert all(isinstance(r[0], datetime) and r[0].date() == date(2026, 10, 2) for r in rows[1:])
    # Sheet properties need a full load: done on a small export (one agent, one reason).
    small = tmp_path / "kecil.xlsx"
    n = export_reasons(db, "admin", small, filters=ExportFilters(date(2026, 10, 2), date(2026, 10, 2),
                                                               agent="agen01", reason="CT-AGR")).rows
    ws = load_workbook(small).active
    assert n > 0 and [c.value for c in ws[1]] == list(COLUMNS) and ws["A1"].font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{chr(64 + len(COLUMNS))}{n + 1}"   # every column
    assert ws.column_dimensions["H"].width >= 20
    first = ws[2]
    assert isinstance(first[0].value, datetime) and first[0].number_format == "dd/mm/yyyy"
    assert first[1].number_format == "hh:mm:ss"
    assert isinstance(first[13].value, (int, float)) and first[13].number_format == "#,##0"
    assert isinstance(first[12].value, datetime) and first[10].value == "Setuju / janji bayar"


def test_cancel_midway_leaves_no_file_under_the_chosen_name(many_results, tmp_path):
    db, _ = many_results
    cancel = threading.Event()
    out = tmp_path / "batal.csv"
    calls = []

    def progress(done, total):
        calls.append(done)
        if done >= 50_000:
            cancel.set()
    summary = export_reasons(db, "admin", out, filters=OCTOBER, progress=progress, cancel=cancel)
    assert summary.cancelled and calls and calls[-1] < MANY
    assert list(tmp_path.iterdir()) == []          # neither the file nor a .part left over


def test_cancel_keeps_an_older_file_of_that_name_untouched(many_results, tmp_path):
    db, _ = many_results
    out = tmp_path / "reason.xlsx"
    out.write_bytes(b"laporan kemarin")
    cancel = threading.Event()
    cancel.set()
    assert export_reasons(db, "admin", out, filters=OCTOBER, cancel=cancel).cancelled
    assert out.read_bytes() == b"laporan kemarin" and len(list(tmp_path.iterdir())) == 1


def test_masking_hides_the_middle_of_phone_numbers_and_names(sqlite_db, people, tmp_path):
    seed_results(sqlite_db, people, 20)
    out = tmp_path / "masked.csv"
    export_reasons(sqlite_db, "admin", out, filters=OCTOBER, mask=True)
    rows = read_csv(out)[1:]
    phone, name = COLUMNS.index("Telepon"), COLUMNS.index("Nama Pelanggan")
    assert rows[0][phone] == "0812****0000" and rows[0][name] == "Pe*** 0*** Sa***"
    assert mask_phone("081234567890") == "0812****7890" and mask_name("Budi Santoso") == "Bu*** Sa***"
    plain = tmp_path / "plain.csv"
    export_reasons(sqlite_db, "admin", plain, filters=OCTOBER)
    assert read_csv(plain)[1][phone] == "081200000000"


def test_an_agent_may_not_export_and_no_file_is_written(sqlite_db, people, tmp_path):
    with pytest.raises(PermissionDenied, match="Akses ditolak"):
        export_reasons(sqlite_db, "agent", tmp_path / "x.csv", filters=OCTOBER)
    assert not (tmp_path / "x.csv").exists()


def test_a_team_leader_gets_their_own_team_only_and_an_audit_entry_is_written(sqlite_db, people, tmp_path):
    seed_results(sqlite_db, people, 200)
    out = tmp_path / "tim.csv"
    summary = export_reasons(sqlite_db, "team_leader", out, filters=OCTOBER, actor_id=people.tl_b,
                             actor_team_id=people.team_b)
    teams = {r[COLUMNS.index("Tim")] for r in read_csv(out)[1:]}
    assert summary.rows == 100 and teams == {"Tim Semarang"}
    with pytest.raises(PermissionDenied):
        export_reasons(sqlite_db, "team_leader", out, filters=ExportFilters(date(2026, 10, 1), date(2026, 10, 1),
                                                                          team="Tim Bandung"),
                       actor_id=people.tl_b, actor_team_id=people.team_b)
    with sqlite_db.engine.connect() as conn:
        audit = conn.execute(select(AuditEntry)).one()
    assert (audit.user_id, audit.action, audit.target) == (people.tl_b, "export_reasons", "tim.csv")
    assert audit.details["rows"] == 100 and audit.details["team_scope"] == people.team_b
    assert audit.details["date_from"] == "2026-10-01"


def test_filters_by_reason_agent_and_program(sqlite_db, people, tmp_path):
    seed_results(sqlite_db, people, 700)
    out = tmp_path / "f.csv"
    assert export_reasons(sqlite_db, "admin", out, filters=ExportFilters(
        date(2026, 10, 1), date(2026, 10, 1), reason="ct-agr")).rows == 100
    rows = read_csv(out)[1:]
    assert {r[COLUMNS.index("Kode Alasan")] for r in rows} == {"CT-AGR"}
    assert export_reasons(sqlite_db, "admin", out, filters=ExportFilters(
        date(2026, 10, 1), date(2026, 10, 1), agent="agen03")).rows == 70


def test_text_that_looks_like_a_formula_is_not_run_by_excel(sqlite_db, people, tmp_path):
    from openpyxl import load_workbook

    seed_results(sqlite_db, people, 3, notes='=HYPERLINK("http://x","klik")')
    csv_out, xlsx_out = tmp_path / "n.csv", tmp_path / "n.xlsx"
    export_reasons(sqlite_db, "admin", csv_out, filters=OCTOBER)
    export_reasons(sqlite_db, "admin", xlsx_out, filters=OCTOBER)
    assert read_csv(csv_out)[1][COLUMNS.index("Catatan")].startswith("'=")
    cell = load_workbook(xlsx_out).active.cell(2, COLUMNS.index("Catatan") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_export_runs_the_same_on_sqlite_and_postgresql(database, tmp_path):
    from tests.integration.files.conftest import seed_people

    people = seed_people(database)
    seed_results(database, people, 700)
    out = tmp_path / "pg.csv"
    summary = export_reasons(database, "admin", out, filters=OCTOBER, delimiter=",")
    rows = read_csv(out, delimiter=",")[1:]
    at = COLUMNS.index("Nominal Janji")
    with database.engine.connect() as conn:
        expected = conn.execute(select(func.sum(Result.promise_amount))).scalar()
    assert summary.rows == len(rows) == 700
    assert sum(Decimal(r[at]) for r in rows if r[at]) == Decimal(expected)


def test_every_text_cell_that_a_spreadsheet_could_run_is_escaped_by_one_rule(sqlite_db, people, tmp_path):
    from sqlalchemy import String, update

    from app.store.models import Customer, Team, User
    seed_results(sqlite_db, people, 4, notes="\t=1+1")
    with sqlite_db.session() as s:
        s.execute(update(User).values(full_name='=HYPERLINK("http://x","klik")'))
        s.execute(update(Team).values(name="@Tim " + Team.id.cast(String)))
        s.execute(update(Customer).values(name="+62 Budi"))
        notes = ["\t=1+1", "\r=cmd|' /C calc'!A0", " =SUM(A1)", "-2+3"]
        for result_id, note in zip(s.scalars(select(Result.id).order_by(Result.id)), notes):
            s.execute(update(Result).where(Result.id == result_id).values(notes=note))
    out = tmp_path / "semua.csv"
    export_reasons(sqlite_db, "admin", out, filters=OCTOBER)
    header, *rows = read_csv(out)
    assert len(rows) == 4
    agent, team, name = (header.index(c) for c in ("Nama Agen", "Tim", "Nama Pelanggan"))
    assert {r[agent] for r in rows} == {"'=HYPERLINK(\"http://x\",\"klik\")"}
    assert {r[team][:6] for r in rows} == {"'@Tim "} and {r[name] for r in rows} == {"'+62 Budi"}
    assert sorted(r[header.index("Catatan")] for r in rows) == sorted("'" + n for n in notes)
    for row in rows:
        for cell in row:
            assert cell.startswith("'") or cell.lstrip(" \t\r\n")[:1] not in ("=", "+", "-", "@"), row


def test_what_call_progress_analysis_heard_is_exported_at_the_end_of_each_row(sqlite_db, people, tmp_path):
    from openpyxl import load_workbook
    from sqlalchemy import update

    from app.store.models import CallAttempt

    seed_results(sqlite_db, people, 2)
    with sqlite_db.engine.begin() as conn:
        first = conn.execute(select(func.min(CallAttempt.id))).scalar()
        conn.execute(update(CallAttempt).where(CallAttempt.id == first)
                     .values(cpa_class="announcement", cpa_label="tidak_aktif", cpa_confidence=0.973))
    assert COLUMNS[-3:] == ("CPA Terdengar", "CPA Label", "CPA Keyakinan")
    csv_out, xlsx_out = tmp_path / "cpa.csv", tmp_path / "cpa.xlsx"
    export_reasons(sqlite_db, "admin", csv_out, filters=OCTOBER)
    rows = read_csv(csv_out)[1:]
    assert rows[0][-3:] == ["announcement", "tidak_aktif", "0,97"] and rows[1][-3:] == ["", "", ""]
    export_reasons(sqlite_db, "admin", xlsx_out, filters=OCTOBER)
    sheet = load_workbook(xlsx_out).active
    assert [c.value for c in sheet[2]][-3:] == ["announcement", "tidak_aktif", 0.97]
