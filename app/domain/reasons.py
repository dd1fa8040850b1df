"""The reason catalogue: every call gets a reason (DOMAIN.md rule 2), shipped as data.

app/resources/reasons.json is the site-editable list; this module loads and checks it
(unknown fields, duplicate codes and bad values are refused with a message that
says where) and answers questions about it.  What a reason does to the work item
is decided in attempt_policy.py / tier2.py, not here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterator

from app.domain.programs import Program
from app.domain.text import Text, TextError

CATEGORIES = ("not_contacted", "wrong_party", "contacted", "right_party")
CLOSES = ("no", "yes", "number_only", "when_no_other_number")
FIELD_NAMES = frozenset({
    "promise_date", "promise_amount", "callback_at", "cancel_reason", "fault_product_id",
    "fault_reporter_name", "fault_reporter_phone", "fault_email", "fault_symptom", "fault_description",
    "service_normal", "notes"})


class CatalogueError(TextError, ValueError):
    """The reason file is not usable; the message says which entry and why."""


class UnknownReason(TextError, KeyError):
    """No reason in the catalogue has this code."""


@dataclass(frozen=True)
class Reason:
    code: str
    label_id: str
    label_en: str
    category: str
    contacted: bool
    counts_as_attempt: bool
    closes: str
    required_fields: tuple[str, ...] = ()
    escalate: bool = False
    creates_ticket: bool = False
    to_qc: bool = False
    programs: tuple[Program, ...] = (Program.CT0, Program.PRANPC)
    # The customer was not reached: counts toward the 3-call rule (NC codes, wrong
    # number, third party).  Optional in the file; derived from the category if absent.
    not_reached: bool = False
    # The customer says the bill is already paid: the desk compares that with i-payment.
    claims_paid: bool = False
    # Someone answered: the reason says what they said, so it needs a connected call
    # (an agree after a busy tone is not possible).  Explicit in the file; derived from
    # the category (contacted, right or wrong party) if absent.
    needs_connected_call: bool = False
    # The reason is recorded only with a note saying what happened (e.g. a hard complaint).
    needs_note: bool = False

    @property
    def reached(self) -> bool:
        """The right party was reached (what the Tier-2 closing rule means by 'reached')."""
        return self.category == "right_party"

    @property
    def closes_phone(self) -> bool:
        return self.closes in ("number_only", "when_no_other_number")

    def applies_to(self, program: Program | str) -> bool:
        return Program(program) in self.programs

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


_REQUIRED = ("code", "label_id", "label_en", "category", "contacted", "counts_as_attempt", "closes")
_ALLOWED_KEYS = frozenset(f.name for f in fields(Reason))
_BOOL_KEYS = ("contacted", "counts_as_attempt", "escalate", "creates_ticket", "to_qc", "not_reached",
              "claims_paid", "needs_connected_call", "needs_note")


def _reason_from_dict(entry: Any, where: Text) -> Reason:
    if not isinstance(entry, dict):
        raise CatalogueError(Text("{where}: setiap alasan harus berupa objek JSON.",
                                   "{where}: each reason must be a JSON object.").format(where=where))
    code = entry.get("code", "?")
    where = Text("{where} (kode {code})", "{where} (code {code})").format(where=where, code=code)
    unknown = set(entry) - _ALLOWED_KEYS
    if unknown:
        raise CatalogueError(Text("{where}: nama field tidak dikenal: {names}.",
                                  "{where}: unknown field names: {names}.")
                             .format(where=where, names=", ".join(sorted(unknown))))
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise CatalogueError(Text("{where}: field wajib tidak ada: {names}.",
                                  "{where}: required fields missing: {names}.")
                             .format(where=where, names=", ".join(missing)))
    for key in ("code", "label_id", "label_en"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise CatalogueError(Text("{where}: {key} harus berupa teks yang tidak kosong.",
                                       "{where}: {key} must be non-empty text.").format(where=where, key=key))
    for key in _BOOL_KEYS:
        if key in entry and not isinstance(entry[key], bool):
            raise CatalogueError(Text("{where}: {key} harus true atau false.", "{where}: {key} must be true or false.")
                                 .format(where=where, key=key))
    if entry["category"] not in CATEGORIES:
        raise CatalogueError(Text("{where}: kategori {value} tidak dikenal (pilihan: {choices}).",
                                  "{where}: unknown category {value} (choices: {choices}).")
                             .format(where=where, value=repr(entry["category"]), choices=", ".join(CATEGORIES)))
    if entry["closes"] not in CLOSES:
        raise CatalogueError(Text("{where}: nilai closes {value} tidak dikenal (pilihan: {choices}).",
                                  "{where}: unknown closes value {value} (choices: {choices}).")
                             .format(where=where, value=repr(entry["closes"]), choices=", ".join(CLOSES)))
    required = entry.get("required_fields", [])
    if not isinstance(required, list) or any(f not in FIELD_NAMES for f in required):
        bad = [f for f in required if f not in FIELD_NAMES] if isinstance(required, list) else [required]
        raise CatalogueError(Text("{where}: required_fields berisi field tidak dikenal: {bad}.",
                                  "{where}: required_fields has unknown fields: {bad}.").format(where=where, bad=bad))
    try:
        programs = tuple(Program(p) for p in entry.get("programs", ["CT0", "PRANPC"]))
    except ValueError as exc:
        raise CatalogueError(Text("{where}: program tidak dikenal ({problem}).",
                                  "{where}: unknown program ({problem}).")
                             .format(where=where, problem=exc)) from None
    if not programs:
        raise CatalogueError(Text("{where}: programs tidak boleh kosong.", "{where}: programs cannot be empty.")
                             .format(where=where))
    not_reached = entry.get("not_reached")
    if not_reached is None:
        not_reached = entry["category"] in ("not_contacted", "wrong_party") and entry["closes"] != "yes"
    return Reason(code=entry["code"].strip(), label_id=entry["label_id"], label_en=entry["label_en"],
                  category=entry["category"], contacted=entry["contacted"],
                  counts_as_attempt=entry["counts_as_attempt"], closes=entry["closes"],
                  required_fields=tuple(required), escalate=entry.get("escalate", False),
                  creates_ticket=entry.get("creates_ticket", False), to_qc=entry.get("to_qc", False),
                  programs=programs, not_reached=not_reached,
                  claims_paid=bool(entry.get("claims_paid", False)),
                  needs_connected_call=entry.get("needs_connected_call",
                                                 entry["category"] in ("contacted", "right_party", "wrong_party")),
                  needs_note=entry.get("needs_note", False))


class ReasonCatalogue:
    """An ordered, validated set of reasons, looked up by code."""

    def __init__(self, reasons: list[Reason] | tuple[Reason, ...], source: str | Text | None = None) -> None:
        self._by_code: dict[str, Reason] = {}
        for reason in reasons:
            if reason.code in self._by_code and source is None:
                raise CatalogueError(Text(f"Kode alasan ganda: {reason.code}.",
                                          f"Duplicate reason code: {reason.code}."))
            if reason.code in self._by_code:
                raise CatalogueError(Text("{source}: Kode alasan ganda: {code}.",
                                          "{source}: Duplicate reason code: {code}.")
                                     .format(source=source, code=reason.code))
            self._by_code[reason.code] = reason

    @classmethod
    def from_dict(cls, doc: Any, source: str | Text = Text("katalog alasan", "reason catalogue")) -> "ReasonCatalogue":
        if isinstance(doc, dict):
            unknown = set(doc) - {"version", "description", "reasons"}
            if unknown:
                raise CatalogueError(Text("{source}: kunci tidak dikenal: {names}.", "{source}: unknown keys: {names}.")
                                     .format(source=source, names=", ".join(sorted(unknown))))
            entries = doc.get("reasons")
        else:
            entries = doc
        if not isinstance(entries, list) or not entries:
            raise CatalogueError(Text("{source}: daftar 'reasons' tidak ada atau kosong.",
                                      "{source}: the 'reasons' list is missing or empty.").format(source=source))
        where = Text("{source}, alasan ke-{n}", "{source}, reason {n}")
        reasons = [_reason_from_dict(e, where.format(source=source, n=i + 1)) for i, e in enumerate(entries)]
        return cls(reasons, source)

    @classmethod
    def load(cls, path: str | Path) -> "ReasonCatalogue":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogueError(Text(f"Berkas katalog alasan tidak dapat dibaca: {path} ({exc.strerror}).",
                                      f"The reason catalogue file cannot be read: {path} ({exc.strerror}).")) from None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogueError(Text(f"{path.name}: JSON tidak sah di baris {exc.lineno}, kolom {exc.colno}.",
                                      f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno}.")) from None
        return cls.from_dict(doc, path.name)

    @classmethod
    def default(cls) -> "ReasonCatalogue":
        from app.platform.paths import resource    # stdlib + platformdirs only
        return cls.load(resource("reasons.json"))

    def get(self, code: str) -> Reason:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownReason(Text(f"Kode alasan tidak dikenal: {code!r}.",
                                     f"Unknown reason code: {code!r}.")) from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Reason]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def for_program(self, program: Program | str) -> tuple[Reason, ...]:
        program = Program(program)
        return tuple(r for r in self if program in r.programs)

    def not_reached_codes(self, program: Program | str | None = None) -> frozenset[str]:
        """The codes that count toward the 3-call rule as 'not reached'."""
        return frozenset(r.code for r in self
                         if r.not_reached and (program is None or r.applies_to(program)))
