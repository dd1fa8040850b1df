"""The `sambung import`, `sambung export` and `sambung retention` commands: exit codes
and what they leave in the database and on disk."""

from __future__ import annotations

import pytest

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.cli import main
from app.store.models import WorkItem
from tests.integration.files.conftest import seed_results
from tests.fixtures.passwords import TEST_PASSWORD, give_passwords
from tests.integration.files.dapros_factory import HEADER, dapros_rows, write_csv

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _passwords(request, monkeypatch):
    """The seeded people log in with the test password (the CLI authenticates --user)."""
    if "people" in request.fixturenames:
        request.getfixturevalue("people")
        give_passwords(request.getfixturevalue("sqlite_db"), "admin", "tl_bdg", "agen01")
        monkeypatch.setenv("SAMBUNG_PASSWORD", TEST_PASSWORD)


def items(db) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(WorkItem.__table__)).scalar()


def test_import_of_a_clean_file_exits_0(sqlite_db, people, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", dapros_rows(25))
    assert main(["import", str(path), "--program", "CT0", "--user", "admin", "--db", sqlite_db.url]) == 0
    assert "25 baris diimpor" in capsys.readouterr().out and items(sqlite_db) == 25


def test_import_with_bad_rows_exits_1_imports_nothing_and_writes_the_error_report(sqlite_db, people, tmp_path, capsys):
    rows = [list(r) for r in dapros_rows(10)]
    rows[4][HEADER.index("Tunggakan")] = "lunas?"
    errors = tmp_path / "galat.xlsx"
    code = main(["import", str(write_csv(tmp_path / "d.csv", rows)), "--program", "CT0", "--user", "tl_bdg",
                 "--errors-out", str(errors), "--db", sqlite_db.url])
    out = capsys.readouterr().out
    assert code == 1 and items(sqlite_db) == 0
    assert "baris 6, kolom Tunggakan" in out and errors.exists()


def test_import_valid_only_exits_1_but_imports_the_good_rows(sqlite_db, people, tmp_path):
    rows = [list(r) for r in dapros_rows(10, program="PRANPC")]
    rows[4][HEADER.index("No HP")] = "0812"
    code = main(["import", str(write_csv(tmp_path / "d.csv", rows)), "--program", "PRANPC", "--valid-only", "--user", "admin",
                 "--db", sqlite_db.url])
    assert code == 1 and items(sqlite_db) == 9


def test_import_of_an_unreadable_file_exits_2(sqlite_db, people, tmp_path, capsys):
    path = tmp_path / "foto.xlsx"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    assert main(["import", str(path), "--program", "CT0", "--user", "admin", "--db", sqlite_db.url]) == 2
    assert "bukan berkas Excel" in capsys.readouterr().err


def test_import_whose_checking_process_dies_exits_2_naming_it(sqlite_db, people, tmp_path, capsys, monkeypatch):
    from app.services import dapros_check_process
    monkeypatch.setattr(dapros_check_process, "command", lambda: [sys.executable, "-c", "import sys; sys.exit(9)"])
    path = write_csv(tmp_path / "d.csv", dapros_rows(30))
    assert main(["import", str(path), "--program", "CT0", "--user", "admin", "--db", sqlite_db.url]) == 2
    assert "Pemeriksaan berkas berhenti tanpa hasil (kode keluar 9)" in capsys.readouterr().err
    assert items(sqlite_db) == 0


def test_db_given_before_the_subcommand_is_honoured(sqlite_db, people, tmp_path):
    path = write_csv(tmp_path / "d.csv", dapros_rows(3))
    assert main(["--db", sqlite_db.url, "import", str(path), "--program", "CT0", "--user", "admin"]) == 0
    assert items(sqlite_db) == 3


def test_import_as_an_agent_is_denied_with_exit_3_and_imports_nothing(sqlite_db, people, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", dapros_rows(5))
    assert main(["import", str(path), "--program", "CT0", "--user", "agen01", "--db", sqlite_db.url]) == 3
    assert "Akses ditolak" in capsys.readouterr().err and items(sqlite_db) == 0


def test_import_as_an_unknown_user_exits_2(sqlite_db, people, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", dapros_rows(5))
    assert main(["import", str(path), "--program", "CT0", "--user", "siapa", "--db", sqlite_db.url]) == 2
    assert "kata sandi salah" in capsys.readouterr().err and items(sqlite_db) == 0


def test_export_as_an_agent_is_denied_with_exit_3_and_no_file(sqlite_db, people, tmp_path):
    seed_results(sqlite_db, people, 50)
    out = tmp_path / "reason.csv"
    proc = subprocess.run([sys.executable, "-m", "app", "export", "--from", "2026-10-01", "--to", "2026-10-31",
                           "--format", "csv", "-o", str(out), "--user", "agen01", "--db", sqlite_db.url],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert "Akses ditolak" in proc.stderr and not out.exists()


def test_export_as_team_leader_writes_only_their_team(sqlite_db, people, tmp_path, capsys):
    seed_results(sqlite_db, people, 100)
    out = tmp_path / "reason.csv"
    assert main(["export", "--from", "2026-10-01", "--to", "2026-10-01", "-o", str(out), "--user", "tl_bdg",
                 "--db", sqlite_db.url]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 51 and all(";Tim Bandung;" in ln for ln in lines[1:])
    assert "50 baris diekspor" in capsys.readouterr().out


def test_export_of_another_team_by_a_team_leader_exits_3(sqlite_db, people, tmp_path):
    code = main(["export", "--from", "2026-10-01", "--to", "2026-10-01", "-o", str(tmp_path / "x.csv"),
                 "--team", "Tim Semarang", "--user", "tl_bdg", "--db", sqlite_db.url])
    assert code == 3 and not (tmp_path / "x.csv").exists()


def test_export_with_unknown_user_or_reversed_dates_exits_2(sqlite_db, people, tmp_path):
    assert main(["export", "--from", "2026-10-01", "--to", "2026-10-01", "-o", str(tmp_path / "x.csv"),
                 "--user", "siapa", "--db", sqlite_db.url]) == 2
    assert main(["export", "--from", "2026-10-05", "--to", "2026-10-01", "-o", str(tmp_path / "x.csv"),
                 "--user", "admin", "--db", sqlite_db.url]) == 2
