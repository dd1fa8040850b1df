"""Choosing a file to open or a place to save, in the user's language.

Every screen asks for files through `open_file` / `save_file`.  They use Qt's own dialog,
not the operating system's: the system dialog speaks the language Windows was installed in,
and Qt's speaks ours — its words ("Look in", "File name", Open, Cancel, the column headers)
come from qtbase_id.qm (app.views.i18n), and the labels a screen sees first are set here
again so they never depend on that catalogue being found.  Nothing here reads or writes files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def file_dialog(parent: QWidget | None, caption: str, start: str, filters: str, saving: bool) -> QFileDialog:
    """The dialog, set up but not shown (tests look inside it)."""
    dialog = QFileDialog(parent, caption, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if saving else QFileDialog.FileMode.ExistingFile)
    translate = QCoreApplication.translate
    labels = {QFileDialog.DialogLabel.LookIn: translate("FileDialogs", "Look in:"),
              QFileDialog.DialogLabel.FileName: translate("FileDialogs", "File name:"),
              QFileDialog.DialogLabel.FileType: translate("FileDialogs", "Files of type:"),
              QFileDialog.DialogLabel.Accept: (translate("FileDialogs", "&Save") if saving
                                               else translate("FileDialogs", "&Open")),
              QFileDialog.DialogLabel.Reject: translate("FileDialogs", "Cancel")}
    for which, text in labels.items():
        dialog.setLabelText(which, text)
    return dialog


def _chosen(dialog: QFileDialog) -> str:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def open_file(parent: QWidget | None, caption: str, start: str = "", filters: str = "") -> str:
    """The path of an existing file the user chose, or "" when they cancelled."""
    return _chosen(file_dialog(parent, caption, start, filters, saving=False))


def save_file(parent: QWidget | None, caption: str, start: str = "", filters: str = "") -> str:
    """Where the user wants a file written (Qt asks before replacing one), or "" when cancelled."""
    return _chosen(file_dialog(parent, caption, start, filters, saving=True))
