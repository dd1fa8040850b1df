"""What comes next, under the card: the auto-dial countdown, and after a save what the result
decided (pending, closed…) with the keys for the next step.  Follows one session (`bind`)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.views.i18n import current_language


class NextStepLabel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.countdown = QLabel(objectName="countdown")
        self.summary = QLabel(objectName="nextStep", wordWrap=True)
        self.summary.setStyleSheet("font-weight: 600; color: #1f5fa8;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.countdown)
        layout.addWidget(self.summary)

    def bind(self, on, session) -> None:
        on.add(session.countdown, self.show_countdown)
        on.add(session.result_saved, self.show_saved)

    def clear(self) -> None:
        self.countdown.clear()
        self.summary.clear()

    def show_countdown(self, left: int) -> None:
        self.countdown.setText(self.tr("Dialling automatically in %1 s — Esc to cancel").replace("%1", str(left))
                               if left else "")

    def show_saved(self, saved) -> str:
        """The decision in words; the same words go to the status bar."""
        summary = saved.decision.summary_en if current_language() == "en" else saved.decision.summary_id
        if saved.kept:      # another number of the same customer, now
            self.summary.setText(self.tr("Saved. %1 — another number: F5 (Alt+1…9 to choose); "
                                         "Ctrl+N for the next customer.").replace("%1", summary))
        else:
            self.summary.setText(self.tr("Saved. %1 — Ctrl+N for the next customer.").replace("%1", summary))
        return summary
