"""A read-only table model that loads rows a page at a time from a core use case.

`fetch(offset, limit) -> (rows, total)` runs through BackgroundOp, never on the
GUI thread; a newer load wins over an older one that answers late.  Columns are
(header, value(row)) pairs so a screen declares what it shows and nothing else;
row-wide looks (text colour, background, tooltip) and the row's key (the
UserRole, e.g. a work item id) are functions of the row.  Used by the results
table, the returned list, the QC queue, the escort panel, the admin's users and
the agent's queue; `row_table` is the view every one of those lists shows it in.
It must not know any business rule.

The cells live in Qt's own item model, computed once when a row arrives or changes: painting
a table then calls no Python.  A Python `data()` was asked about a thousand times per repaint,
and each call waited for the interpreter lock while another thread (the io pool, the phone, the
outbox) held it: 220 ms per repaint beside one busy thread, against 11 ms now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from app.views.background import BackgroundOp
from app.views.i18n import message

PAGE = 100

Fetch = Callable[[int, int], tuple[list[Any], int]]     # (offset, limit) -> (rows, total matching)
RowLook = Callable[[Any], Any]                          # row -> a value for one Qt role (None: the default)

_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


class PagedTableModel(QStandardItemModel):
    loaded = Signal(int)             # total rows matching, after a (re)load
    load_failed = Signal(str)
    reloading = Signal()             # a reload's rows are about to replace the shown ones

    def __init__(self, columns: list[Column], fetch: Fetch, parent=None, colour: RowLook | None = None, *,
                 background: RowLook | None = None, tooltip: RowLook | None = None, key: RowLook | None = None,
                 page_size: int = PAGE) -> None:
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels([c.header for c in columns])
        self._columns = columns
        self._fetch = fetch
        self._looks = {Qt.ItemDataRole.ForegroundRole: colour, Qt.ItemDataRole.BackgroundRole: background}
        self._key = key
        self._row_tooltip = tooltip
        self._page = max(1, page_size)
        self._rows: list[Any] = []
        self._total = 0
        self._loading = False
        self._generation = 0

    # -- data ------------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch) -> None:
        """Read from `fetch` from now on (a new filter or search) and reload."""
        self._fetch = fetch
        self.refresh()

    def refresh(self) -> None:
        """Reload from the first row, as many rows as are shown now (at least a page)."""
        self._generation += 1
        generation, fetch, size = self._generation, self._fetch, max(self._page, len(self._rows))
        self._loading = True
        BackgroundOp(self, lambda: fetch(0, size),
                     lambda page: self._replace(generation, page)).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.load_failed.emit(message(exc))

    def _replace(self, generation: int, page) -> None:
        if generation != self._generation:
            return                      # a newer filter answered first
        rows, total = page
        self.reloading.emit()
        self._update_rows(list(rows))
        self._total = int(total)
        self._loading = False
        self.loaded.emit(self._total)

    def _update_rows(self, new: list[Any]) -> None:
        """Show `new` by changing only the rows that differ.  A reset repainted and re-laid out the
        whole table and dropped the selection at every reload (each claim, each save, every half
        minute), though a reload mostly brings the same rows, or one fewer."""
        old = self._rows
        if new == old:
            return
        start, limit = 0, min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        old_end, new_end = len(old), len(new)
        while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
            old_end, new_end = old_end - 1, new_end - 1
        if self._key is not None and old_end - start == new_end - start and \
                [self._key(r) for r in old[start:old_end]] == [self._key(r) for r in new[start:new_end]]:
            for at in range(start, old_end):              # the same records, changed: repaint them
                old[at] = new[at]
                self._set_row(at, new[at])
            return
        # Other records: remove and insert, so a selection never lands on a record nobody picked.
        if old_end > start:
            self.removeRows(start, old_end - start)
            del old[start:old_end]
        self._insert(start, new[start:new_end])

    def _insert(self, at: int, rows: list[Any]) -> None:
        for offset, row in enumerate(rows):
            self.insertRow(at + offset, self._items(row))
        self._rows[at:at] = rows

    def _items(self, row: Any) -> list[QStandardItem]:
        looks = {role: look(row) for role, look in self._looks.items() if look is not None}
        row_tip = self._row_tooltip(row) if self._row_tooltip else None
        key = self._key(row) if self._key else None
        items = []
        for column in self._columns:
            value = column.value(row)
            item = QStandardItem("" if value is None else str(value))
            item.setFlags(_READ_ONLY)
            if column.align_right:
                item.setData(_RIGHT, Qt.ItemDataRole.TextAlignmentRole)
            for role, value in looks.items():
                if value is not None:
                    item.setData(value, role)
            tip = column.tooltip(row) if column.tooltip else row_tip
            if tip:
                item.setData(tip, Qt.ItemDataRole.ToolTipRole)
            if key is not None:
                item.setData(key, Qt.ItemDataRole.UserRole)
            items.append(item)
        return items

    def restyle(self) -> None:
        """Compute every row's cells again: a row look that depends on more than the row (the clock) changed."""
        for at, row in enumerate(self._rows):
            self._set_row(at, row)

    def _set_row(self, at: int, row: Any) -> None:
        for column, item in enumerate(self._items(row)):
            self.setItem(at, column, item)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, fetch, offset = self._generation, self._fetch, len(self._rows)
        BackgroundOp(self, lambda: fetch(offset, self._page),
                     lambda page: self._append(generation, page)).failure(self._failed).run()

    def _append(self, generation: int, page) -> None:
        self._loading = False
        if generation != self._generation:
            return
        rows, total = page
        self._insert(len(self._rows), list(rows))
        self._total = int(total)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def total(self) -> int:
        return self._total

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)


def row_table(model: QStandardItemModel, name: str, *, several: bool = False) -> QTableView:
    """A table of whole rows (one, or `several`, selected at a time), striped, without row numbers;
    the caller sizes its columns."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection if several
                          else QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    return view
