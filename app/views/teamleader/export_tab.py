"""The "Ekspor" tab: all reasons of a date range to CSV or XLSX (DOMAIN rule 4).

The export itself is app.core.supervision.export_reasons (permission, team scope,
masking, audit) running through BackgroundOp; progress comes back as a queued
signal and Cancel sets an Event the exporter checks between row batches.
When it is done the tab offers to open the folder.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from app.core import supervision as sv
from app.views.i18n import message
from app.views.file_dialogs import save_file
from app.views.background import BackgroundOp
from app.views.form_rows import date_edit, range_row
from app.views.teamleader.filters import agent_choice, program_choice, reason_choice



class _Progress(QObject):
    advanced = Signal(int, int)        # rows written, rows in total (emitted from the worker thread)


class ExportTab(QWidget):
    finished = Signal(object)          # the ExportSummary, or the exception

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._cancel: threading.Event | None = None
        today = sv.site_today(ctx)
        self.date_from, self.date_to = date_edit(today.replace(day=1)), date_edit(today)
        self.program = program_choice()
        self.agent = agent_choice()
        self.reason = reason_choice(ctx.catalogue)
        self.csv = QRadioButton("CSV")
        self.xlsx = QRadioButton(self.tr("Excel (XLSX)"))
        self.xlsx.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.csv)
        group.addButton(self.xlsx)
        self.csv.toggled.connect(self._suffix_follows_format)
        self.mask = QCheckBox(self.tr("Mask customer names and phone numbers"))
        self.mask.setChecked(True)
        self.path = QLineEdit(str(_default_folder() / f"reason_{today:%Y%m%d}.xlsx"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)

        dates = range_row(self.date_from, self.date_to)
        formats = QHBoxLayout()
        formats.addWidget(self.xlsx)
        formats.addWidget(self.csv)
        formats.addStretch(1)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Program"), self.program)
        form.addRow(self.tr("Agent"), self.agent)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Format"), formats)
        form.addRow("", self.mask)
        form.addRow(self.tr("File"), target)

        self.start_button = QPushButton(self.tr("Export"))
        self.start_button.setObjectName("exportButton")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.open_button)

        panel = QWidget()
        panel.setMaximumWidth(760)              # a form, not a banner: keep it readable on wide screens
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addLayout(form)
        panel_layout.addLayout(buttons)
        panel_layout.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(panel)
        layout.addStretch(1)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        BackgroundOp(self, lambda: sv.team_agents(ctx), self._agents_loaded).failure(
            lambda exc: self.status.setText(message(exc))).run()

    def _agents_loaded(self, agents) -> None:
        for _uid, username, name in agents:
            self.agent.addItem(name, username)

    def _suffix_follows_format(self) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(".csv" if self.csv.isChecked() else ".xlsx")))

    def _browse(self) -> None:
        chosen = save_file(self, self.tr("Export to"), self.path.text(),
                           self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if chosen:
            self.path.setText(chosen)
            self.csv.setChecked(chosen.lower().endswith(".csv"))

    # -- the export ------------------------------------------------------------------
    def start(self) -> None:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        filters = sv.ExportFilters(min(start, end), max(start, end), program=self.program.currentData(),
                                agent=self.agent.currentData(), reason=self.reason.currentData())
        path = Path(self.path.text()).expanduser()
        fmt = "csv" if self.csv.isChecked() else "xlsx"
        mask = self.mask.isChecked()
        self._cancel = cancel = threading.Event()
        progress, ctx = self._progress.advanced.emit, self.ctx
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)           # busy until the first count arrives
        self.status.setText(self.tr("Exporting…"))

        def work():
            path.parent.mkdir(parents=True, exist_ok=True)
            return sv.export_reasons(ctx, path, filters, fmt=fmt, mask=mask, progress=progress, cancel=cancel)

        BackgroundOp(self, work, self._done).failure(self._failed).run()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, summary) -> None:
        self._reset_buttons()
        if summary.cancelled:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.status.setText(self.tr("Export cancelled; no file was written."))
        else:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.status.setText(self.tr("%1 rows written to %2.").replace("%1", str(summary.rows))
                                .replace("%2", str(summary.path)))
            self.open_button.setEnabled(True)
            self._folder = Path(summary.path).parent
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._reset_buttons()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(self.tr("Export failed: %1").replace("%1", message(exc)))
        self.finished.emit(exc)

    def _reset_buttons(self) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self._cancel = None

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(getattr(self, "_folder", Path(self.path.text()).parent))))



def _default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "Sambung"
