"""The agent's queue model: a customer outside their calling hours turns grey at the next reload
even when the reload brings the same rows (the clock moved, the rows did not)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.store.queue_pages import QueueRow
from app.views.desk.queue_model import GREY, queue_model


def _row(item_id: int, region: str) -> QueueRow:
    return QueueRow(item_id=item_id, customer_name=f"Pelanggan {item_id}", account_number=f"1{item_id:011d}",
                    program="CT0", state="new", priority=0, next_attempt_at=None, attempts_total=0,
                    region=region, arrears_months=2, arrears_amount=Decimal("150000"), returned_comment=None,
                    claimed_by_id=None, phone_e164=None)


def test_rows_turn_grey_when_their_zone_closes_though_the_reload_brings_the_same_rows(qtbot):
    rows = [_row(1, "WIB"), _row(2, "WIT")]
    open_zones = {"WIB", "WIT"}
    model = queue_model(lambda offset, limit: (rows[offset:offset + limit], len(rows)),
                        lambda region, _program: region in open_zones)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    colour = lambda row: model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)   # noqa: E731
    assert colour(0) is None and colour(1) is None

    open_zones.discard("WIT")                          # 21:00 in Jayapura
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        model.refresh()
    assert colour(0) is None and colour(1) == GREY
    assert "calling hours" in model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
