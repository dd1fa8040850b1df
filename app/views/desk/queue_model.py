"""The agent's queue as columns of the shared paged model (app.views.paged).

Rows come from `Desk.queue_page` a page at a time, off the GUI thread, so a queue of a million
prospects costs one page of memory and no freeze.  A customer outside their calling hours is
shown grey and cannot be dialled now; a returned result is shaded and says why.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QBrush, QColor

from app.views.formatting import local_time, money, state_label
from app.views.paged import Column, PagedTableModel

GREY, RETURNED = QBrush(QColor("#8a8a8a")), QBrush(QColor("#fff4d6"))
# Marked for lupdate here, translated when the model is made (the UI's language by then).
HEADERS = (QT_TRANSLATE_NOOP("QueueModel", "Customer"), QT_TRANSLATE_NOOP("QueueModel", "Account"),
           QT_TRANSLATE_NOOP("QueueModel", "Program"), QT_TRANSLATE_NOOP("QueueModel", "Status"),
           QT_TRANSLATE_NOOP("QueueModel", "Next call"), QT_TRANSLATE_NOOP("QueueModel", "Calls"),
           QT_TRANSLATE_NOOP("QueueModel", "Arrears"), QT_TRANSLATE_NOOP("QueueModel", "Zone"))
RETURNED_TIP = QT_TRANSLATE_NOOP("QueueModel", "Returned: %1")
NOT_NOW_TIP = QT_TRANSLATE_NOOP("QueueModel", "Outside the customer's calling hours: shown, cannot be dialled now.")


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


def queue_model(fetch_page: Callable[[int, int], tuple[list[Any], int]],
                dialable: Callable[[str, str], bool], parent=None) -> PagedTableModel:
    # Whether a zone and program may be called now is asked per cell and per role; once per load
    # is enough (the answer changes with the clock, and the queue reloads every half minute).
    known: dict[tuple[str, str], bool] = {}

    def dialable_now(region: str, program: str) -> bool:
        if (region, program) not in known:
            known[(region, program)] = dialable(region, program)
        return known[(region, program)]

    def tooltip(r) -> str | None:
        if r.returned_comment:
            return _tr(RETURNED_TIP).replace("%1", r.returned_comment)
        if not dialable_now(r.region, r.program):
            return _tr(NOT_NOW_TIP)
        return None

    values = (lambda r: r.customer_name, lambda r: r.account_number, lambda r: r.program,
              lambda r: state_label(r.state),
              lambda r: local_time(r.next_attempt_at, r.region) if r.next_attempt_at else "",
              lambda r: r.attempts_total, lambda r: money(r.arrears_amount), lambda r: r.region)
    columns = [Column(_tr(header), value, align_right=header in ("Calls", "Arrears"))
               for header, value in zip(HEADERS, values)]
    model = PagedTableModel(columns, fetch_page, parent,
                            colour=lambda r: None if dialable_now(r.region, r.program) else GREY,
                            background=lambda r: RETURNED if r.state == "returned" else None,
                            tooltip=tooltip, key=lambda r: r.item_id)

    def recheck() -> None:
        changed = any(dialable(region, program) != was for (region, program), was in known.items())
        known.clear()
        if changed:
            model.restyle()
    model.reloading.connect(recheck)
    return model
