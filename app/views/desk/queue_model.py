"""The agent's queue as a paged table model.

Rows come from WorkQueue.list_page a page at a time, off the GUI thread, so a
queue of 100,000 prospects costs one page of memory and no freeze.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.views.background import BackgroundOp
from app.views.formatting import money, local_time, state_label

PAGE = 100


class QueueModel(QAbstractTableModel):
    loaded = Signal(int)       # total rows matching
    failed = Signal(object)    # the exception: the window says the queue could not be loaded

    def __init__(self, fetch_page: Callable[[str, int, int], tuple[list[Any], int]],
                 dialable: Callable[[str, str], bool], parent=None) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._dialable = dialable
        self._rows: list[Any] = []
        self._total = 0
        self._search = ""
        self._loading = False
        self._generation = 0
        self.headers = [self.tr("Customer"), self.tr("Account"), self.tr("Program"), self.tr("Status"),
                        self.tr("Next call"), self.tr("Calls"), self.tr("Arrears"), self.tr("Zone")]

    # -- loading ----------------------------------------------------------------
    def refresh(self, search: str | None = None) -> None:
        if search is not None:
            self._search = search
        self._generation += 1
        generation, term = self._generation, self._search
        self._loading = True
        BackgroundOp(self, lambda: self._fetch_page(term, 0, PAGE),
                     lambda page: self._replace(generation, page)).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.failed.emit(exc)

    def _replace(self, generation: int, page: tuple[list[Any], int]) -> None:
        if generation != self._generation:
            return              # an older search answered late
        rows, total = page
        self.beginResetModel()
        self._rows, self._total = list(rows), total
        self.endResetModel()
        self._loading = False
        self.loaded.emit(total)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, term, offset = self._generation, self._search, len(self._rows)
        BackgroundOp(self, lambda: self._fetch_page(term, offset, PAGE),
                     lambda page: self._append(generation, page)).failure(self._failed).run()

    def _append(self, generation: int, page: tuple[list[Any], int]) -> None:
        self._loading = False
        if generation != self._generation:
            return
        rows, total = page
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._total = total

    # -- the table ------------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def total(self) -> int:
        return self._total

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.customer_name, r.account_number, r.program, state_label(r.state),
                    local_time(r.next_attempt_at, r.region) if r.next_attempt_at else "",
                    str(r.attempts_total), money(r.arrears_amount), r.region)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.returned_comment:
                return self.tr("Returned: %1").replace("%1", r.returned_comment)
            if not self._dialable(r.region, r.program):
                return self.tr("Outside the customer's calling hours: shown, cannot be dialled now.")
        if role == Qt.ItemDataRole.ForegroundRole and not self._dialable(r.region, r.program):
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.BackgroundRole and r.state == "returned":
            return QBrush(QColor("#fff4d6"))
        if role == Qt.ItemDataRole.UserRole:
            return r.item_id
        return None
