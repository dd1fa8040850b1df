"""What a team leader checks (issue 16, item 19): the SIP status and talk time beside each result (a
contacted reason on a call that never connected stands out), account numbers that stay text in a
CSV, and a PRANPC file checked as CT-0 that warns and asks before importing."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.platform.config import Settings
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import CallAttempt, Result, WorkItem
from tests.integration.supervision.seed import as_user, seed


@pytest.fixture
def world(tmp_path):
    """The supervision day; a1's CT-FIN result sits on a 486-busy call of 0 s (an input to check)."""
    url = f"sqlite:///{tmp_path / 'checks.db'}"
    upgrade(url)
    db = Database(url)
    seeded = seed(db)
    with db.session() as s:
        busy = s.get(Result, seeded.results["a1_fin"]).attempt
        busy.answered, busy.talk_seconds, busy.sip_status, busy.sip_reason = False, 0.0, 486, "Busy Here"
        agreed = s.get(Result, seeded.results["a1_agr"]).attempt
        agreed.sip_status, agreed.sip_reason = 200, "OK"
    yield db, seeded
    db.dispose()


@pytest.fixture
def tl_window(qtbot, world):
    from app.views.teamleader import TeamLeaderWindow
    db, seeded = world
    window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=60000)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.results.model.total == 5, timeout=5000)
    return window, db, seeded


def _column(model, header: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def test_results_show_the_sip_status_and_talk_time_and_a_contact_without_a_call_stands_out(qtbot, tl_window):
    window, _db, seeded = tl_window
    model = window.results.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == seeded.results["a1_fin"])
    agree = next(r for r in range(model.rowCount()) if model.row_at(r).id == seeded.results["a1_agr"])
    sip, talk = _column(model, "SIP"), _column(model, "Talk")
    assert model.index(row, sip).data() == "486 Busy Here" and model.index(row, talk).data() == "00:00"
    assert model.index(agree, sip).data() == "200 OK" and model.index(agree, talk).data() == "02:00"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(agree, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "never connected" in model.data(model.index(row, sip), Qt.ItemDataRole.ToolTipRole)


def test_the_results_can_be_narrowed_to_contacts_without_a_connected_call(qtbot, tl_window):
    window, _db, seeded = tl_window
    tab = window.results
    tab.status.setCurrentIndex(next(i for i in range(tab.status.count())
                                    if tab.status.itemData(i) == ("call", "unconnected")))
    qtbot.waitUntil(lambda: tab.model.total == 1, timeout=5000)
    assert tab.model.row_at(0).id == seeded.results["a1_fin"]


def test_the_csv_export_keeps_account_numbers_as_text_and_shows_the_call(qtbot, tl_window, tmp_path):
    window, _db, _seeded = tl_window
    tab = window.export
    tab.csv.setChecked(True)
    tab.mask.setChecked(False)
    tab.date_from.setDate(tab.date_to.date())
    tab.path.setText(str(tmp_path / "reason.csv"))
    with qtbot.waitSignal(tab.finished, timeout=10000):
        tab.start_button.click()
    with (tmp_path / "reason.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert all(r["No Internet"].startswith("\t") and r["No Internet"][1:].isdigit() for r in rows)
    fin = next(r for r in rows if r["Kode Alasan"] == "CT-FIN")
    assert (fin["Terhubung"], fin["Status SIP"], fin["Panggilan Tersambung"], fin["Durasi Bicara (detik)"]) == \
        ("Ya", "486 Busy Here", "Tidak", "0")
    agr = next(r for r in rows if r["Kode Alasan"] == "CT-AGR" and r["Status SIP"] == "200 OK")
    assert agr["Panggilan Tersambung"] == "Ya"


# -- importing a PRANPC file as CT-0 --------------------------------------------------------------
HEADER = "No;No Internet;Nama Pelanggan;Alamat;No HP;CP;Segmen;Bulan Tunggakan;Tunggakan;Periode;Email;Wilayah/Zona"
PRANPC_ROWS = [   # Bulan Tunggakan 0 and 1: PRANPC's months; one N+2 row, CT-0's
    "1;131100009201;Ani Lubis;Jl. Braga 1, Bandung;081234567821;;DCS;1;390.000;202611;;WIB",
    "2;131100009202;Budi Hartono;Jl. Braga 2, Bandung;081234567822;;DCS;0;390.000;202611;;WIB",
    "3;131100009203;Citra Dewi;Jl. Braga 3, Bandung;081234567823;;DCS;1;390.000;202611;;WIB",
    "4;131100009204;Dedi Kurnia;Jl. Braga 4, Bandung;081234567824;;DCS;1;390.000;202611;;WIB",
    "5;131100009205;Eka Putri;Jl. Braga 5, Bandung;081234567825;;DCS;2;780.000;202611;;WIB",
]


@pytest.fixture
def import_tab(qtbot, world):
    from app.views.teamleader.import_tab import ImportTab
    db, seeded = world
    tab = ImportTab(as_user(db, seeded, "tl_a"))
    tab.ctx.settings = Settings()           # the site's program definitions: the defaults
    qtbot.addWidget(tab)
    return tab, db


def _check(qtbot, tab, path, program: str):
    tab.set_path(path)
    tab.program.setCurrentIndex(tab.program.findData(program))
    with qtbot.waitSignal(tab.analysed, timeout=15000):
        tab.check_button.click()


def _items(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(WorkItem))


def test_a_pranpc_file_checked_as_ct0_warns_prominently_and_asks_before_importing(qtbot, import_tab, tmp_path,
                                                                                 monkeypatch):
    tab, db = import_tab
    path = tmp_path / "dapros_november.csv"
    path.write_text("\n".join([HEADER, *PRANPC_ROWS]) + "\n", encoding="utf-8")
    _check(qtbot, tab, path, "CT0")
    assert tab.program_warning.isVisibleTo(tab)
    assert "4 of 5" in tab.program_warning.text() and "PRANPC" in tab.program_warning.text()
    questions: list[str] = []
    monkeypatch.setattr("app.views.teamleader.import_tab.ask_yes_no",
                        lambda _w, title, question: questions.append(question) or False)
    before = _items(db)
    tab.valid_only.setChecked(True)
    tab.import_button.click()
    assert len(questions) == 1 and "CT0" in questions[0]
    assert _items(db) == before and "Not imported" in tab.status.text()
    monkeypatch.setattr("app.views.teamleader.import_tab.ask_yes_no", lambda *a: True)
    with qtbot.waitSignal(tab.finished, timeout=15000):
        tab.import_button.click()
    assert _items(db) == before + 1                    # the one N+2 row, as the team leader insisted


def test_a_file_that_fits_its_program_shows_no_warning(qtbot, import_tab, tmp_path):
    tab, _db = import_tab
    path = tmp_path / "dapros_november.csv"
    path.write_text("\n".join([HEADER, *PRANPC_ROWS]) + "\n", encoding="utf-8")
    _check(qtbot, tab, path, "PRANPC")
    assert not tab.program_warning.isVisibleTo(tab)
    assert tab.counts["program"].text() == "1"          # the one N+2 row is still reported, as before
