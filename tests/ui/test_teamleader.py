"""The team leader window: live refresh against another process, return, history, export."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.store.db import Database
from app.store.migrate import upgrade
from app.store.models import WorkItem
from tests.integration.supervision.seed import as_user, seed

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from app.store.db import Database
    from app.store.models import CallAttempt, Result
    db = Database(sys.argv[1])
    agent, item, n = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    at = datetime(2026, 11, 25, 2, 55, tzinfo=timezone.utc)
    for i in range(n):                       # one commit per call, as agents' desks do
        with db.session() as s:
            a = CallAttempt(work_item_id=item, agent_id=agent, dialled="+6281200000000",
                            started_at=at + timedelta(seconds=i), talk_seconds=30.0, answered=True)
            s.add(a)
            s.flush()
            s.add(Result(work_item_id=item, attempt_id=a.id, agent_id=agent, program="CT0",
                         reason_code="CT-FIN", contacted=True, next_state="done", wrapup_seconds=10.0,
                         created_at=at + timedelta(seconds=i + 1)))
    db.dispose()
""")


@pytest.fixture
def tl_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'tl.db'}"
    upgrade(url)
    db = Database(url)
    yield db, seed(db)
    db.dispose()


@pytest.fixture
def tl_window(qtbot, tl_db):
    from app.views.teamleader import TeamLeaderWindow
    db, seeded = tl_db
    window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=100)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.totals["calls"].text() == "5", timeout=5000)
    yield window, db, seeded
    window.dashboard.timer.stop()


def _agent_calls(window, name: str) -> str:
    model = window.dashboard.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return model.index(row, 4).data()      # after the state and its times
    return ""


def test_dashboard_call_count_grows_while_another_process_writes_results(qtbot, tl_window):
    window, db, seeded = tl_window
    assert _agent_calls(window, "Ayu Lestari") == "3"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db.url, str(seeded.users["a1"]),
                               str(seeded.items["i2"]), "4"], cwd=ROOT)
    try:
        # the timer keeps refreshing while the other process commits, one call at a time
        qtbot.waitUntil(lambda: window.dashboard.totals["calls"].text() != "5", timeout=10000)
        qtbot.waitUntil(lambda: window.dashboard.totals["calls"].text() == "9", timeout=10000)
    finally:
        assert writer.wait(timeout=30) == 0
    qtbot.waitUntil(lambda: _agent_calls(window, "Ayu Lestari") == "7", timeout=5000)
    assert window.dashboard.last_refresh.text() != ""
    assert window.dashboard.dashboard.team.contacted == 7


def test_returning_selected_results_hands_items_back_and_lists_them_as_waiting(qtbot, tl_window):
    window, db, seeded = tl_window
    results = window.results
    window.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.model.total == 5, timeout=5000)
    wanted = {seeded.results["a1_fin"], seeded.results["a2_agr"]}
    rows = [r for r in range(results.model.rowCount()) if results.model.row_at(r).id in wanted]
    for r in rows:
        results.table.selectionModel().select(
            results.model.index(r, 0), results.table.selectionModel().SelectionFlag.Select |
            results.table.selectionModel().SelectionFlag.Rows)
    assert results.return_button.isEnabled() and len(results.selected_rows()) == 2
    results.return_selected("Cek ulang alasan")
    qtbot.waitUntil(lambda: window.returned.model.total == 2, timeout=5000)
    with db.session() as s:
        items = [s.get(WorkItem, seeded.items[k]) for k in ("i2", "i4")]
        assert [(i.state, i.assigned_agent_id) for i in items] == [("returned", seeded.users["a1"]),
                                                                  ("returned", seeded.users["a2"])]
    assert {row.status for row in window.returned.model.rows} == {"waiting"}
    qtbot.waitUntil(lambda: any(results.model.row_at(r).review_status == "returned"
                                for r in range(results.model.rowCount())), timeout=5000)


def test_return_dialog_needs_a_comment_and_history_shows_each_revision(qtbot, tl_window):
    from app.core import supervision as sv
    from app.views.teamleader.dialogs import HistoryDialog, ReturnDialog
    from tests.integration.supervision.seed import reinput
    window, db, seeded = tl_window
    dialog = ReturnDialog(1, window)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.comment.setPlainText("  salah kode  ")
    assert dialog.ok.isEnabled() and dialog.text() == "salah kode"
    sv.return_result(window.ctx, seeded.results["a1_fin"], "salah kode")
    reinput(db, seeded.results["a1_fin"])
    history = HistoryDialog(sv.result_history(window.ctx, seeded.items["i2"]), window)
    qtbot.addWidget(history)
    assert history.tree.topLevelItemCount() == 2
    first = history.tree.topLevelItem(0)
    assert first.childCount() == 1 and first.child(0).text(6) == "salah kode"
    assert history.tree.topLevelItem(1).text(3).startswith("CT-PAID")


def test_export_tab_writes_the_file_and_offers_the_folder(qtbot, tl_window, tmp_path):
    window, _db, _seeded = tl_window
    tab = window.export
    tab.csv.setChecked(True)
    tab.date_from.setDate(tab.date_to.date())
    tab.path.setText(str(tmp_path / "out" / "reason.csv"))
    with qtbot.waitSignal(tab.finished, timeout=10000) as done:
        tab.start_button.click()
    assert done.args[0].rows == 5
    assert (tmp_path / "out" / "reason.csv").exists()
    assert tab.open_button.isEnabled() and tab.start_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert tab.progress.value() == tab.progress.maximum()


def test_window_speaks_indonesian_by_default(qtbot, tl_db):
    from app.views import i18n
    from app.views.teamleader import TeamLeaderWindow
    db, seeded = tl_db
    assert i18n.install(QApplication.instance(), "id")
    try:
        window = TeamLeaderWindow(as_user(db, seeded, "tl_a"), refresh_ms=60000)
        qtbot.addWidget(window)
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs == ["Dasbor", "Hasil", "Dikembalikan", "Ekspor", "Impor dapros", "Tiket janji"]
        assert window.results.return_button.text() == "Kembalikan ke agen…"
        qtbot.waitUntil(lambda: window.dashboard.last_refresh.text().startswith("Diperbarui"), timeout=5000)
    finally:
        i18n.install(QApplication.instance(), "en")
