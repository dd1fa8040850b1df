"""Delivers the durable outbox (results to MyCX/TAMARA, Callback responses, tickets) off the GUI thread.

A plain thread claims due rows (app.store.outbox_repo), sends each with its row's
idempotency key (so a retry never creates a duplicate at the destination), and
records the outcome: delivered; retry later with exponential backoff and full jitter
(a 429's Retry-After is a floor); or failed for a person to look at (4xx other than
408/429, auth errors, a payload the client refuses).  It claims only messages for
the destinations it has a sender for: on a shared database another desktop may be
able to send what this one cannot (`unsendable()` says what is left for others).  All state is in the database,
so a restarted or killed process simply carries on.  Listeners (plain callables) hear
every outcome on the worker's threads; the UI wraps them into signals.  This module
must not build payloads or touch widgets.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping

from app.domain.clock import SystemClock
from app.services import errors
from app.services.destinations import Sender
from app.store import outbox_repo

log = logging.getLogger(__name__)



def backoff_delay(attempt: int, base: float = 2.0, cap: float = 600.0,
                  rng: random.Random | None = None) -> float:
    """Seconds to wait after the `attempt`-th failure: uniform in [0, min(cap, base * 2**(attempt-1))]."""
    ceiling = min(cap, base * (2 ** min(max(attempt, 1) - 1, 60)))
    return (rng or random).uniform(0.0, ceiling)


@dataclass(frozen=True)
class DeliveryEvent:
    message_id: int
    destination: str
    status: str                 # delivered | retry | failed
    attempts: int
    error: str | None = None
    next_attempt_at: datetime | None = None


def _settle(future: Future) -> None:
    # Recording an outcome can fail (database locked or gone): the lease expires and the
    # message is sent again with the same key, so log and carry on.
    try:
        future.result()
    except Exception:
        log.exception("outbox: could not record a delivery outcome; it will be retried after its lease")


def _receipt_json(receipt: Any) -> dict[str, Any] | None:
    body = getattr(receipt, "body", receipt)
    return body if isinstance(body, dict) else None


class _CallableClock:
    def __init__(self, fn: Callable[[], datetime]) -> None:
        self.now = fn


class OutboxWorker:
    """`start()`/`stop()` a background thread (`wake()` after committing a message), or drive it
    yourself: `deliver_once()` (one batch) and `run_until_empty(timeout)`.  `clients` maps a
    destination ("mycx", "tamara", "callback", "mycx_ticket", "email"...) to a sender
    `(payload, idempotency_key) -> receipt`; app.services.destinations builds it.
    `clock` is an app.domain.clock.Clock (or a callable returning aware UTC)."""

    def __init__(self, database, clients: Mapping[str, Sender], *, clock=None, batch_size: int = 20,
                 concurrency: int = 4, base_delay: float = 2.0, max_delay: float = 600.0,
                 lease: float = 120.0, idle_poll: float = 5.0, rng: random.Random | None = None,
                 origin: str | None = None) -> None:
        self.database = database
        self.origin = origin            # this desktop's id: it also delivers messages only it can (recordings)
        self.senders = dict(clients)
        self.clock = clock if clock is None or hasattr(clock, "now") else _CallableClock(clock)
        self.clock = self.clock or SystemClock()
        self.batch_size = batch_size
        self.concurrency = max(1, concurrency)
        self.base_delay, self.max_delay = base_delay, max_delay
        self.lease = timedelta(seconds=lease)
        self.idle_poll = idle_poll
        self._rng = rng or random.Random()
        self._listeners: list[Callable[[DeliveryEvent], None]] = []
        self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="outbox-send")
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- listeners -----------------------------------------------------------------
    def add_listener(self, listener: Callable[[DeliveryEvent], None]) -> None:
        self._listeners.append(listener)

    def _emit(self, event: DeliveryEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:          # a listener's bug must not stop deliveries
                log.exception("outbox listener failed")

    # -- delivery ------------------------------------------------------------------
    def _claim(self, limit: int) -> list[tuple]:
        now = self.clock.now()
        with self.database.session() as session:
            claimed = outbox_repo.claim_due(session, now, limit, self.lease, self.senders, self.origin)
            return [(m.id, m.destination, m.idempotency_key, m.payload, m.attempts) for m in claimed]

    def deliver_once(self) -> int:
        """Claim one batch of due messages and deliver them; the number handled."""
        batch = self._claim(self.batch_size)
        for future in [self._pool.submit(self._deliver, *item) for item in batch]:
            _settle(future)
        return len(batch)

    def _drain(self, deadline: float | None = None) -> int:
        """Deliver until nothing is due, keeping `concurrency` sends busy (no batch barrier:
        one slow destination does not hold up the others).  The number handled."""
        in_flight: set[Future] = set()
        handled = 0
        window = self.concurrency * 2
        while True:
            can_claim = not self._stop.is_set() and (deadline is None or time.monotonic() < deadline)
            if can_claim and len(in_flight) < window:
                claimed = self._claim(min(self.batch_size, window - len(in_flight)))
                in_flight |= {self._pool.submit(self._deliver, *item) for item in claimed}
            if not in_flight:
                return handled
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                _settle(future)
                handled += 1

    def _deliver(self, message_id: int, destination: str, key: str, payload: dict[str, Any],
                 attempts: int) -> None:
        sender = self.senders.get(destination)
        try:
            if sender is None:
                raise errors.ConfigurationError(detail=f"no client for destination {destination!r}",
                                                service=destination, transient=False)
            receipt = sender(payload, key)
        except errors.ServiceError as exc:
            return self._record_failure(message_id, destination, attempts, exc)
        except (ValueError, KeyError, TypeError) as exc:      # the client refused the payload itself
            wrapped = errors.RejectedRequest(f"{type(exc).__name__}: {exc}", service=destination,
                                             server_message=f"isi pesan tidak sah: {exc}")
            return self._record_failure(message_id, destination, attempts, wrapped)
        except Exception as exc:  # noqa: BLE001 - unexpected: keep the message, retry later, log loudly
            log.exception("outbox: unexpected error delivering message %s", message_id)
            wrapped = errors.ServiceUnavailable(f"{type(exc).__name__}: {exc}", service=destination)
            return self._record_failure(message_id, destination, attempts, wrapped)
        now = self.clock.now()
        status_code = getattr(receipt, "status_code", None) or None
        with self.database.session() as session:
            outbox_repo.mark_delivered(session, message_id, now, status_code, _receipt_json(receipt))
        log.info("outbox: message %s delivered to %s (attempt %s)", message_id, destination, attempts)
        self._emit(DeliveryEvent(message_id, destination, "delivered", attempts))

    def _record_failure(self, message_id: int, destination: str, attempts: int,
                        exc: errors.ServiceError) -> None:
        text = exc.describe()[:2000]
        if errors.is_permanent(exc):
            with self.database.session() as session:
                outbox_repo.mark_failed(session, message_id, text, exc.status_code)
            log.warning("outbox: message %s to %s failed permanently: %s", message_id, destination, exc.detail)
            return self._emit(DeliveryEvent(message_id, destination, "failed", attempts, text))
        delay = backoff_delay(attempts, self.base_delay, self.max_delay, self._rng)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            delay = max(delay, float(retry_after))
        when = self.clock.now() + timedelta(seconds=delay)
        with self.database.session() as session:
            outbox_repo.mark_retry(session, message_id, when, text, exc.status_code)
        log.info("outbox: message %s to %s will be retried in %.1fs: %s", message_id, destination, delay,
                 exc.detail)
        self._emit(DeliveryEvent(message_id, destination, "retry", attempts, text, when))

    def pending(self) -> int:
        """Messages this worker can send that are not delivered yet."""
        with self.database.session() as session:
            return outbox_repo.pending_count(session, self.senders, self.origin)

    def unsendable(self) -> dict[str, int]:
        """Pending messages per destination this worker has no sender for (left alone)."""
        with self.database.session() as session:
            return {d: n for d, n in outbox_repo.pending_by_destination(session).items()
                    if d not in self.senders and d in outbox_repo.KNOWN_DESTINATIONS}

    def run_until_empty(self, timeout: float) -> bool:
        """Deliver until nothing is pending (True) or `timeout` seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while not self._stop.is_set():
            self._drain(deadline)
            with self.database.session() as session:
                if outbox_repo.pending_count(session, self.senders, self.origin) == 0:
                    return True
                next_due = outbox_repo.next_due_at(session, self.senders, self.origin)
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            wait_for = (next_due - self.clock.now()).total_seconds() if next_due else self.idle_poll
            self._stop.wait(min(max(wait_for, 0.01), left, self.idle_poll))
        return False

    # -- background thread -------------------------------------------------------------
    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        if self._closed:
            self._pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="outbox-send")
            self._closed = False
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A new message was committed: look now instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._closed = True

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._drain()
                with self.database.session() as session:
                    next_due = outbox_repo.next_due_at(session, self.senders, self.origin)
                wait = self.idle_poll
                if next_due is not None:
                    wait = min(wait, max(0.01, (next_due - self.clock.now()).total_seconds()))
            except Exception:          # database away: keep the thread, try again later
                log.exception("outbox worker loop failed; retrying")
                wait = self.idle_poll
            self._wake.wait(wait)
            self._wake.clear()
