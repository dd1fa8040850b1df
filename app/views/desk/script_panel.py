"""The call script of the open customer's program, filled with their name and bill
(app.core.desk.call_script: shipped per program, replaceable by the site's administrator)."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from app.core.desk.call_script import call_script
from app.views.background import BackgroundOp


class ScriptPanel(QTextBrowser):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callScript")
        self._item: int | None = None

    def show_item(self, card) -> None:
        self._item = None if card is None else card.item_id
        self.clear()
        if card is not None:
            item = card.item_id
            BackgroundOp(self, lambda: call_script(self.ctx, card),
                         lambda text: self._item == item and self.setPlainText(
                             text or self.tr("No call script for this program."))).run()
