"""The "Terdengar: …" line: what call-progress analysis heard on the call, for the agent's call panel.

`HeardLabel.show_verdict(verdict)` is connected to the phone's `call_progress` fact (or
`PhoneSignals.call_progress`) and shows, e.g., "Terdengar: pengumuman operator
'tidak aktif' (keyakinan 0,97)"; `clear()` when the next call starts.  One whole sentence
per class, so each translates as a whole; the confidence is written the locale's way.
It only displays: the reason is pre-selected from the call's outcome.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from app.domain.call_progress import label_words


class HeardLabel(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("heardLabel")
        self.setWordWrap(True)
        self.verdict = None
        self.hide()

    def sentence(self, kind: str, label: str, confidence: float) -> str:
        value = QLocale().toString(float(confidence), "f", 2)
        sentences = {
            "ringback": self.tr("Heard: ringback tone (confidence %1)"),
            "busy": self.tr("Heard: busy tone (confidence %1)"),
            "congestion": self.tr("Heard: network congestion tone (confidence %1)"),
            "sit": self.tr("Heard: special information tone, SIT (confidence %1)"),
            "silence": self.tr("Heard: silence (confidence %1)"),
            "speech": self.tr("Heard: a person speaking (confidence %1)"),
        }
        if kind == "announcement":
            return self.tr("Heard: operator announcement '%1' (confidence %2)").replace(
                "%1", label_words(label)).replace("%2", value)
        if kind in sentences:
            return sentences[kind].replace("%1", value)
        return self.tr("Heard: %1 (confidence %2)").replace("%1", kind).replace("%2", value)

    def show_verdict(self, verdict) -> None:
        """A ProgressVerdict (app.telephony.events), on the GUI thread."""
        self.verdict = verdict
        self.setText(self.sentence(verdict.kind, verdict.label, verdict.confidence))
        self.show()

    def clear(self) -> None:
        self.verdict = None
        super().clear()
        self.hide()
