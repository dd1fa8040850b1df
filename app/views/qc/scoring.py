"""The QC scoring form built from the checklist: a check box per yes/no parameter,
a spin box per scaled one, each with its weight, and the live weighted total."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.core.supervision import Checklist


class ScoringForm(QWidget):
    changed = Signal(float)            # the weighted total, 0..100

    def __init__(self, checklist: Checklist, lang: str = "id", parent=None) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.inputs: dict[str, QCheckBox | QSpinBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.addWidget(QLabel(self.tr("Parameter")), 0, 0)
        grid.addWidget(QLabel(self.tr("Weight")), 0, 2)
        for row, item in enumerate(checklist.items, start=1):
            label = item.label_id if lang == "id" else item.label_en
            if item.max == 1:
                widget = QCheckBox(label.replace("&", "&&"))   # "&" would become a shortcut
                widget.toggled.connect(self._recalculate)
                grid.addWidget(widget, row, 0, 1, 2)
            else:
                widget = QSpinBox()
                widget.setRange(0, item.max)
                widget.setSuffix(f" / {item.max}")
                widget.valueChanged.connect(self._recalculate)
                grid.addWidget(QLabel(label), row, 0)
                grid.addWidget(widget, row, 1)
            widget.setObjectName(f"score_{item.key}")
            grid.addWidget(QLabel(f"{item.weight:g}"), row, 2)
            self.inputs[item.key] = widget
        self.total_label = QLabel()
        self.total_label.setObjectName("scoreTotal")
        self.total_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.total_label)
        self._recalculate()

    def values(self) -> dict[str, float]:
        return {key: (1.0 if w.isChecked() else 0.0) if isinstance(w, QCheckBox) else float(w.value())
                for key, w in self.inputs.items()}

    def set_value(self, key: str, value: float) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            widget.setValue(int(value))

    def reset(self) -> None:
        for key in self.inputs:
            self.set_value(key, 0)

    def total(self) -> float:
        return self.checklist.score(self.values())

    def _recalculate(self, *_args) -> None:
        total = self.total()
        passed = total >= self.checklist.pass_score
        self.total_label.setText(self.tr("Total score: %1 / 100").replace(
            "%1", QLocale().toString(total, "f", 1)))
        self.total_label.setStyleSheet("font-size: 14pt; font-weight: 600; color: %s;"
                                       % ("#2e7d32" if passed else "#b00020"))
        self.changed.emit(total)
