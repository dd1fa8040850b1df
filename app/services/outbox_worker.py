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


class DestinationBreaker:
    """A destination that failed `after` times in a row (timeouts, 5xx, refused connections) is
    left alone for a while: 8 base delays, doubling at each new trip, at most the longest delay;
    its messages wait, pending, and their attempts do not grow.  After the pause one message
    tries it (`take_probe`): a success closes the breaker, a failure opens it again.  While
    MyCX was down a desk sent it five requests a second, each a write to the shared outbox too:
    work for nobody that took the window's interpreter lock and SQLite's one write lock."""

    def __init__(self, base_delay: float, max_delay: float, after: int = 5, probe_timeout: float = 120.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.pause_base, self.pause_cap = 8 * base_delay, max(max_delay, 8 * base_delay)
        self.after = after
        # A probe whose outcome was never counted (its write failed) frees the destination after
        # this long, as the message's own lease does.
        self.probe_timeout = probe_timeout
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._trips: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._probing: dict[str, float] = {}    # destination -> when a message started trying it

    def tripped(self) -> set[str]:
        """Destinations nothing is sent to but the one message `take_probe` lets try them."""
        with self._lock:
            return set(self._trips)

    def take_probe(self, destination: str) -> bool:
        """True (once) when the destination's pause is over and no message is trying it yet."""
        now = self._monotonic()
        with self._lock:
            if now - self._probing.get(destination, -self.probe_timeout) < self.probe_timeout \
                    or self._until.get(destination, 0.0) > now:
                return False
            self._probing[destination] = now
            return True

    def resumes_in(self) -> float | None:
        """Seconds until the first paused destination may be tried again (None: none paused)."""
        now = self._monotonic()
        with self._lock:
            left = [until - now for until in self._until.values() if until > now]
        return min(left) if left else None

    def no_probe(self, destination: str) -> None:
        with self._lock:
            self._probing.pop(destination, None)

    def succeeded(self, destination: str) -> None:
        with self._lock:
            for state in (self._failures, self._trips, self._until, self._probing):
                state.pop(destination, None)

    def failed(self, destination: str) -> float | None:
        """Count a transient failure; the pause in seconds when this one opens the breaker."""
        with self._lock:
            failures = self._failures[destination] = self._failures.get(destination, 0) + 1
            probe = self._probing.pop(destination, None) is not None
            if failures < self.after or (self._until.get(destination, 0.0) > self._monotonic() and not probe):
                return None
            trips = self._trips[destination] = self._trips.get(destination, 0) + 1
            pause = min(self.pause_cap, self.pause_base * 2 ** min(trips - 1, 30))
            self._until[destination] = self._monotonic() + pause
            return pause


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
        self.breaker = DestinationBreaker(base_delay, max_delay, probe_timeout=lease)
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
    def _sendable(self) -> set[str]:
        """The destinations this worker sends to now (it has a sender, and it is not failing)."""
        return set(self.senders) - self.breaker.tripped()

    def _claim(self, limit: int) -> list[tuple]:
        sendable = self._sendable()
        probes = [d for d in sorted(set(self.senders) - sendable) if self.breaker.take_probe(d)]
        now = self.clock.now()
        claimed = []
        try:
            with self.database.session() as session:
                if sendable:
                    claimed = outbox_repo.claim_due(session, now, limit, self.lease, sendable, self.origin)
                for destination in probes:
                    probe = outbox_repo.claim_due(session, now, 1, self.lease, {destination}, self.origin)
                    if not probe:
                        self.breaker.no_probe(destination)       # nothing due for it yet
                    claimed.extend(probe)
        except BaseException:
            for destination in probes:
                self.breaker.no_probe(destination)
            raise
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
        self.breaker.succeeded(destination)
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
        pause = self.breaker.failed(destination)
        if pause is not None:
            log.warning("outbox: %s failed %d times in a row; nothing is sent to it for %.0f s",
                        destination, self.breaker.after, pause)
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
                next_due = outbox_repo.next_due_at(session, self._sendable(), self.origin)
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            wait_for = self._wait_for(next_due)
            self._stop.wait(min(max(wait_for, 0.01), left, self.idle_poll))
        return False

    def _wait_for(self, next_due: datetime | None) -> float:
        """Seconds until a message is due or a paused destination may be tried again."""
        waits = [self.idle_poll]
        if next_due is not None:
            waits.append((next_due - self.clock.now()).total_seconds())
        resumes = self.breaker.resumes_in()
        if resumes is not None:
            waits.append(resumes)
        return min(waits)

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
                    next_due = outbox_repo.next_due_at(session, self._sendable(), self.origin)
                wait = min(self.idle_poll, max(0.01, self._wait_for(next_due)))
            except Exception:          # database away: keep the thread, try again later
                log.exception("outbox worker loop failed; retrying")
                wait = self.idle_poll
            self._wake.wait(wait)
            self._wake.clear()
