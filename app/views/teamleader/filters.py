"""The choices a team leader filters results by (program, agent, reason), for the results and export tabs.

Each starts with "all" (data None); the agents are added when the tab has loaded them.
No data is read here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from app.domain.programs import Program
from app.views.formatting import reason_text


def program_choice() -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("ResultFilters", "All programs"), None)
    for program in Program:
        combo.addItem(program.value, program.value)
    return combo


def agent_choice() -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("ResultFilters", "All agents"), None)
    return combo


def reason_choice(catalogue) -> QComboBox:
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("ResultFilters", "All reasons"), None)
    for reason in catalogue:
        combo.addItem(f"{reason.code} – {reason_text(catalogue, reason.code)}", reason.code)
    return combo
