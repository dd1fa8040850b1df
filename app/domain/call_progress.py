"""What a call-progress class means for the agent: the reason it implies and how to say what was heard.

Call-progress analysis (app.telephony.progress) listens to a call's early and answered
media and names what it heard: a tone (ringback, busy, congestion, SIT), silence, a
live person (speech), or one of the site's recorded operator announcements.  This
module holds the business meaning of those classes, in plain Python: the reason code a
class pre-selects, whether it settles the call's fate, and the words for the agent
("Terdengar: pengumuman operator 'tidak aktif' (keyakinan 0,97)").  It does not listen
to audio and does not decide the attempt policy.

==============  ==========  =============================================================
class           reason      why
==============  ==========  =============================================================
ringback        ""          still ringing: the SIP outcome decides (NC-RNA on no answer)
busy            NC-BSY      the Indonesian busy tone (425 Hz, 0.5 s on / 0.5 s off)
congestion      ""          the network is congested: says nothing about the customer
                            (the same rule as a 5xx in app.domain.sip_outcome)
sit             NC-INA      ITU-T E.180 special information tone: number not in service
silence         ""          nothing heard yet
speech          ""          a live person or unknown audio: never cut off
announcement    per entry   the library entry's own reason (e.g. NC-INA, NC-RNA)
==============  ==========  =============================================================
"""

from __future__ import annotations

import re
from typing import Literal

ProgressKind = Literal["ringback", "busy", "congestion", "sit", "silence", "speech", "announcement"]
KINDS: tuple[str, ...] = ("ringback", "busy", "congestion", "sit", "silence", "speech", "announcement")

REASON_BY_KIND: dict[str, str] = {
    "ringback": "", "busy": "NC-BSY", "congestion": "", "sit": "NC-INA", "silence": "", "speech": "",
}

# Classes after which listening longer cannot change what the agent should record;
# only these may end a call by themselves (the site's cpa.hang_up setting).  Speech never
# does; nor does SIT, which announces the recording that follows it.
CONCLUSIVE = frozenset({"busy", "congestion", "announcement"})

# A label is one word of the machine-readable `cpa: announcement:LABEL 0.97` line.
LABEL_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

_WORDS = {
    "ringback": ("nada sambung", "ringback tone"),
    "busy": ("nada sibuk", "busy tone"),
    "congestion": ("nada jaringan sibuk", "congestion tone"),
    "sit": ("nada informasi khusus (SIT)", "special information tone (SIT)"),
    "silence": ("hening", "silence"),
    "speech": ("suara orang", "a person speaking"),
}


def is_valid_label(label: str) -> bool:
    return bool(LABEL_PATTERN.match(label or ""))


def label_words(label: str) -> str:
    """'tidak_aktif' -> 'tidak aktif' (how the agent reads a label)."""
    return label.replace("_", " ").replace("-", " ")


def is_conclusive(kind: str) -> bool:
    return kind in CONCLUSIVE


def counts_heard(kind: str, counted_by_status: bool) -> bool:
    """Whether an attempt counts, once the line was heard: congestion is the network's fault;
    a busy tone, a special-information tone or an operator's announcement came from the
    customer's network, so the customer was tried; other classes leave the SIP status to say."""
    if kind == "congestion":
        return False
    if kind in ("busy", "sit", "announcement"):
        return True
    return counted_by_status


def cli_class(kind: str, label: str = "") -> str:
    """The CLASS of `cpa: CLASS CONFIDENCE`: the kind, or announcement:LABEL."""
    return f"announcement:{label}" if kind == "announcement" else kind


def describe(kind: str, label: str, confidence: float) -> tuple[str, str]:
    """(Indonesian, English) line telling the agent what was heard, with the confidence.

    >>> describe("announcement", "tidak_aktif", 0.97)[0]
    "Terdengar: pengumuman operator 'tidak aktif' (keyakinan 0,97)"
    """
    if kind == "announcement":
        what_id = f"pengumuman operator '{label_words(label)}'"
        what_en = f"operator announcement '{label_words(label)}'"
    else:
        what_id, what_en = _WORDS.get(kind, (kind, kind))
    value = f"{confidence:.2f}"
    return (f"Terdengar: {what_id} (keyakinan {value.replace('.', ',')})",
            f"Heard: {what_en} (confidence {value})")
