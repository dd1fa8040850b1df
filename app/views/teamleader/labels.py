"""How supervision values read on screen: review and QC statuses, rates and durations
(Indonesian by default through the catalogue).  Agent states: app.views.agent_states.

Only presentation: no rule about what a state means lives here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

CONTEXT = "Supervision"

REVIEW_STATUS = {
    "none": "",
    "returned": QT_TRANSLATE_NOOP("Supervision", "Returned"),
    "reinput": QT_TRANSLATE_NOOP("Supervision", "Re-input"),
}
QC_STATUS = {
    "n/a": "",
    "pending": QT_TRANSLATE_NOOP("Supervision", "Waiting for QC"),
    "approved": QT_TRANSLATE_NOOP("Supervision", "Approved"),
    "returned": QT_TRANSLATE_NOOP("Supervision", "Returned by QC"),
}
RETURN_KIND = {
    "tl_return": QT_TRANSLATE_NOOP("Supervision", "Team leader"),
    "qc_return": QT_TRANSLATE_NOOP("Supervision", "QC"),
    "qc_approve": QT_TRANSLATE_NOOP("Supervision", "QC approved"),
}
RETURN_STATUS = {
    "waiting": QT_TRANSLATE_NOOP("Supervision", "Waiting for re-input"),
    "reinput": QT_TRANSLATE_NOOP("Supervision", "Re-input done"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text) if text else ""


def review_status(value: str) -> str:
    return _t(REVIEW_STATUS.get(value, value))


def qc_status(value: str) -> str:
    return _t(QC_STATUS.get(value, value))


def return_kind(value: str) -> str:
    return _t(RETURN_KIND.get(value, value))


def return_status(value: str) -> str:
    return _t(RETURN_STATUS.get(value, value))


def percent(fraction: float | None) -> str:
    if fraction is None:
        return "–"
    return QLocale().toString(fraction * 100.0, "f", 1) + "%"


def number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return QLocale().toString(float(value), "f", decimals)


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    s = int(round(value))
    return f"{s // 60}:{s % 60:02d}"
