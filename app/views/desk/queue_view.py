"""The left column of the desk: "Next", the search box, the agent's queue in pages, its count.

It shows the queue the core's `Desk` lists and says which row the agent picked; taking
a customer is the window's business (it asks the shift).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.core.desk.desk import Desk
from app.views.desk.queue_model import queue_model


COLUMN_WIDTHS = (140, 118, 62, 80, 110, 48, 90, 48)     # customer … zone, in pixels at 1366 px


class QueueView(QWidget):
    item_picked = Signal(int)          # the agent pressed Return or double-clicked a row
    load_failed = Signal(str)

    def __init__(self, desk: Desk, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.next_button = QPushButton(self.tr("Next customer (Ctrl+N)"), objectName="next")
        self.next_button.setStyleSheet("font-weight: 600; padding: 6px;")
        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(self.tr("Search name, account or phone (Ctrl+F)"))
        self._term = ""
        self.model = queue_model(self._fetch_page, desk.is_dialable_now, self)
        self.table = QTableView(objectName="queue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Fixed starting widths the agent may drag: sizing to contents asked every cell of the page
        # again at each reload (a claim, a save), stalling the window up to 350 ms.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):        # never narrower than its own title
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.next_button, 0), (self.search, 0), (self.table, 1), (self.count, 0)):
            layout.addWidget(widget, stretch)
        self.search.returnPressed.connect(self._search)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda error: self.load_failed.emit(
            self.tr("The queue could not be loaded: %1").replace("%1", error)))
        self.table.activated.connect(lambda _i: self.pick_selected())

    def pick_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.item_picked.emit(self.model.row_at(index.row()).item_id)

    def refresh(self) -> None:
        self.model.refresh()

    def _search(self) -> None:
        self._term = self.search.text()
        self.model.refresh()

    def _fetch_page(self, offset: int, limit: int):
        return self.desk.queue_page(self._term, offset, limit)

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("%1 customer(s) in your queue").replace("%1", str(total)))
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
