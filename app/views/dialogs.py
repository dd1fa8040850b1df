"""Small questions every window asks, with buttons in the user's language.

The buttons are our own words under one context ("Dialogs"): a `parent.tr()` here would look
the words up under the parent's class name, where the catalogue has none, and show English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, question: str, default_yes: bool = False) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton(QCoreApplication.translate("Dialogs", "Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(QCoreApplication.translate("Dialogs", "No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
