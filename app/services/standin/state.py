"""What the stand-in received, and its idempotency store.

Kept per destination (mycx, tamara, mycx_ticket, callback) so tests can count what
arrived; a repeated Idempotency-Key is answered from here with the original status
and body.  Thread-safe (one lock).  Persists nothing unless given a state file, which
is rewritten atomically after each stored item so a restarted stand-in keeps it.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def fingerprint(method: str, path: str, body: Any) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class StoredAnswer:
    fingerprint: str
    status: int
    body: Any


class StandinState:
    def __init__(self, state_file: str | os.PathLike | None = None) -> None:
        self.lock = threading.RLock()
        self.state_file = Path(state_file) if state_file else None
        self.received: dict[str, list[dict[str, Any]]] = {}
        self.answers: dict[str, StoredAnswer] = {}
        self.tickets: dict[str, dict[str, Any]] = {}      # ticket number -> current state
        self.stats: Counter[str] = Counter()
        self._key_locks: dict[str, threading.Lock] = {}
        if self.state_file and self.state_file.exists():
            self._load()

    def key_lock(self, key: str) -> threading.Lock:
        """One lock per idempotency key: a retry racing the original waits for its answer."""
        with self.lock:
            return self._key_locks.setdefault(key, threading.Lock())

    def answer_for(self, key: str) -> StoredAnswer | None:
        with self.lock:
            return self.answers.get(key)

    def store(self, destination: str, key: str, fp: str, status: int, answer: Any,
              item: dict[str, Any]) -> None:
        with self.lock:
            self.answers[key] = StoredAnswer(fp, status, answer)
            if 200 <= status < 300:
                self.received.setdefault(destination, []).append(item)
            self._save()

    def items(self, destination: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.received.get(destination, []))

    def counts(self) -> dict[str, int]:
        with self.lock:
            return {dest: len(items) for dest, items in self.received.items()}

    def count(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.stats[name] += n

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.answers.clear()
            self.tickets.clear()
            self.stats.clear()
            self._save()

    def _save(self) -> None:
        if not self.state_file:
            return
        data = {"received": self.received, "tickets": self.tickets,
                "answers": {k: [a.fingerprint, a.status, a.body] for k, a in self.answers.items()}}
        tmp = self.state_file.with_suffix(self.state_file.suffix + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.state_file)

    def _load(self) -> None:
        data = json.loads(self.state_file.read_text(encoding="utf-8"))
        self.received = data.get("received", {})
        self.tickets = data.get("tickets", {})
        self.answers = {k: StoredAnswer(*v) for k, v in data.get("answers", {}).items()}
