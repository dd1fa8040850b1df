"""The admin's operator-announcement library: see it, add a recording with its label and reason, remove one.

What call-progress analysis recognises during a call (app.core.announcements).  Every
read and change runs through BackgroundOp; the core checks the permission, converts
the WAV and writes the audit line.  The dialog holds no file logic of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableView,
                               QVBoxLayout)

from app.core import announcements as lib
from app.views.background import BackgroundOp
from app.views.i18n import message
from app.views.paged import Column, PagedTableModel


class AnnouncementsDialog(QDialog):
    changed = Signal()                 # an announcement was added or removed

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = None
        self.setWindowTitle(self.tr("Sambung – Operator announcements"))
        columns = [
            Column(self.tr("Label"), lambda a: a.label),
            Column(self.tr("Reason"), lambda a: a.reason),
            Column(self.tr("Seconds"), lambda a: f"{a.seconds:.1f}", align_right=True),
            Column(self.tr("What it says"), lambda a: a.text),
        ]
        self.model = PagedTableModel(columns, lambda _o, _l: self._entries(), self)
        self.model.loaded.connect(self._loaded)
        self._folder = ""
        self.table = QTableView()
        self.table.setObjectName("announcementsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected(cur.row()))
        self.folder = QLabel()
        self.folder.setWordWrap(True)

        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.wav_path = QLineEdit()
        self.wav_path.setPlaceholderText(self.tr("Recording of the announcement (WAV)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(self.tr("one word, e.g. tidak_aktif"))
        self.reason = QComboBox()
        for reason in ctx.catalogue:
            self.reason.addItem(f"{reason.code} – {reason.label('id')}", reason.code)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("What the announcement says (for your notes)"))
        self.add_button = QPushButton(self.tr("Add announcement"))
        self.add_button.clicked.connect(self.add)
        new = QGroupBox(self.tr("New announcement"))
        form = QFormLayout(new)
        file_row = QHBoxLayout()
        file_row.addWidget(self.wav_path, 1)
        file_row.addWidget(browse)
        form.addRow(self.tr("Recording"), file_row)
        form.addRow(self.tr("Label"), self.label_edit)
        form.addRow(self.tr("Reason it implies"), self.reason)
        form.addRow(self.tr("Text"), self.text_edit)
        form.addRow("", self.add_button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        layout.addWidget(new)
        layout.addWidget(self.message)
        self.resize(900, 560)
        self._selected(-1)
        self.refresh()

    def _entries(self):
        folder, entries = lib.admin_list(self.ctx)      # background thread: reads the folder
        self._folder = str(folder)
        return entries, len(entries)

    def refresh(self) -> None:
        self.model.refresh()

    def _loaded(self, _total: int) -> None:
        self.folder.setText(self.tr("Library in use: %1").replace("%1", self._folder))
        self._selected(-1)

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row)
        self.remove_button.setEnabled(self.current is not None)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Recording of the announcement"), "",
                                              self.tr("WAV recordings (*.wav)"))
        if path:
            self.wav_path.setText(path)
            if not self.label_edit.text():
                self.label_edit.setText(Path(path).stem.lower().replace(" ", "_"))

    # -- changes ---------------------------------------------------------------------
    def _run(self, op, done: str) -> None:
        def ok(_result) -> None:
            self.message.setText(done)
            self.refresh()
            self.changed.emit()
        BackgroundOp(self, op, ok).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(message(exc))
        QMessageBox.warning(self, self.tr("Not saved"), message(exc))

    def add(self) -> None:
        ctx, wav, label = self.ctx, Path(self.wav_path.text().strip()), self.label_edit.text().strip()
        reason, text = self.reason.currentData(), self.text_edit.text()
        self._run(lambda: lib.admin_add(ctx, wav, label, reason, text),
                  self.tr("Announcement %1 added; the next call listens for it.").replace("%1", label))
        self.wav_path.clear()
        self.label_edit.clear()
        self.text_edit.clear()

    def remove_selected(self) -> None:
        entry = self.current
        if entry is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove announcement"),
                                      self.tr("Remove %1 from the library?").replace("%1", entry.label))
        if answer == QMessageBox.StandardButton.Yes:
            ctx = self.ctx
            self._run(lambda: lib.admin_remove(ctx, entry.label),
                      self.tr("Announcement %1 removed.").replace("%1", entry.label))
