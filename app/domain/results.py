"""Checking a wrap-up before it is saved: the fields each reason needs, and their values.

Returns field name → Indonesian message (an empty dict means the result may be
saved), so a form can show every problem at once.  It covers the promise-to-pay
limits per program, callbacks in the future, the cancel reasons, and the new
fault report of DOMAIN.md rule 10.  It does not decide the next state
(attempt_policy.py) and reads no clock: today (and optionally now) are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Mapping

from app.domain.phone import InvalidPhoneNumber, normalize
from app.domain.programs import Program, ProgramRules, rules_for
from app.domain.reasons import Reason
from app.domain.validators import parse_amount, parse_date, validate_email

CANCEL_REASONS = ("gangguan", "harga", "pindah", "operator lain", "musibah", "tidak dipakai", "lainnya")
FAULT_FIELDS = ("fault_product_id", "fault_reporter_name", "fault_reporter_phone", "fault_email",
                "fault_symptom", "fault_description")

FIELD_LABELS = {
    "promise_date": "Tanggal janji bayar",
    "promise_amount": "Nominal janji bayar",
    "callback_at": "Waktu dihubungi kembali",
    "cancel_reason": "Alasan cabut",
    "fault_product_id": "ID produk",
    "fault_reporter_name": "Nama pelapor",
    "fault_reporter_phone": "Telepon pelapor",
    "fault_email": "Email pelapor",
    "fault_symptom": "Gejala gangguan",
    "fault_description": "Deskripsi gangguan",
    "service_normal": "Status layanan",
    "notes": "Catatan",
}

_YES = ("ya", "yes", "true", "1", "normal")
_NO = ("tidak", "no", "false", "0", "belum", "belum normal")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return datetime.fromisoformat(value.strip())
    raise ValueError


@dataclass(frozen=True)
class CallFacts:
    """What the result is about: whether a call was made and answered, and what is owed."""

    called: bool = False              # an attempt was made (a result without a call: False)
    answered: bool | None = False     # someone picked up (200 OK); None: not known (the app died mid-call)
    arrears: Decimal | None = None    # the bill's arrears, which bound a promise


def validate_result(reason: Reason, fields: Mapping[str, Any], program: Program | str, today: date,
                    rules: ProgramRules | None = None, now: datetime | None = None,
                    call: CallFacts | None = None, notes: str = "") -> dict[str, str]:
    """Every problem with this wrap-up, by field; {} when it is valid.

    today is the customer-facing calendar day (promise dates); pass now (aware) to
    check a callback to the minute, otherwise a callback must not be before today.
    `call` says what the call was: a reason that needs someone on the line is refused
    after a call nobody answered, and a "not reached" reason after an answered call
    needs a note saying why (both decided by the catalogue's flags).
    """
    program = Program(program)
    rules = rules or rules_for(program)
    errors: dict[str, str] = {}
    if not reason.applies_to(program):
        errors["reason"] = f"Alasan {reason.code} tidak berlaku untuk program {program.value}."
    if call is not None:
        if reason.needs_connected_call and call.answered is False:
            errors["reason"] = (f"{reason.label_id} hanya untuk panggilan yang tersambung; panggilan ini tidak "
                                "diangkat. Pilih alasan 'tidak terhubung'.")
        elif call.answered and reason.not_reached and not reason.needs_connected_call and _blank(notes):
            errors["notes"] = ("Panggilan tersambung tetapi alasan 'tidak terhubung' dipilih: tulis di catatan "
                               "apa yang terjadi.")
    if reason.needs_note and _blank(notes):
        errors["notes"] = f"{reason.label_id}: tulis catatan apa yang terjadi."
    if call is not None and call.arrears is not None and not _blank(fields.get("promise_amount")):
        message = _check_promise_against_arrears(fields["promise_amount"], call.arrears, rules)
        if message:
            errors["promise_amount"] = message
    required = set(reason.required_fields)
    # Rule 10: a fault report is complete or absent, whatever the reason.
    if any(not _blank(fields.get(f)) for f in FAULT_FIELDS):
        required |= set(FAULT_FIELDS)
    for name in sorted(required):
        if _blank(fields.get(name)):
            errors[name] = f"{FIELD_LABELS.get(name, name)} wajib diisi."
    for name, value in fields.items():
        if name in errors or _blank(value):
            continue
        message = _check_value(name, value, program, rules, today, now)
        if message:
            errors[name] = message
    return errors


def _check_promise_against_arrears(value: Any, arrears: Decimal, rules: ProgramRules) -> str | None:
    """A promise may cover part of the arrears, not more than the site's share of them."""
    if rules.promise_max_share_of_arrears <= 0 or arrears <= 0:
        return None
    try:
        amount = parse_amount(value)
    except ValueError:
        return None                     # the value check says so
    ceiling = (arrears * Decimal(str(rules.promise_max_share_of_arrears))).quantize(Decimal("1"))
    if amount > ceiling:
        return (f"Nominal janji bayar melebihi tunggakan: paling banyak Rp{ceiling:,.0f}".replace(",", ".")
                + (" (tunggakan pelanggan)." if ceiling == arrears.quantize(Decimal("1")) else "."))
    return None


def _check_value(name: str, value: Any, program: Program, rules: ProgramRules, today: date,
                 now: datetime | None) -> str | None:
    if name == "promise_date":
        try:
            promised = parse_date(value)
        except ValueError as exc:
            return str(exc)
        if rules.promise_max_days <= 0:
            return f"Program {program.value} tidak menerima janji bayar."
        if promised < today:
            return "Tanggal janji bayar tidak boleh di masa lalu."
        latest = today + timedelta(days=rules.promise_max_days)
        if promised > latest:
            return (f"Tanggal janji bayar paling lambat {latest:%d/%m/%Y} "
                    f"({rules.promise_max_days} hari untuk program {program.value}).")
    elif name == "promise_amount":
        try:
            amount = parse_amount(value)
        except ValueError as exc:
            return str(exc)
        if amount <= 0:
            return "Nominal janji bayar harus lebih dari 0."
    elif name == "callback_at":
        try:
            when = _as_datetime(value)
        except ValueError:
            return "Waktu dihubungi kembali tidak dikenal (gunakan tanggal dan jam)."
        if now is not None and when.tzinfo is not None:
            if when <= now:
                return "Waktu dihubungi kembali harus di masa depan."
        elif when.date() < today:
            return "Waktu dihubungi kembali harus di masa depan."
    elif name == "cancel_reason":
        if str(value).strip().lower() not in CANCEL_REASONS:
            return f"Alasan cabut harus salah satu dari: {', '.join(CANCEL_REASONS)}."
    elif name == "fault_reporter_phone":
        try:
            normalize(str(value))
        except InvalidPhoneNumber as exc:
            return f"Telepon pelapor tidak sah: {exc}"
    elif name == "fault_email":
        try:
            validate_email(value)
        except ValueError as exc:
            return str(exc)
    elif name == "service_normal":
        if service_normal_value(value) is None:
            return "Status layanan harus 'ya' (normal) atau 'tidak' (belum normal)."
    elif name in ("fault_product_id", "fault_reporter_name", "fault_symptom") and len(str(value).strip()) > 100:
        return f"{FIELD_LABELS[name]} terlalu panjang (maksimal 100 karakter)."
    return None


def service_normal_value(value: Any) -> bool | None:
    """The form's service_normal as a bool (None when not given)."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text in _YES else False if text in _NO else None


__all__ = ["validate_result", "CallFacts", "CANCEL_REASONS", "FAULT_FIELDS", "FIELD_LABELS", "service_normal_value"]
