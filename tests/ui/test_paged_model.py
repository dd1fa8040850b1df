"""The one paged table model: pages load off the GUI thread, a newer search wins over a late one,
and row-wide looks (colour, background, tooltip, key) come from the row — what the desk's queue needs."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QThreadPool, Qt

from app.views.paged import PAGE, Column, PagedTableModel, row_table


@dataclass(frozen=True)
class Row:
    key: int
    name: str
    returned: bool = False


ROWS = [Row(i, f"Pelanggan {i}", returned=i % 10 == 0) for i in range(250)]


def fetch_matching(term: str, threads: list[str] | None = None):
    def fetch(offset: int, limit: int):
        if threads is not None:
            threads.append(threading.current_thread().name)
        found = [r for r in ROWS if term in r.name]
        return found[offset:offset + limit], len(found)
    return fetch


def make_model(fetch, **looks) -> PagedTableModel:
    return PagedTableModel([Column("Nama", lambda r: r.name), Column("No", lambda r: r.key, align_right=True)],
                           fetch, **looks)


def test_pages_load_off_the_gui_thread_and_more_rows_come_when_the_view_asks(qtbot):
    threads: list[str] = []
    model = make_model(fetch_matching("", threads))
    view = row_table(model, "daftar")
    qtbot.addWidget(view)
    with qtbot.waitSignal(model.loaded, timeout=5000) as loaded:
        model.refresh()
    assert loaded.args == [250] and model.rowCount() == PAGE and model.total == 250
    assert threading.main_thread().name not in threads
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE, timeout=5000)
    assert model.row_at(PAGE).key == PAGE and model.row_at(10_000) is None


def test_row_looks_and_key_come_from_the_row(qtbot):
    model = make_model(fetch_matching(""),
                       colour=lambda r: "grey" if r.key % 2 else None,
                       background=lambda r: "yellow" if r.returned else None,
                       tooltip=lambda r: "Dikembalikan" if r.returned else None,
                       key=lambda r: r.key)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    first, odd = model.index(0, 0), model.index(1, 1)
    assert model.data(first) == "Pelanggan 0" and model.data(odd) == "1"
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) == "yellow"
    assert model.data(first, Qt.ItemDataRole.ToolTipRole) == "Dikembalikan"
    assert model.data(odd, Qt.ItemDataRole.ForegroundRole) == "grey"
    assert model.data(odd, Qt.ItemDataRole.UserRole) == 1
    assert model.data(odd, Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight
                                                                     | Qt.AlignmentFlag.AlignVCenter)
    # Views read the cells from Qt's own storage: a repaint calls no Python (see app.views.paged).
    assert not {"data", "rowCount", "columnCount", "headerData", "flags"} & set(vars(PagedTableModel))


def test_a_new_search_replaces_the_rows_and_a_late_answer_of_an_old_one_is_dropped(qtbot):
    release = threading.Event()
    slow = fetch_matching("")

    def held_back(offset: int, limit: int):
        release.wait(5)                     # the old search answers only after the new one
        return slow(offset, limit)
    model = make_model(held_back)
    model.refresh()
    with qtbot.waitSignal(model.loaded, timeout=5000) as loaded:
        model.set_fetch(fetch_matching("Pelanggan 24"))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    QCoreApplication.processEvents()          # the old search's answer arrives now, and is dropped
    assert loaded.args == [11]                # 24 and 240..249
    assert {r.key for r in model.rows} == {24, *range(240, 250)}


def test_a_failed_load_is_told_not_raised(qtbot):
    def broken(_offset: int, _limit: int):
        raise ConnectionError("basis data tidak menjawab")
    model = make_model(broken)
    with qtbot.waitSignal(model.load_failed, timeout=5000) as failed:
        model.refresh()
    assert failed.args == ["basis data tidak menjawab"] and model.rowCount() == 0



def _recorder(model: PagedTableModel) -> list[str]:
    """What the model tells its views, in order."""
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsRemoved.connect(lambda _parent, first, last: seen.append(f"removed {first}-{last}"))
    model.rowsInserted.connect(lambda _parent, first, last: seen.append(f"inserted {first}-{last}"))
    model.dataChanged.connect(lambda top, bottom, _roles=(): seen.append(f"changed {top.row()}-{bottom.row()}"))
    return seen


def _reload_with(qtbot, model: PagedTableModel, seen: list[str], rows: list[Row]) -> list[str]:
    seen.clear()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_fetch(lambda offset, limit: (rows[offset:offset + limit], len(rows)))
    assert model.rows == rows
    return list(seen)


def test_a_reload_changes_only_the_rows_that_differ_and_the_selection_stays_on_its_record(qtbot):
    rows = [Row(i, f"Pelanggan {i}") for i in range(20)]
    model = make_model(lambda offset, limit: (rows[offset:offset + limit], len(rows)), key=lambda r: r.key)
    view = row_table(model, "antrean")
    qtbot.addWidget(view)
    seen = _recorder(model)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    view.selectRow(7)

    assert _reload_with(qtbot, model, seen, list(rows)) == []                  # nothing changed: no repaint
    claimed = rows[:3] + rows[4:]                                             # someone claimed row 3
    assert _reload_with(qtbot, model, seen, claimed) == ["removed 3-3"]
    assert model.row_at(view.currentIndex().row()).key == 7                   # the agent's pick moved up with it
    called = [*claimed[:5], Row(6, "Pelanggan 6", returned=True), *claimed[6:]]   # the same record, changed
    assert set(_reload_with(qtbot, model, seen, called)) == {"changed 5-5"}   # cell by cell, that row only
    other = [*called[:5], Row(99, "Pelanggan 99"), *called[6:]]              # another record in its place
    assert _reload_with(qtbot, model, seen, other) == ["removed 5-5", "inserted 5-5"]
    assert model.row_at(view.currentIndex().row()).key == 7
