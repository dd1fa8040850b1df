"""Small dialogs of the team leader desk: the return comment and a work item's revision history."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout)

import app.views.teamleader.labels as labels
from app.core.supervision.common import SITE_ZONE
from app.views.formatting import money, reason_text


class ReturnDialog(QDialog):
    """Asks why the selected results go back; OK stays disabled until there is a comment."""

    def __init__(self, count: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return to agent"))
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("What must the agent correct?"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Return"))
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.comment.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Return %1 result(s) to their agents for re-input.")
                                .replace("%1", str(count))))
        layout.addWidget(self.comment)
        layout.addWidget(buttons)
        self.resize(460, 240)

    def text(self) -> str:
        return self.comment.toPlainText().strip()


class HistoryDialog(QDialog):
    """Every revision of one work item's results, each with its reviews underneath."""

    def __init__(self, revisions, parent=None, catalogue=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revision history"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Revision"), self.tr("Time"), self.tr("By"), self.tr("Reason"),
                                   self.tr("Promise"), self.tr("Status"), self.tr("Notes")])
        for rev in revisions:
            status = ", ".join(s for s in (labels.review_status(rev.review_status),
                                           labels.qc_status(rev.qc_status)) if s)
            if rev.is_current:
                status = ", ".join(s for s in (self.tr("Current"), status) if s)
            promise = ""
            if rev.promise_date:
                promise = f"{rev.promise_date:%d/%m/%Y} {money(rev.promise_amount)}"
            label = reason_text(catalogue, rev.reason_code) if catalogue else rev.reason_label
            node = QTreeWidgetItem([str(rev.revision), _when(rev.created_at), rev.agent_name,
                                    f"{rev.reason_code} – {label}", promise, status, rev.notes or ""])
            for review in rev.reviews:
                score = "" if review.score is None else f"{review.score:g}"
                QTreeWidgetItem(node, ["", _when(review.created_at), review.reviewer, labels.return_kind(review.kind),
                                       score, "", review.comment or ""])
            self.tree.addTopLevelItem(node)
            node.setExpanded(True)
        for col in range(6):
            self.tree.resizeColumnToContents(col)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(900, 380)


def _when(dt) -> str:
    return dt.astimezone(SITE_ZONE).strftime("%d/%m %H:%M") if dt else ""
