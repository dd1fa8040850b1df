"""A read-only table model that loads rows a page at a time from a core use case.

`fetch(offset, limit) -> (rows, total)` runs through BackgroundOp, never on the
GUI thread; a newer load wins over an older one that answers late.  Columns are
(header, value(row)) pairs so a screen declares what it shows and nothing else;
row-wide looks (text colour, background, tooltip) and the row's key (the
UserRole, e.g. a work item id) are functions of the row.  Used by the results
table, the returned list, the QC queue, the escort panel, the admin's users and
the agent's queue; `row_table` is the view every one of those lists shows it in.
It must not know any business rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QTableView

from app.views.background import BackgroundOp
from app.views.i18n import message

PAGE = 100

Fetch = Callable[[int, int], tuple[list[Any], int]]     # (offset, limit) -> (rows, total matching)
RowLook = Callable[[Any], Any]                          # row -> a value for one Qt role (None: the default)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)             # total rows matching, after a (re)load
    load_failed = Signal(str)
    reloading = Signal()             # a reload's rows are about to replace the shown ones

    def __init__(self, columns: list[Column], fetch: Fetch, parent=None, colour: RowLook | None = None, *,
                 background: RowLook | None = None, tooltip: RowLook | None = None, key: RowLook | None = None,
                 page_size: int = PAGE) -> None:
        super().__init__(parent)
        self._columns = columns
        self._fetch = fetch
        self._looks = {Qt.ItemDataRole.ForegroundRole: colour, Qt.ItemDataRole.BackgroundRole: background,
                       Qt.ItemDataRole.UserRole: key}
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
        key = self._looks[Qt.ItemDataRole.UserRole]
        if key is not None and old_end - start == new_end - start and \
                [key(r) for r in old[start:old_end]] == [key(r) for r in new[start:new_end]]:
            old[start:old_end] = new[start:new_end]       # the same records, changed: repaint them
            self.dataChanged.emit(self.index(start, 0), self.index(old_end - 1, len(self._columns) - 1))
            return
        # Other records: remove and insert, so a selection never lands on a record nobody picked.
        if old_end > start:
            self.beginRemoveRows(QModelIndex(), start, old_end - 1)
            del old[start:old_end]
            self.endRemoveRows()
        if new_end > start:
            self.beginInsertRows(QModelIndex(), start, new_end - 1)
            old[start:start] = new[start:new_end]
            self.endInsertRows()

    def restyle(self) -> None:
        """Repaint every row: a row look that depends on more than the row (the clock) changed."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

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
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._total = int(total)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def total(self) -> int:
        return self._total

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    # -- Qt model --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip:
                return column.tooltip(row)
            return self._row_tooltip(row) if self._row_tooltip else None
        look = self._looks.get(role)
        return look(row) if look else None


def row_table(model: QAbstractTableModel, name: str, *, several: bool = False) -> QTableView:
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
