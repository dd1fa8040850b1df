"""Keeping what call-progress analysis heard with the attempt, so the TL's export and QC can see it.

`attempt_fields(verdict)` is the call_attempts columns for a verdict (cpa_class, cpa_label,
cpa_confidence); `record_heard` writes them on one attempt.  The desk calls it when the
call ends (CallOutcome.progress).  No Qt, no pjsua2; it does not decide the reason: the
verdict's suggestion already is the outcome's suggested_reason_code.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from app.store.models import CallAttempt
from app.telephony.events import ProgressVerdict


def attempt_fields(verdict: ProgressVerdict | None) -> dict[str, Any]:
    if verdict is None:
        return {"cpa_class": None, "cpa_label": None, "cpa_confidence": None}
    return {"cpa_class": verdict.kind, "cpa_label": verdict.label or None,
            "cpa_confidence": round(float(verdict.confidence), 2)}


def record_heard(database: Any, attempt_id: int, verdict: ProgressVerdict | None) -> None:
    with database.session() as s:
        s.execute(update(CallAttempt).where(CallAttempt.id == attempt_id).values(**attempt_fields(verdict)))
