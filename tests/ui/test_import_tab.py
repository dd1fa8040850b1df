"""The team leader's dapros import tab: check, error table, valid-only import, cancel, unreadable file, role."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.platform.config import Settings
from app.core.context import AppContext, CurrentUser
from app.domain.clock import FrozenClock
from app.domain.reasons import ReasonCatalogue
from app.core.supervision.imports import DaprosImport as DaprosImporter
from app.store.models import AuditEntry, User, WorkItem
from tests.fixtures.world import DAYTIME

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app" / "resources" / "samples" / "dapros_pranpc_contoh.csv"
HEADER = "No;No Internet;Nama Pelanggan;Alamat;No HP;CP;Segmen;Bulan Tunggakan;Tunggakan;Periode;Email;Wilayah/Zona"
BAD_ROWS = [
    "1;131100009001;Ani Lubis;Jl. Braga 1, Bandung;081234567801;;DCS;1;390.000;202611;;WIB",
    "2;131100009002;Budi Hartono;Jl. Braga 2, Bandung;12;;DCS;1;390.000;202611;;WIB",            # bad phone
    "3;;Citra Dewi;Jl. Braga 3, Bandung;081234567803;;DCS;1;390.000;202611;;WIB",                # no account
    "4;131100009001;Ani Lubis lagi;Jl. Braga 1, Bandung;081234567804;;DCS;1;390.000;202611;;WIB",  # duplicate
    "5;131100009005;Dedi Kurnia;Jl. Braga 5, Bandung;081234567805;;DCS;1;390.000;202611;;WIB",
]


def make_ctx(database, role: str = "team_leader") -> AppContext:
    with database.session() as s:
        user = User(username=f"tl_{role}", full_name="Rina Kusuma", role=role)
        s.add(user)
        s.flush()
        uid = user.id
    return AppContext(database=database, settings=Settings(), clock=FrozenClock(DAYTIME),
                      catalogue=ReasonCatalogue.default(),
                      user=CurrentUser(uid, f"tl_{role}", "Rina Kusuma", role, None))


def work_items(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(WorkItem))


@pytest.fixture
def bad_csv(tmp_path) -> Path:
    path = tmp_path / "dapros_pranpc_rusak.csv"
    path.write_text("\n".join([HEADER, *BAD_ROWS]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def make_tab(qtbot, database):
    from app.views.teamleader.import_tab import ImportTab

    def make(role: str = "team_leader"):
        tab = ImportTab(make_ctx(database, role))
        qtbot.addWidget(tab)
        return tab
    return make


def check(qtbot, tab, path: Path):
    tab.set_path(path)
    with qtbot.waitSignal(tab.analysed, timeout=15000) as blocker:
        tab.check_button.click()
    return blocker.args[0]


def test_check_shows_counts_and_row_errors_and_saves_the_report(qtbot, make_tab, bad_csv, tmp_path):
    tab = make_tab()
    plan = check(qtbot, tab, bad_csv)
    assert tab.program.currentText() == "PRANPC"          # taken from the file name
    assert [tab.counts[k].text() for k in ("rows", "valid", "rejected", "duplicates")] == ["5", "2", "3", "1"]
    assert tab.counts["origin"].text() == "detected from the column headers"
    model = tab.errors
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert [r[0] for r in rows] == [3, 4, 5]              # Excel row numbers: the header is row 1
    assert rows[0][1] == "No HP" and rows[0][2] == "12"
    assert "kosong" in rows[1][3] and "sudah ada di baris 2" in rows[2][3]
    assert tab.import_button.isEnabled() and tab.save_button.isEnabled()
    assert plan.valid_rows == 2

    report = tmp_path / "kesalahan.csv"
    with qtbot.waitSignal(tab.report_saved, timeout=10000):
        tab.save_errors_to(report)
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Baris;Kolom") and len(lines) == 4


def test_all_or_nothing_refuses_a_file_with_errors(qtbot, make_tab, bad_csv, database):
    tab = make_tab()
    check(qtbot, tab, bad_csv)
    before = work_items(database)
    with qtbot.waitSignal(tab.finished, timeout=15000) as blocker:
        tab.import_button.click()
    assert blocker.args[0].status == "rejected"
    assert "Nothing was imported" in tab.status.text()
    assert work_items(database) == before


def test_valid_only_imports_the_valid_rows(qtbot, make_tab, bad_csv, database):
    tab = make_tab()
    check(qtbot, tab, bad_csv)
    before = work_items(database)
    tab.valid_only.setChecked(True)
    with qtbot.waitSignal(tab.finished, timeout=15000) as blocker:
        tab.import_button.click()
    counts = blocker.args[0]
    assert (counts.status, counts.imported, counts.rejected) == ("imported", 2, 3)
    assert work_items(database) == before + 2
    assert "2 of 5 rows imported, 3 rejected" in tab.status.text()
    assert tab.progress.value() == tab.progress.maximum()
    assert not tab.import_button.isEnabled()            # the same rows cannot be imported twice
    with database.session() as s:
        assert s.scalar(select(AuditEntry.user_id).where(AuditEntry.action == "import_dapros")) == tab.ctx.user.id


def test_cancel_during_import_leaves_nothing_imported(qtbot, make_tab, database, monkeypatch):
    real_commit = DaprosImporter.commit

    def gated_commit(self, plan, mode="all_or_nothing", progress=None, cancel=None):
        # The first batch is inserted (inside the transaction) and reported; then the worker
        # waits for the user's Cancel, so the cancel provably lands mid-import.
        def progress_then_wait(done, total):
            progress(done, total)
            cancel.wait(10)
        return real_commit(self, plan, mode, progress=progress_then_wait, cancel=cancel)

    monkeypatch.setattr(DaprosImporter, "commit", gated_commit)
    tab = make_tab()
    check(qtbot, tab, SAMPLE)
    assert tab.counts["valid"].text() == "200"
    before = work_items(database)
    tab.import_button.click()
    qtbot.waitUntil(lambda: tab.progress.maximum() == 200 and tab.progress.value() == 200, timeout=15000)
    with qtbot.waitSignal(tab.finished, timeout=15000) as blocker:
        tab.cancel_button.click()
    assert blocker.args[0].status == "cancelled"
    assert "cancelled" in tab.status.text()
    assert work_items(database) == before
    assert tab.import_button.isEnabled() and not tab.cancel_button.isEnabled()


def test_a_non_spreadsheet_shows_the_indonesian_error(qtbot, make_tab, tmp_path):
    junk = tmp_path / "foto.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    tab = make_tab()
    result = check(qtbot, tab, junk)
    assert isinstance(result, ValueError)
    assert "bukan spreadsheet" in tab.status.text()
    assert not tab.import_button.isEnabled() and tab.errors.rowCount() == 0


def test_a_role_without_import_permission_gets_a_disabled_tab(make_tab):
    tab = make_tab(role="qc")
    assert not tab.panel.isEnabled()
    assert "may not import dapros" in tab.denied.text()


ZONE_ROWS = [   # Bulan Tunggakan is k of N+k: a PRANPC file says 0 or 1
    "1;131100009101;Ani Lubis;Jl. Braga 1, Bandung;081234567811;;DCS;1;390.000;202611;;WITA",      # column
    "2;131100009102;Budi Hartono;Jl. Sulawesi 2;081234567812;0361 234567;DCS;0;390.000;202611;;",  # area code
    "3;131100009103;Citra Dewi;Jl. Merdeka 3, Jayapura;081234567813;;DCS;1;390.000;202611;;",       # address
    "4;131100009104;Dedi Kurnia;Jl. Sulawesi 4;081234567814;;DCS;1;390.000;202611;;",             # unknown
    "5;131100009105;Eka Putri;Jl. Braga 5, Bandung;081234567815;;DCS;2;780.000;202611;;WIB",       # CT-0's N+2
]


def test_check_reports_rows_outside_the_program_and_how_each_zone_was_found(qtbot, make_tab, tmp_path, database):
    path = tmp_path / "dapros_pranpc_zona.csv"
    path.write_text("\n".join([HEADER, *ZONE_ROWS]) + "\n", encoding="utf-8")
    tab = make_tab()
    plan = check(qtbot, tab, path)
    assert tab.program.currentText() == "PRANPC"
    assert [tab.counts[k].text() for k in ("rows", "valid", "rejected", "program")] == ["5", "4", "1", "1"]
    assert tab.counts["zones"].text().startswith("zone column 1, area code 1, address 1, unknown 1")
    assert "all three zones" in tab.counts["zones"].text()
    model = tab.errors
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == 6
    assert "tidak sesuai program PRANPC" in model.data(model.index(0, 3))
    assert [r.region for r in plan.valid] == ["WITA", "WITA", "WIT", "UNK"]
    tab.valid_only.setChecked(True)
    with qtbot.waitSignal(tab.finished, timeout=15000):
        tab.import_button.click()
    from app.store.models import Customer
    with database.session() as s:
        stored = dict(s.execute(select(Customer.account_number, Customer.zone_source)
                                .where(Customer.account_number.like("1311000091%"))).all())
    assert stored == {"131100009101": "column", "131100009102": "area_code", "131100009103": "address",
                      "131100009104": "unknown"}


def test_a_site_that_defines_pranpc_as_n_to_n_plus_2_imports_that_row(qtbot, make_tab, tmp_path):
    path = tmp_path / "dapros_pranpc_zona.csv"
    path.write_text("\n".join([HEADER, *ZONE_ROWS]) + "\n", encoding="utf-8")
    tab = make_tab()
    tab.ctx.settings.set("programs", {"PRANPC": {"arrears_months_allowed": [0, 1, 2]}})
    plan = check(qtbot, tab, path)
    assert plan.is_clean and tab.counts["program"].text() == "0"
