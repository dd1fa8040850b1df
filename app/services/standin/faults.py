"""Fault injection for the stand-in: latency, 500s, timeouts, dropped connections, 429s.

A `FaultPlan` says how often (`fail_rate`) and how (`mode`) to fail requests on the
API paths (optionally only some path prefixes); `decide()` draws from a seeded
generator so a run can be repeated.  Timeouts and drops happen either before the
request is processed or after (the server stored it, the answer is lost), which is
exactly the case idempotency keys exist for.  Never applies to the /_standin control API.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

MODES = ("error500", "timeout", "drop", "ratelimit", "mixed")


@dataclass
class FaultPlan:
    latency_ms: int = 0
    fail_rate: float = 0.0
    mode: str = "mixed"
    paths: list[str] = field(default_factory=list)    # path prefixes; empty = every API path
    hold_ms: int = 15_000     # how long a "timeout" holds the connection (beyond the client's read timeout)
    retry_after: int = 1      # seconds, for 429

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        if not 0.0 <= float(self.fail_rate) <= 1.0:
            raise ValueError("fail_rate must be between 0 and 1")
        if int(self.latency_ms) < 0 or int(self.hold_ms) < 0 or int(self.retry_after) < 0:
            raise ValueError("latency_ms, hold_ms and retry_after must not be negative")
        self.fail_rate = float(self.fail_rate)
        self.latency_ms, self.hold_ms, self.retry_after = int(self.latency_ms), int(self.hold_ms), int(self.retry_after)
        self.paths = [str(p) for p in self.paths]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FaultPlan":
        known = {k: data[k] for k in ("latency_ms", "fail_rate", "mode", "paths", "hold_ms", "retry_after")
                 if k in data and data[k] is not None}
        return cls(**known)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def applies_to(self, path: str) -> bool:
        return not self.paths or any(path.startswith(p) for p in self.paths)


@dataclass(frozen=True)
class Fault:
    kind: str            # error500 | timeout | drop | ratelimit
    after_processing: bool = False


class FaultInjector:
    def __init__(self, plan: FaultPlan | None = None, seed: int | None = None) -> None:
        self.plan = plan or FaultPlan()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def set_plan(self, plan: FaultPlan) -> None:
        with self._lock:
            self.plan = plan

    def decide(self, path: str) -> Fault | None:
        with self._lock:
            plan = self.plan
            if plan.fail_rate <= 0 or not plan.applies_to(path) or self._rng.random() >= plan.fail_rate:
                return None
            kind = plan.mode if plan.mode != "mixed" else self._rng.choice(MODES[:-1])
            after = kind in ("timeout", "drop") and self._rng.random() < 0.5
            return Fault(kind, after)
