"""The wrap-up form: a reason for every attempt, and what that reason requires.

It cannot be skipped (the desk session keeps "Next" closed until it is saved), explains
invalid input next to the field, and reports every change as a draft so the
desk can store it — a crash or a closed window loses nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import QDate, QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.domain.billing import unpaid_despite_claim
from app.domain.reasons import Reason
from app.domain.results import CANCEL_REASONS
from app.domain.time_zones import CustomerZone
from app.views.date_fields import DateField, DateTimeField, parse_typed_date
from app.views.formatting import money
from app.views.i18n import current_language

FIELD_LABELS = {
    "promise_date": QT_TRANSLATE_NOOP("WrapUp", "Promise-to-pay date"),
    "promise_amount": QT_TRANSLATE_NOOP("WrapUp", "Promised amount (Rp)"),
    "callback_at": QT_TRANSLATE_NOOP("WrapUp", "Call back at"),
    "cancel_reason": QT_TRANSLATE_NOOP("WrapUp", "Reason to cancel"),
    "fault_product_id": QT_TRANSLATE_NOOP("WrapUp", "Product ID"),
    "fault_reporter_name": QT_TRANSLATE_NOOP("WrapUp", "Reporter name"),
    "fault_reporter_phone": QT_TRANSLATE_NOOP("WrapUp", "Reporter phone"),
    "fault_email": QT_TRANSLATE_NOOP("WrapUp", "E-mail"),
    "fault_symptom": QT_TRANSLATE_NOOP("WrapUp", "Symptom"),
    "fault_description": QT_TRANSLATE_NOOP("WrapUp", "Description"),
    "service_normal": QT_TRANSLATE_NOOP("WrapUp", "Service normal?"),
}


def _label(field: str) -> str:
    return QCoreApplication.translate("WrapUp", FIELD_LABELS.get(field, field))


class WrapUpForm(QGroupBox):
    save_requested = Signal(str, dict, str)      # reason code, fields, notes
    draft_changed = Signal(dict)                 # {"reason_code", "fields", "notes"}

    def __init__(self, parent=None) -> None:
        super().__init__(self.tr("Result (wrap-up)"), parent)
        self.reasons: list[Reason] = []
        self.lang = "id"
        self.now = datetime.now(timezone.utc)    # replaced by the desk's clock at each start()
        self.zone = CustomerZone.parse("WIB")
        self.promise_days = 7
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(False)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.reason_error = self._error_label()
        self.bill = None                     # the bill i-payment showed for this customer, if any
        self.hint = QLabel()
        self.hint.setObjectName("wrapupHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.hint.hide()
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Notes for this call (what the customer said)"))
        self.notes.setMaximumHeight(70)
        self.notes.textChanged.connect(self._changed)
        self.summary = QLabel()
        self.summary.setObjectName("wrapupSummary")
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save result (Ctrl+Enter)"))
        self.save_button.setObjectName("saveResult")
        self.save_button.clicked.connect(self.save)
        self.fields_box = QWidget()
        self.fields_form = QFormLayout(self.fields_box)
        self.fields_form.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Reason (Ctrl+R)"), self.reason)
        form.addRow("", self.reason_error)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields_box)
        layout.addWidget(QLabel(self.tr("Notes")))
        layout.addWidget(self.notes)
        layout.addWidget(self.summary)
        layout.addWidget(self.save_button)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(400)
        self._draft_timer.timeout.connect(lambda: self.draft_changed.emit(self.payload()))
        self._restoring = False

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #b3261e;")
        label.setWordWrap(True)
        label.hide()
        return label

    def bind(self, on, session) -> None:
        """Follow one customer's wrap-up (a DeskSession's facts) until `on` is cleared."""
        on.add(session.wrapup_opened, self._opened)
        on.add(session.result_refused, lambda exc: (self.show_errors(exc.errors), self.save_button.setEnabled(True)))
        on.add(session.failed, lambda _message: self.save_button.setEnabled(True))
        on.add(session.result_saved, lambda _saved: self.finish())
        on.add(session.bill_loaded, lambda view: self.set_bill(view.bill))

    def _opened(self, wrapup) -> None:
        self.start(list(wrapup.reasons), wrapup.suggested, wrapup.draft, current_language(),
                   now=wrapup.now, zone=wrapup.zone, promise_days=wrapup.promise_days)
        self.reason.setFocus()

    # -- set-up ------------------------------------------------------------------------
    def reset(self) -> None:
        """Empty and disabled: no reason, fields, notes, hint or error of a previous customer."""
        self._draft_timer.stop()
        self._restoring = True
        self.reasons = []
        self.reason.clear()
        self._reason_changed()
        self.notes.clear()
        self.summary.clear()
        self.bill = None
        self.hint.hide()
        self.show_errors({})
        self._restoring = False
        self.save_button.setEnabled(True)
        self.setEnabled(False)

    def open_notes(self) -> None:
        """During the call: the agent types what the customer says; the reason comes after."""
        self.setEnabled(True)
        for widget in (self.reason, self.fields_box, self.save_button):
            widget.setEnabled(False)
        self.notes.setEnabled(True)

    def finish(self) -> None:
        """Saved: the form stays readable but closed, with no error left over."""
        self._draft_timer.stop()
        self.show_errors({})
        self.save_button.setEnabled(True)
        self.setEnabled(False)

    def start(self, reasons: list[Reason], suggested: str | None, draft: dict[str, Any] | None,
              lang: str = "id", *, now: datetime | None = None, zone: str = "WIB", promise_days: int = 7) -> None:
        """`now` is the desk's clock and `zone` the customer's: promise dates and callback times are
        offered and entered on the customer's own clock, whatever the PC's clock says."""
        self._restoring = True
        self.reasons, self.lang = list(reasons), lang
        self.now = now or datetime.now(timezone.utc)
        self.zone = CustomerZone.parse(zone)
        self.promise_days = promise_days
        self.reason.blockSignals(True)
        self.reason.clear()
        self.reason.addItem(self.tr("— choose a reason —"), "")
        for r in self.reasons:
            label = r.label_id if lang == "id" else r.label_en
            self.reason.addItem(f"{r.code} · {label}", r.code)
        self.reason.blockSignals(False)
        typed_in_call = self.notes.toPlainText() if self.notes.isEnabled() and self.isEnabled() else ""
        self.notes.setPlainText("")
        code = (draft or {}).get("reason_code") or suggested or ""
        self.reason.setCurrentIndex(max(0, self.reason.findData(code)))
        self._reason_changed()
        if draft:
            self.notes.setPlainText(draft.get("notes", ""))
            for name, value in (draft.get("fields") or {}).items():
                self._set_value(name, value)
        if typed_in_call and not self.notes.toPlainText():
            self.notes.setPlainText(typed_in_call)      # what the agent noted while talking stays
        self.summary.clear()
        self.show_errors({})
        self._restoring = False
        for widget in (self, self.reason, self.fields_box, self.save_button, self.notes):
            widget.setEnabled(True)

    def _reason(self) -> Reason | None:
        code = self.reason.currentData()
        return next((r for r in self.reasons if r.code == code), None)

    def _reason_changed(self) -> None:
        reason = self._reason()
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.inputs.clear()
        self.errors.clear()
        for name in (reason.required_fields if reason else ()):
            if name == "notes":
                continue
            widget = self._make_input(name)
            widget.setObjectName(f"field_{name}")
            self.inputs[name] = widget
            self.errors[name] = self._error_label()
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(widget)
            inner.addWidget(self.errors[name])
            self.fields_form.addRow(_label(name), box)
        self._update_hint(reason)
        self._changed()

    def set_bill(self, bill) -> None:
        self.bill = bill
        self._update_hint(self._reason())

    def _update_hint(self, reason) -> None:
        if reason is not None and reason.claims_paid and unpaid_despite_claim(self.bill):
            self.hint.setText(self.tr("i-payment still shows %1 unpaid: note where and when the customer paid.")
                              .replace("%1", money(self.bill.total_arrears)))
            self.hint.show()
        else:
            self.hint.hide()

    def _make_input(self, name: str) -> QWidget:
        local = self.now.astimezone(self.zone.display_region.zone)
        if name == "promise_date":
            today = QDate(local.year, local.month, local.day)
            w = DateField(today.addDays(1))
            w.setDateRange(today, today.addDays(max(0, self.promise_days)))
            w.dateChanged.connect(self._changed)
            return w
        if name == "callback_at":
            w = DateTimeField(self.now + timedelta(hours=1), self.zone.display_region.zone,
                              self.zone.label(self.lang))
            w.day.setMinimumDate(QDate(local.year, local.month, local.day))
            w.changed.connect(self._changed)
            return w
        if name in ("cancel_reason", "service_normal"):
            w = QComboBox()
            w.addItem("", "")
            options = CANCEL_REASONS if name == "cancel_reason" else ("ya", "tidak")
            for option in options:
                w.addItem(option, option)
            w.currentIndexChanged.connect(self._changed)
            return w
        if name == "fault_description":
            w = QPlainTextEdit()
            w.setMaximumHeight(60)
            w.textChanged.connect(self._changed)
            return w
        w = QLineEdit()
        if name == "promise_amount":
            w.setPlaceholderText("contoh: 350.000")
        w.textChanged.connect(self._changed)
        return w

    def _set_value(self, name: str, value: Any) -> None:
        w = self.inputs.get(name)
        if w is None or value in (None, ""):
            return
        if isinstance(w, DateField):
            w.setDate(parse_typed_date(str(value)[:10]))
        elif isinstance(w, DateTimeField):
            try:
                w.set_value(datetime.fromisoformat(str(value)))
            except ValueError:
                pass
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        else:
            w.setText(str(value))

    # -- reading -----------------------------------------------------------------------
    def reason_code(self) -> str:
        return self.reason.currentData() or ""

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.inputs.items():
            if isinstance(w, DateField):
                # What was typed, when it is not a date: the check names the problem.
                out[name] = w.date().toString("yyyy-MM-dd") if w.is_valid() else w.text()
            elif isinstance(w, DateTimeField):
                when = w.value()
                out[name] = when.isoformat(timespec="minutes") if when else f"{w.day.text()} {w.time.text()}".strip()
            elif isinstance(w, QComboBox):
                out[name] = w.currentData() or ""
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText().strip()
            else:
                out[name] = w.text().strip()
        return out

    def payload(self) -> dict[str, Any]:
        return {"reason_code": self.reason_code(), "fields": self.fields(), "notes": self.notes.toPlainText()}

    def _changed(self, *_args) -> None:
        if not self._restoring:
            self._draft_timer.start()

    def flush_draft(self) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.draft_changed.emit(self.payload())

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setVisible(name in errors)
            label.setText(errors.get(name, ""))
        leftover = [msg for name, msg in errors.items() if name not in self.errors]
        self.reason_error.setVisible(bool(leftover))
        self.reason_error.setText("\n".join(leftover))
        first = next((self.inputs[n] for n in errors if n in self.inputs), None)
        if first is not None:
            first.setFocus()

    def save(self) -> None:
        if not self.reason_code():
            self.show_errors({"reason": self.tr("Choose a reason first.")})
            self.reason.setFocus()
            return
        self.flush_draft()
        self.save_requested.emit(self.reason_code(), self.fields(), self.notes.toPlainText().strip())

    def focus_reason(self) -> None:
        self.reason.setFocus()
        self.reason.showPopup()
