"""A customer's e-mail read by its words (W-89): a complaint, a request or a question, and whether
it reads as a hard complaint (DOMAIN rule 7) — the rules that decide where it goes.

Where it then goes by the customer's segment is app.domain.tier2.route_for_segment
(DES/DGS/DBS handled here; a DBS request to the DBS unit; DCS to the DCS unit, a DCS
hard complaint escalated as well).  Plain text rules, Indonesian words as customers
write them; no I/O.  A site that needs other words changes these tuples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.tier2 import HardComplaintCriteria

REQUEST_WORDS = ("permintaan", "permohonan", "mohon dibuatkan", "minta dipasang", "pasang baru", "pindah alamat",
                 "upgrade", "downgrade", "tambah layanan", "ubah paket", "ganti paket", "request")
COMPLAINT_WORDS = ("gangguan", "mati", "lambat", "lemot", "putus", "rusak", "tidak bisa", "tidak dapat", "keluhan",
                   "komplain", "error", "los merah", "down")
THREAT_WORDS = ("media", "viral", "somasi", "ylki", "lapor ke", "pengacara", "cabut", "berhenti berlangganan",
                "pindah operator", "putus langganan")
ABUSIVE_WORDS = ("bodoh", "brengsek", "goblok", "bangsat", "tolol", "sialan", "anjing")
SUPERVISOR_WORDS = ("atasan", "manajer", "manager", "pimpinan", "supervisor", "direksi")
_REPEAT = re.compile(r"(?:sudah|ke-?|sebanyak)\s*(\d{1,2})\s*(?:x|kali)\b"
                     r"|(\d{1,2})\s*(?:x|kali)\s+(?:lapor|melapor|komplain)", re.IGNORECASE)
ACCOUNT_NUMBER = re.compile(r"\b(\d{9,14})\b")


@dataclass(frozen=True)
class MailReading:
    kind: str                           # complaint | request | information
    criteria: HardComplaintCriteria

    @property
    def hard_complaint(self) -> bool:
        return self.criteria.is_hard_complaint()

    @property
    def is_request(self) -> bool:
        return self.kind == "request"


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def read_mail(subject: str, body: str) -> MailReading:
    text = f"{subject}\n{body}".lower()
    repeats = [int(a or b) for a, b in _REPEAT.findall(text)]
    criteria = HardComplaintCriteria(repeat_reports=max(repeats, default=0),
                                     threat_cancel_or_media=_has(text, THREAT_WORDS),
                                     abusive_language=_has(text, ABUSIVE_WORDS),
                                     asks_supervisor=_has(text, SUPERVISOR_WORDS))
    if _has(text, COMPLAINT_WORDS) or criteria.is_hard_complaint():
        kind = "complaint"
    elif _has(text, REQUEST_WORDS):
        kind = "request"
    else:
        kind = "information"
    return MailReading(kind, criteria)


def account_numbers(text: str) -> list[str]:
    """Internet numbers / SNDs a customer may quote in a mail, in order."""
    return ACCOUNT_NUMBER.findall(text)
