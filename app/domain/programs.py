"""The outbound programs (CT-0, PRANPC, Tier-2 callbacks) and their attempt rules.

Glossary: CT-0 (Change Tarif-0) works customers two months in arrears (N+2), the
last stage before cleansing; PRANPC (Pra Non Produktif Customer) works arrears at
months N and N+1; TIER2 is the callback desk that confirms repaired faults
(DOMAIN.md rule 6).  The numbers here are defaults that a site may override from
its settings (`programs.<CT0|PRANPC|TIER2>.<field>`, listed in docs/rules.md with
their sources); this module holds no I/O and no knowledge of storage.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import timedelta
from enum import Enum
from typing import Any, Mapping

from app.domain.text import Text, TextError


class ProgramSettingsError(TextError, ValueError):
    """A program's settings cannot be used as written."""


class Program(str, Enum):
    CT0 = "CT0"
    PRANPC = "PRANPC"
    TIER2 = "TIER2"


@dataclass(frozen=True)
class ProgramRules:
    """How one program schedules and closes its calls.

    priority: lower is worked first.  first_round_attempts / second_round_attempts:
    not-reached attempts allowed per round.  retry_interval: gap between
    not-reached attempts within a round.  pend_after_first_round: after the last
    attempt of round 1 the record pends (daytime_pend, or until the next morning)
    and gets a second round, instead of closing.  promise_max_days: how far ahead
    an agreed promise-to-pay date may lie (0 = the program takes no promises).
    arrears_months_allowed: the dapros "Bulan Tunggakan" values (k in N+k) that belong
    to the program; an import row outside them is reported (empty = not checked).
    calling_window: the settings key of the window the program calls in
    ("calling_hours": the POJK collection window, "service_hours": the site's).
    """

    program: Program
    label_id: str
    label_en: str
    priority: int
    pend_after_first_round: bool
    promise_max_days: int
    arrears_months: str
    first_round_attempts: int = 3
    second_round_attempts: int = 3
    retry_interval: timedelta = timedelta(minutes=60)
    daytime_pend: timedelta = timedelta(hours=1)
    arrears_months_allowed: tuple[int, ...] = ()
    calling_window: str = "calling_hours"
    promise_max_share_of_arrears: float = 1.0   # a promise covers at most this share of the arrears (0: any)

    def arrears_text(self) -> str:
        """The allowed arrears months as the procedure writes them: "N+2", "N/N+1"."""
        return "/".join("N" if m == 0 else f"N+{m}" for m in self.arrears_months_allowed)

    def max_attempts(self, round_no: int) -> int:
        return self.first_round_attempts if round_no <= 1 else self.second_round_attempts

    @property
    def rounds(self) -> int:
        return 2 if self.pend_after_first_round else 1

    def with_settings(self, settings: Mapping[str, Any] | None) -> "ProgramRules":
        """A copy with the site's overrides applied.

        Durations may be given as minutes ("retry_interval_minutes",
        "daytime_pend_minutes") or as timedelta under their own names; unknown
        keys are refused so a typo in the settings file does not pass silently.
        """
        if not settings:
            return self
        known = {f.name for f in fields(self)} - {"program"}
        changes: dict[str, Any] = {}
        for key, value in settings.items():
            if key in ("retry_interval_minutes", "daytime_pend_minutes"):
                changes[key.removesuffix("_minutes")] = timedelta(minutes=float(value))
            elif key in ("retry_interval", "daytime_pend"):
                changes[key] = value if isinstance(value, timedelta) else timedelta(minutes=float(value))
            elif key in known:
                changes[key] = value
            else:
                raise ProgramSettingsError(Text(
                    f"Pengaturan program tidak dikenal: {key!r} (program {self.program.value}).",
                    f"Unknown program setting: {key!r} (program {self.program.value})."))
        for key in ("first_round_attempts", "second_round_attempts", "priority", "promise_max_days"):
            if key in changes:
                changes[key] = int(changes[key])
        if "promise_max_share_of_arrears" in changes:
            changes["promise_max_share_of_arrears"] = float(changes["promise_max_share_of_arrears"])
        if "pend_after_first_round" in changes:
            changes["pend_after_first_round"] = _flag(changes["pend_after_first_round"])
        if "arrears_months_allowed" in changes:
            months = tuple(sorted({int(m) for m in changes["arrears_months_allowed"]}))
            if any(not 0 <= m <= 120 for m in months):
                raise ProgramSettingsError(Text("Bulan tunggakan program harus 0–120.",
                                                "A program's arrears months must be 0–120."))
            changes["arrears_months_allowed"] = months
        if "calling_window" in changes and changes["calling_window"] not in CALLING_WINDOWS:
            raise ProgramSettingsError(Text(f"Jendela panggilan tidak dikenal: {changes['calling_window']!r} "
                                            f"(pilih {', '.join(CALLING_WINDOWS)}).",
                                            f"Unknown calling window: {changes['calling_window']!r} "
                                            f"(choose {', '.join(CALLING_WINDOWS)})."))
        rules = replace(self, **changes)
        if rules.first_round_attempts < 1 or rules.second_round_attempts < 1:
            raise ProgramSettingsError(Text("Jumlah percobaan per putaran minimal 1.",
                                            "At least 1 attempt per round."))
        if rules.retry_interval <= timedelta(0) or rules.daytime_pend <= timedelta(0):
            raise ProgramSettingsError(Text("Jeda percobaan dan lama tunda harus lebih dari 0.",
                                            "The retry interval and the pend time must be more than 0."))
        return rules

    @classmethod
    def from_settings(cls, program: Program | str, settings: Mapping[str, Any] | None) -> "ProgramRules":
        return DEFAULT_RULES[Program(program)].with_settings(settings)


CALLING_WINDOWS = ("calling_hours", "service_hours")


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off", "tidak")
    return bool(value)


# Promise limits, why: CT-0 customers are one step from cleansing (automatic on the
# 1st of the 4th month), so a promise further than a week out usually lands after
# the line is gone; PRANPC customers are at N/N+1 and a two-week promise still
# falls before the N+2 revocation date (the 20th) in the billing terms.
# Rounds, why: the CT-0/PRANPC procedure (seed OB.IN.OCC.TELK.P-01) has no pend and no
# second round; the Datin pend and its second round come from the ticket-closing seed
# (IN.OCC.TENESA.W-03 1.2.6–1.2.9) and apply to Tier-2 only.  So CT-0 and PRANPC make
# 3 calls and close unless a site sets pend_after_first_round (docs/rules.md).
DEFAULT_RULES: dict[Program, ProgramRules] = {
    Program.CT0: ProgramRules(
        program=Program.CT0, label_id="CT-0 (tunggakan N+2)", label_en="CT-0 (arrears N+2)",
        priority=1, pend_after_first_round=False, promise_max_days=7,
        arrears_months="N+2 (tarif nol, tahap terakhir sebelum cleansing)", arrears_months_allowed=(2,)),
    Program.PRANPC: ProgramRules(
        program=Program.PRANPC, label_id="PRANPC (tunggakan N dan N+1)", label_en="PRANPC (arrears N and N+1)",
        priority=2, pend_after_first_round=False, promise_max_days=14,
        arrears_months="N dan N+1", arrears_months_allowed=(0, 1)),
    # Tier-2: pending depends on the service (Datin pends, IndiHome/POTS close), see tier2.py.
    Program.TIER2: ProgramRules(
        program=Program.TIER2, label_id="Tier-2 callback gangguan", label_en="Tier-2 fault callback",
        priority=0, pend_after_first_round=False, promise_max_days=0,
        arrears_months="tidak berlaku (tiket gangguan)", calling_window="service_hours"),
}


def rules_for(program: Program | str) -> ProgramRules:
    return DEFAULT_RULES[Program(program)]


def rules_from_settings(settings: Mapping[str, Any] | None) -> dict[Program, ProgramRules]:
    """All programs' rules with a settings block like {"CT0": {"retry_interval_minutes": 30}}."""
    settings = settings or {}
    unknown = set(settings) - {p.value for p in Program}
    if unknown:
        raise ProgramSettingsError(Text(f"Program tidak dikenal di pengaturan: {', '.join(sorted(unknown))}.",
                                        f"Unknown program in the settings: {', '.join(sorted(unknown))}."))
    return {p: DEFAULT_RULES[p].with_settings(settings.get(p.value)) for p in Program}
