"""The "Impor dapros" tab: check a dapros file, show what is wrong row by row, then import it.

All the work is the use case app.core.supervision.imports.DaprosImport (permission,
analyse, then commit in one transaction with its audit entry) running through
BackgroundOp; commit progress comes back as a queued signal and Cancel sets the Event
the importer checks between batches, so a cancelled import leaves nothing behind.  A file
whose rows mostly belong to another program (a PRANPC file checked as CT-0) gets a warning
in red above the errors, and Import asks before going on.  This screen must not read files
or touch the database itself, and refuses (disabled, with a message) a role without
Permission.IMPORT_DAPROS.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton, QTableView,
                               QVBoxLayout, QWidget)

from app.core.supervision.imports import DaprosImport, ImportFileError
from app.domain.roles import Permission, has_permission
from app.views.i18n import message
from app.views.file_dialogs import open_file, save_file
from app.views.background import BackgroundOp
from app.views.dialogs import ask_yes_no

PROGRAMS = ("CT0", "PRANPC")
MAX_SHOWN_ERRORS = 1000       # a 100,000-row file can have as many errors: the full list goes to the report


class _Progress(QObject):
    advanced = Signal(int, int)        # rows inserted, rows to insert (emitted from the worker thread)


class ErrorTableModel(QAbstractTableModel):
    """The first MAX_SHOWN_ERRORS row errors and duplicates, read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._headers = [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Message")]

    def set_errors(self, errors: list) -> None:
        self.beginResetModel()
        self._rows = errors
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._rows[index.row()]
        return (e.row, e.column, e.value, e.message)[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return super().headerData(section, orientation, role)


class ImportTab(QWidget):
    analysed = Signal(object)          # the ImportPlan, or the exception
    finished = Signal(object)          # the ImportCounts, or the exception
    report_saved = Signal(object)      # the Path written, or the exception

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = None
        self.doubt = None               # the file looks like another program's (ProgramDoubt)
        self._cancel: threading.Event | None = None
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Choose a dapros file (.xlsx or .csv)"))
        self.path.textChanged.connect(self._forget_plan)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.program = QComboBox()
        for p in PROGRAMS:
            self.program.addItem(p, p)
        self.program.currentIndexChanged.connect(self._forget_plan)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.analyse)

        source = QHBoxLayout()
        source.addWidget(self.path, 1)
        source.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), source)
        form.addRow(self.tr("Program"), self.program)
        form.addRow("", self.check_button)

        self.counts = {key: QLabel("–") for key in ("rows", "valid", "rejected", "duplicates", "program",
                                                     "zones", "origin")}
        self.counts["zones"].setWordWrap(True)
        summary = QFormLayout()
        summary.addRow(self.tr("Data rows"), self.counts["rows"])
        summary.addRow(self.tr("Valid rows"), self.counts["valid"])
        summary.addRow(self.tr("Rejected rows"), self.counts["rejected"])
        summary.addRow(self.tr("Duplicates"), self.counts["duplicates"])
        summary.addRow(self.tr("Outside the program's arrears months"), self.counts["program"])
        summary.addRow(self.tr("Time zones"), self.counts["zones"])
        summary.addRow(self.tr("Column mapping"), self.counts["origin"])

        self.program_warning = QLabel()
        self.program_warning.setObjectName("programWarning")
        self.program_warning.setWordWrap(True)
        self.program_warning.setStyleSheet("background: #fde7e9; color: #8c1d18; border: 1px solid #b3261e; "
                                           "padding: 6px; font-weight: 600;")
        self.program_warning.hide()

        self.errors = ErrorTableModel(self)
        self.error_view = QTableView()
        self.error_view.setModel(self.errors)
        self.error_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.error_view.verticalHeader().setVisible(False)
        self.error_note = QLabel()
        self.error_note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save error report…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_report)

        self.all_or_nothing = QRadioButton(self.tr("Import only if every row is valid"))
        self.valid_only = QRadioButton(self.tr("Import the valid rows only"))
        self.all_or_nothing.setChecked(True)      # the safe default: a bad file changes nothing
        group = QButtonGroup(self)
        group.addButton(self.all_or_nothing)
        group.addButton(self.valid_only)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        modes = QVBoxLayout()
        modes.addWidget(self.all_or_nothing)
        modes.addWidget(self.valid_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        report = QHBoxLayout()
        report.addWidget(self.error_note, 1)
        report.addWidget(self.save_button)

        self.panel = QWidget()
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addLayout(form)
        panel_layout.addLayout(summary)
        panel_layout.addWidget(self.program_warning)
        panel_layout.addWidget(self.error_view, 1)
        panel_layout.addLayout(report)
        panel_layout.addLayout(modes)
        panel_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        self.denied = QLabel()
        self.denied.setWordWrap(True)
        layout.addWidget(self.denied)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.status)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self.allowed = bool(ctx.user) and has_permission(ctx.user.role, Permission.IMPORT_DAPROS)
        self.panel.setEnabled(self.allowed)
        self.denied.setVisible(not self.allowed)
        if not self.allowed:
            self.denied.setText(self.tr("Your role may not import dapros; ask a team leader or an administrator."))

    # -- choosing the file --------------------------------------------------------------
    def _browse(self) -> None:
        chosen = open_file(self, self.tr("Choose a dapros file"), self.path.text(),
                           self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if chosen:
            self.set_path(chosen)

    def set_path(self, path: str | Path) -> None:
        self.path.setText(str(path))
        if "pranpc" in Path(path).name.lower():        # the usual file names carry the program
            self.program.setCurrentIndex(PROGRAMS.index("PRANPC"))
        elif "ct0" in Path(path).name.lower():
            self.program.setCurrentIndex(PROGRAMS.index("CT0"))

    def _forget_plan(self) -> None:
        # A plan belongs to one file and one program: changing either means checking again.
        self.plan = None
        self.doubt = None
        self.program_warning.hide()
        self.import_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _importer(self) -> DaprosImport:
        return DaprosImport.for_context(self.ctx)

    # -- analyse ------------------------------------------------------------------------
    def analyse(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a dapros file first."))
            return
        path, program = Path(text).expanduser(), self.program.currentData()
        importer = self._importer()
        self._forget_plan()
        self.check_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Checking %1…").replace("%1", path.name))

        def work():
            plan = importer.analyse(path, program)        # the use case checks the permission first
            # Sorted and capped here, off the GUI thread: the error list can be very long.
            shown = sorted(plan.errors + plan.duplicates, key=lambda e: (e.row, e.kind))[:MAX_SHOWN_ERRORS]
            return plan, shown, importer.program_doubt(plan)

        BackgroundOp(self, work, self._analysed).failure(self._analyse_failed).run()

    def _analysed(self, result) -> None:
        plan, shown, doubt = result
        self.plan = plan
        self._show_doubt(doubt)
        self.check_button.setEnabled(True)
        self._idle_progress(0)
        origins = {"explicit": self.tr("chosen by hand"), "remembered": self.tr("remembered from an earlier import"),
                   "detected": self.tr("detected from the column headers")}
        self.counts["rows"].setText(str(plan.total_rows))
        self.counts["valid"].setText(str(plan.valid_rows))
        self.counts["rejected"].setText(str(plan.rejected_rows))
        self.counts["duplicates"].setText(str(len(plan.duplicates)))
        self.counts["program"].setText(str(plan.program_mismatches))
        self.counts["zones"].setText(self._zones_text(plan.zone_sources))
        self.counts["origin"].setText(origins.get(plan.mapping_origin, plan.mapping_origin))
        self.errors.set_errors(shown)
        problems = len(plan.errors) + len(plan.duplicates)
        if problems > len(shown):
            note = self.tr("Showing the first %1 of %2 problems; save the error report to see them all.")
            self.error_note.setText(note.replace("%1", str(len(shown))).replace("%2", str(problems)))
        elif problems:
            self.error_note.setText(self.tr("%1 problems found.").replace("%1", str(problems)))
        else:
            self.error_note.setText(self.tr("No problems found."))
        self.save_button.setEnabled(problems > 0)
        self.import_button.setEnabled(plan.valid_rows > 0)
        self.status.setText(self.tr("Check finished: %1 of %2 rows can be imported.")
                            .replace("%1", str(plan.valid_rows)).replace("%2", str(plan.total_rows)))
        self.analysed.emit(plan)

    def _show_doubt(self, doubt) -> None:
        self.doubt = doubt
        if doubt is None:
            self.program_warning.hide()
            return
        text = (self.tr("%1 of %2 rows have arrears months outside %3.").replace("%1", str(doubt.disagreeing))
                .replace("%2", str(doubt.rows)).replace("%3", doubt.program.value))
        if doubt.likely is not None:
            text += " " + self.tr("This looks like a %1 file: check the program before importing.").replace(
                "%1", doubt.likely.value)
        else:
            text += " " + self.tr("Check the program before importing.")
        self.program_warning.setText("⚠ " + text)
        self.program_warning.show()

    def _zones_text(self, sources: dict) -> str:
        text = (self.tr("zone column %1, area code %2, address %3, unknown %4")
                .replace("%1", str(sources.get("column", 0))).replace("%2", str(sources.get("area_code", 0)))
                .replace("%3", str(sources.get("address", 0))).replace("%4", str(sources.get("unknown", 0))))
        if sources.get("unknown"):
            text += " " + self.tr("(customers with an unknown zone are called only while all three zones "
                                  "are inside calling hours)")
        return text

    def _analyse_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._idle_progress(0)
        self.errors.set_errors([])
        self.error_note.setText("")
        for label in self.counts.values():
            label.setText("–")
        if isinstance(exc, ImportFileError):       # its message already says what to do, in Indonesian
            self.status.setText(self.tr("The file cannot be imported: %1").replace("%1", message(exc)))
        else:
            self.status.setText(self.tr("Check failed: %1").replace("%1", message(exc)))
        self.analysed.emit(exc)

    # -- error report -------------------------------------------------------------------
    def _choose_report(self) -> None:
        if self.plan is None:
            return
        suggested = str(self.plan.path.with_name(f"{self.plan.path.stem}_kesalahan.xlsx"))
        chosen = save_file(self, self.tr("Save error report"), suggested,
                           self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if chosen:
            self.save_errors_to(chosen)

    def save_errors_to(self, path: str | Path) -> None:
        plan, target = self.plan, Path(path).expanduser()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving the error report…"))

        def saved(written) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("Error report saved to %1.").replace("%1", str(written)))
            self.report_saved.emit(written)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("The error report could not be saved: %1").replace("%1", message(exc)))
            self.report_saved.emit(exc)

        BackgroundOp(self, lambda: plan.save_errors(target), saved).failure(failed).run()

    # -- import -------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.plan is None:
            return
        if self.doubt is not None and not ask_yes_no(
                self, self.tr("Import as %1?").replace("%1", self.doubt.program.value),
                self.program_warning.text().lstrip("⚠ ") + "\n\n"
                + self.tr("Import this file as %1 anyway?").replace("%1", self.doubt.program.value)):
            self.status.setText(self.tr("Not imported: choose the program and check the file again."))
            return
        plan, importer = self.plan, self._importer()
        mode = "valid_only" if self.valid_only.isChecked() else "all_or_nothing"
        self._cancel = cancel = threading.Event()
        progress = self._progress.advanced.emit
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)           # busy until the first batch is in
        self.status.setText(self.tr("Importing…"))

        def work():
            return importer.commit(plan, mode, progress=progress, cancel=cancel)

        BackgroundOp(self, work, self._imported).failure(self._import_failed).run()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _advanced(self, done: int, total: int) -> None:
        if self._cancel is None:
            return                              # a late signal after the import ended
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _imported(self, counts) -> None:
        self._end_import()
        if counts.status == "imported":
            # The plan stays for its error report, but Import stays off: its rows are now open work items.
            self._idle_progress(1)
            self.status.setText(self.tr("Import finished: %1 of %2 rows imported, %3 rejected.")
                                .replace("%1", str(counts.imported)).replace("%2", str(counts.total_rows))
                                .replace("%3", str(counts.rejected)))
        elif counts.status == "cancelled":
            self._idle_progress(0)
            self.import_button.setEnabled(True)
            self.status.setText(self.tr("Import cancelled; nothing was imported."))
        else:
            self._idle_progress(0)
            self.import_button.setEnabled(True)
            self.status.setText(self.tr("Nothing was imported: %1 of %2 rows rejected. %3")
                                .replace("%1", str(counts.rejected)).replace("%2", str(counts.total_rows))
                                .replace("%3", counts.message))
        self.finished.emit(counts)

    def _import_failed(self, exc: BaseException) -> None:
        self._end_import()
        self._idle_progress(0)
        self.import_button.setEnabled(self.plan is not None)
        self.status.setText(self.tr("Import failed; nothing was imported: %1").replace("%1", message(exc)))
        self.finished.emit(exc)

    def _end_import(self) -> None:
        self._cancel = None
        self.cancel_button.setEnabled(False)
        self.check_button.setEnabled(True)

    def _idle_progress(self, value: int) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(value)
