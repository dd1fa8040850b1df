"""The QC scoring form built from the checklist: Ya/Tidak per yes/no parameter, a spin box per
scaled one (starting at "–", not scored), each with its weight, and the live weighted total.

Nothing starts scored: a verdict needs every item looked at (the core refuses otherwise), and a
form that starts at "no" everywhere could not tell "looked, and no" from "not looked at"."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)

from app.core.supervision import Checklist

NOT_SCORED = -1


class YesNo(QWidget):
    """Two exclusive choices, neither chosen until the officer chooses."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.yes = QRadioButton(self.tr("Yes"))
        self.no = QRadioButton(self.tr("No"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            button.toggled.connect(lambda _on: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)

    def value(self) -> float | None:
        if self.yes.isChecked():
            return 1.0
        return 0.0 if self.no.isChecked() else None

    def set_value(self, value: float | bool | None) -> None:
        if value is None:
            self.group.setExclusive(False)      # an exclusive group cannot be emptied otherwise
            self.yes.setChecked(False)
            self.no.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit()
        else:
            (self.yes if value else self.no).setChecked(True)


class ScoringForm(QWidget):
    changed = Signal(float)            # the weighted total, 0..100

    def __init__(self, checklist: Checklist, lang: str = "id", parent=None) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.inputs: dict[str, YesNo | QSpinBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.addWidget(QLabel(self.tr("Parameter")), 0, 0)
        grid.addWidget(QLabel(self.tr("Weight")), 0, 2)
        for row, item in enumerate(checklist.items, start=1):
            # "&" would become a keyboard mnemonic (the label has a buddy): doubled, it shows as itself.
            label = QLabel((item.label_id if lang == "id" else item.label_en).replace("&", "&&"))
            label.setWordWrap(True)
            if item.max == 1:
                widget = YesNo()
                widget.changed.connect(self._recalculate)
            else:
                widget = QSpinBox()
                widget.setRange(NOT_SCORED, item.max)
                widget.setSpecialValueText("–")
                widget.setSuffix(f" / {item.max}")
                widget.valueChanged.connect(self._recalculate)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
            widget.setObjectName(f"score_{item.key}")
            grid.addWidget(QLabel(f"{item.weight:g}"), row, 2)
            self.inputs[item.key] = widget
        self.total_label = QLabel()
        self.total_label.setObjectName("scoreTotal")
        self.missing_label = QLabel()
        self.missing_label.setObjectName("scoreMissing")
        self.missing_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.total_label)
        layout.addWidget(self.missing_label)
        self._recalculate()

    def values(self) -> dict[str, float | None]:
        """Each item's score; None for an item not scored yet."""
        out: dict[str, float | None] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, YesNo):
                out[key] = widget.value()
            else:
                out[key] = None if widget.value() == NOT_SCORED else float(widget.value())
        return out

    def set_value(self, key: str, value: float | None) -> None:
        widget = self.inputs[key]
        if isinstance(widget, YesNo):
            widget.set_value(value)
        else:
            widget.setValue(NOT_SCORED if value is None else int(value))

    def reset(self) -> None:
        for key in self.inputs:
            self.set_value(key, None)

    def unscored(self) -> int:
        return sum(1 for v in self.values().values() if v is None)

    def total(self) -> float:
        return self.checklist.score({k: v for k, v in self.values().items() if v is not None})

    def passed(self) -> bool:
        return self.total() >= self.checklist.pass_score

    def _recalculate(self, *_args) -> None:
        total = self.total()
        missing = self.unscored()
        self.total_label.setText(self.tr("Total score: %1 / 100").replace(
            "%1", QLocale().toString(total, "f", 1)))
        colour = "#5f6368" if missing else ("#2e7d32" if self.passed() else "#b00020")
        self.total_label.setStyleSheet(f"font-size: 14pt; font-weight: 600; color: {colour};")
        self.missing_label.setText(self.tr("%1 of %2 items not scored yet.").replace("%1", str(missing))
                                   .replace("%2", str(len(self.inputs))) if missing else "")
        self.missing_label.setStyleSheet("color: #b00020;" if missing else "")
        self.changed.emit(total)
