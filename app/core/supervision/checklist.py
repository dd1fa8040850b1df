"""The QC scoring standard: a configurable checklist of service parameters with weights.

Loaded from app/resources/qc_checklist.json (a site may ship its own); an item with
max 1 is a yes/no check, a larger max is a scale 0..max.  The score is the
weighted percentage 0..100.  Pure data and arithmetic: no Qt, no database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from app.domain.text import Text, TextError
from app.platform import paths


class ChecklistError(TextError, ValueError):
    """A checklist file or a set of scores that does not fit the checklist."""


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label_id: str
    label_en: str
    weight: float
    max: int = 1


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...]
    pass_score: float = 80.0
    version: int = 1

    @classmethod
    def load(cls, path: Path | None = None) -> "Checklist":
        data = json.loads((path or paths.resource("qc_checklist.json")).read_text(encoding="utf-8"))
        items = tuple(ChecklistItem(i["key"], i["label_id"], i.get("label_en", i["label_id"]),
                                    float(i["weight"]), int(i.get("max", 1))) for i in data["items"])
        if not items or any(i.weight < 0 or i.max < 1 for i in items):
            raise ChecklistError(Text("Daftar periksa QC tidak sah: bobot harus >= 0 dan nilai maksimum >= 1.",
                                      "The QC checklist is not valid: weights must be >= 0 and maxima >= 1."))
        return cls(items, float(data.get("pass_score", 80)), int(data.get("version", 1)))

    def normalise(self, scores: Mapping[str, float | bool]) -> dict[str, float]:
        """Every checklist key with a value clamped to 0..max (missing = 0; True = max)."""
        out: dict[str, float] = {}
        for item in self.items:
            raw = scores.get(item.key, 0)
            value = float(item.max) if raw is True else float(raw or 0)
            out[item.key] = min(max(value, 0.0), float(item.max))
        unknown = set(scores) - {i.key for i in self.items}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise ChecklistError(Text(f"Parameter penilaian tidak dikenal: {names}",
                                      f"Unknown scoring parameter: {names}"))
        return out

    def unscored(self, scores: Mapping[str, float | bool | None]) -> tuple[ChecklistItem, ...]:
        """The items a verdict has not scored yet (absent or None: 0 is a score, "not looked at" is not)."""
        return tuple(item for item in self.items if scores.get(item.key) is None)

    def score(self, scores: Mapping[str, float | bool]) -> float:
        """Weighted percentage, rounded to one decimal."""
        values = self.normalise(scores)
        total_weight = sum(i.weight for i in self.items)
        if total_weight == 0:
            return 0.0
        got = sum(i.weight * values[i.key] / i.max for i in self.items)
        return round(100.0 * got / total_weight, 1)
