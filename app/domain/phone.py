"""Indonesian phone numbers: parse any written form, store E.164, show and dial the site's way.

Mobiles are 08xx with 10–13 digits nationally; fixed lines are an area code
(021 Jakarta, 022 Bandung, 024 Semarang, 031 Surabaya, 061 Medan are two
digits after the 0, the rest three: 0274 Yogyakarta, 0361 Denpasar…) plus the
subscriber number.  Anything else is refused with an Indonesian reason.  No
I/O; a number is never logged in full (use masked()).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from app.domain.text import Text, TextError

TWO_DIGIT_AREA_CODES = frozenset({"21", "22", "24", "31", "61"})
MOBILE_LENGTHS = range(10, 14)      # national digits incl. the leading 0
_SEPARATORS = re.compile(r"[\s\-./()]")
_ALLOWED = re.compile(r"^\+?[\d\s\-./()]+$")


class InvalidPhoneNumber(TextError, ValueError):
    """The text is not a usable Indonesian number; the message says why (in both languages)."""


class InvalidDialRules(TextError, ValueError):
    """The site's dialling settings cannot be used as written."""


_EMPTY = Text("Nomor telepon kosong.", "The phone number is empty.")
_UNKNOWN_PREFIX = Text("Awalan nomor tidak dikenal: nomor harus diawali 0, 62 atau +62.",
                       "Unknown number prefix: the number must start with 0, 62 or +62.")


@dataclass(frozen=True)
class PhoneNumber:
    e164: str                       # "+6281234567890"
    national: str                   # "081234567890"
    kind: str                       # "mobile" | "fixed"
    area_code: str | None = None    # fixed lines only, e.g. "022"

    @property
    def subscriber(self) -> str:
        """The number without area code (fixed) or the whole national number (mobile)."""
        return self.national[len(self.area_code):] if self.area_code else self.national

    def display(self) -> str:
        """Grouped for people: '0812-3456-7890', '(022) 250-1234'."""
        if self.kind == "mobile":
            n = self.national
            cut = 7 if len(n) <= 11 else 8
            return f"{n[:4]}-{n[4:cut]}-{n[cut:]}"
        sub = self.subscriber
        cut = len(sub) - 4 if len(sub) >= 7 else 3
        return f"({self.area_code}) {sub[:cut]}-{sub[cut:]}"

    def masked(self) -> str:
        """For logs: first four and last four digits only, '0812****7890'."""
        n = self.national
        return n[:4] + "*" * (len(n) - 8) + n[-4:]

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:      # a stray %r in a log must not leak the number
        return f"PhoneNumber({self.masked()}, {self.kind})"


def _national_digits(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise InvalidPhoneNumber(_EMPTY)
    if text.isascii() and text.isdigit():
        # The common case in a dapros file (plain digits): no separators, no plus to look at.
        if text.startswith("0062"):
            return "0" + text[4:]
        if text.startswith("62"):
            return "0" + text[2:]
        if text.startswith("0"):
            return text
        raise InvalidPhoneNumber(_UNKNOWN_PREFIX)
    if any(ch.isalpha() for ch in text):
        raise InvalidPhoneNumber(Text(f"Nomor telepon mengandung huruf: {len(text)} karakter diberikan.",
                                      f"The phone number contains letters: {len(text)} characters given."))
    # "+62 (0)812…" and "62(0)21…": the (0) is the trunk prefix written for locals, drop it.
    text = re.sub(r"^(\+?\s*62)\s*\(\s*0\s*\)", r"\1", text)
    if not _ALLOWED.match(text):
        raise InvalidPhoneNumber(Text("Nomor telepon berisi karakter yang tidak sah "
                                      "(hanya angka, spasi, tanda hubung, titik, kurung dan + di depan).",
                                      "The phone number has characters that are not allowed "
                                      "(only digits, spaces, hyphens, dots, brackets and a leading +)."))
    plus = text.startswith("+")
    digits = _SEPARATORS.sub("", text.lstrip("+"))
    if not digits:
        raise InvalidPhoneNumber(_EMPTY)
    if plus:
        if not digits.startswith("62"):
            raise InvalidPhoneNumber(Text("Kode negara bukan Indonesia (+62).",
                                          "The country code is not Indonesia (+62)."))
        return "0" + digits[2:]
    if digits.startswith("0062"):
        return "0" + digits[4:]
    if digits.startswith("62"):
        return "0" + digits[2:]
    if digits.startswith("0"):
        return digits
    raise InvalidPhoneNumber(_UNKNOWN_PREFIX)


def normalize(raw: str) -> PhoneNumber:
    """Parse a number as people write it; raise InvalidPhoneNumber saying why not."""
    national, kind, area = _parse(raw)
    return PhoneNumber("+62" + national[1:], national, kind, area)


def to_e164(raw: str) -> str:
    """normalize(raw).e164, same checks and messages, without building a PhoneNumber: the
    dapros import checks every number of files of 100,000 rows."""
    # Most of them are a plain, valid mobile number ("081234567890"): what _parse would accept.
    if (raw.__class__ is str and raw.isdigit() and raw.isascii() and raw.startswith("08")
            and not raw.startswith("080") and len(raw) in MOBILE_LENGTHS):
        return "+62" + raw[1:]
    return "+62" + _parse(raw)[0][1:]


def _parse(raw: str) -> tuple[str, str, str | None]:
    """(national number, "mobile" | "fixed", area code or None), or InvalidPhoneNumber."""
    if not isinstance(raw, str):
        if raw is None:
            raise InvalidPhoneNumber(_EMPTY)
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)      # spreadsheets drop the leading 0: "81234567890" → refused below
        else:
            raise InvalidPhoneNumber(Text("Nomor telepon harus berupa teks.", "The phone number must be text."))
    national = _national_digits(raw)
    if len(national) < 4:
        raise InvalidPhoneNumber(Text(f"Nomor telepon terlalu pendek: {len(national)} digit.",
                                      f"The phone number is too short: {len(national)} digits."))
    if national[1] == "0":
        raise InvalidPhoneNumber(Text("Awalan nomor tidak dikenal: setelah 0 harus kode operator atau kode area.",
                                      "Unknown number prefix: after the 0 comes an operator or area code."))
    if national.startswith("08"):
        if national.startswith("080"):
            raise InvalidPhoneNumber(Text("Awalan 080x adalah nomor bebas pulsa/layanan, bukan nomor pelanggan.",
                                          "080x is a toll-free/service number, not a customer's number."))
        if len(national) < MOBILE_LENGTHS.start:
            raise InvalidPhoneNumber(Text(f"Nomor HP terlalu pendek: {len(national)} digit (minimal 10).",
                                          f"The mobile number is too short: {len(national)} digits (at least 10)."))
        if len(national) >= MOBILE_LENGTHS.stop:
            raise InvalidPhoneNumber(Text(f"Nomor HP terlalu panjang: {len(national)} digit (maksimal 13).",
                                          f"The mobile number is too long: {len(national)} digits (at most 13)."))
        return national, "mobile", None
    if national[1] == "1":
        raise InvalidPhoneNumber(Text("Awalan 01 bukan kode area Indonesia.",
                                      "01 is not an Indonesian area code."))
    area = national[:3] if national[1:3] in TWO_DIGIT_AREA_CODES else national[:4]
    subscriber = national[len(area):]
    # Two-digit areas (big cities) have 7–8 digit numbers; smaller areas also 6 (e.g. (0274) 588688).
    shortest = 7 if len(area) == 3 else 6
    if len(subscriber) < shortest:
        raise InvalidPhoneNumber(Text(f"Nomor telepon rumah terlalu pendek: {len(subscriber)} digit setelah kode "
                                      f"area {area} (minimal {shortest}).",
                                      f"The landline number is too short: {len(subscriber)} digits after area "
                                      f"code {area} (at least {shortest})."))
    if len(subscriber) > 8:
        raise InvalidPhoneNumber(Text(f"Nomor telepon rumah terlalu panjang: {len(subscriber)} digit setelah kode "
                                      f"area {area} (maksimal 8).",
                                      f"The landline number is too long: {len(subscriber)} digits after area "
                                      f"code {area} (at most 8)."))
    if subscriber[0] in "01":
        raise InvalidPhoneNumber(Text(f"Nomor setelah kode area {area} tidak boleh diawali {subscriber[0]}.",
                                      f"A number after area code {area} cannot start with {subscriber[0]}."))
    return national, "fixed", area


def is_valid(raw: str) -> bool:
    try:
        normalize(raw)
    except InvalidPhoneNumber:
        return False
    return True


@dataclass(frozen=True)
class DialRules:
    """How this site's PBX wants numbers: an outside-line prefix (often 9), E.164, local calls."""

    outside_line_prefix: str = ""
    international: bool = False     # the trunk takes E.164 ("+62…"); no outside-line prefix then
    site_area_code: str = ""        # fixed lines in this area are dialled without the area code

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9*#]*", self.outside_line_prefix):
            raise InvalidDialRules(Text("Awalan saluran keluar hanya boleh berisi angka, * atau #.",
                                         "The outside-line prefix may contain only digits, * or #."))
        code = re.sub(r"\D", "", self.site_area_code)
        if code and not code.startswith("0"):
            code = "0" + code
        object.__setattr__(self, "site_area_code", code)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> "DialRules":
        settings = settings or {}
        unknown = set(settings) - {"outside_line_prefix", "international", "site_area_code"}
        if unknown:
            raise InvalidDialRules(Text(f"Pengaturan panggilan tidak dikenal: {', '.join(sorted(unknown))}.",
                                         f"Unknown dialling settings: {', '.join(sorted(unknown))}."))
        return cls(str(settings.get("outside_line_prefix") or ""), bool(settings.get("international", False)),
                   str(settings.get("site_area_code") or ""))


def dial_string(phone: PhoneNumber, rules: DialRules = DialRules()) -> str:
    """What to put in the SIP URI's user part for this number at this site."""
    if rules.international:
        return phone.e164
    number = phone.national
    if phone.kind == "fixed" and rules.site_area_code and phone.area_code == rules.site_area_code:
        number = phone.subscriber
    return rules.outside_line_prefix + number
