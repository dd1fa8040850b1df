"""Small questions every window asks, with buttons in the user's language (Qt's own
Yes/No stay English unless Qt's translations are shipped; these never do)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton(parent.tr("Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(parent.tr("No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
