"""Handing the customer call to someone else: blind transfer, consultation, conference, attended transfer.

`Handover` runs on the SIP thread beside the customer's `CallSession` (owned by
app.telephony.softphone) and owns the second call an agent may make while the
customer waits: the consultation with a team leader (leg "consult").  It

- follows every REFER with a `TransferWatch`, so its outcome reaches the listener as
  `TransferProgress` facts; a success ends the customer call (outcome.transferred),
  a failure leaves both calls as they were;
- puts the customer on hold before calling the team leader, and on cancel hangs up
  the team leader and resumes the customer;
- bridges the two calls into a three-way conference, and drops the team leader from it;
- completes a consultation with REFER/Replaces on the customer call.

The consult leg never makes an attempt, a recording or a `CallOutcome`: its facts are
its snapshots (leg "consult"; the "ended" one says why in `end_message`).  It never
outlives the customer call: when that ends, the consult leg is hung up.  This module
must not be called from any thread but the SIP thread.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

import pjsua2 as pj

from app.telephony import conference
from app.telephony.call import CallSession, mask_uri
from app.telephony.events import CallSnapshot, SipConfig, TransferKind, TransferProgress
from app.telephony.failures import log_failure
from app.telephony.transfer import TransferWatch

log = logging.getLogger(__name__)

TALKING = ("connected", "on_hold")


class Handover:
    def __init__(self, *, endpoint: Any, account: Callable[[], Any], config: SipConfig,
                 after: Callable[[float, Callable[[], None]], None],
                 publish_state: Callable[[CallSnapshot], None],
                 publish_transfer: Callable[[TransferProgress], None],
                 error: Callable[[str], None]) -> None:
        self._ep = endpoint
        self._account = account
        self._config = config
        self._after = after
        self._publish_state = publish_state
        self._publish_transfer = publish_transfer
        self._error = error
        self.consult: CallSession | None = None
        self.watch: TransferWatch | None = None
        self._customer: CallSession | None = None     # the call a watch or consult belongs to

    # ------------------------------------------------------------------ commands
    def transfer(self, customer: CallSession, uri: str) -> None:
        """Blind transfer: REFER the customer to `uri`; the call stays until it succeeds."""
        if self._refuse_transfer(customer):
            return
        if self.consult is not None:
            self._error("Selesaikan atau batalkan konsultasi dulu sebelum transfer langsung.")
            return
        self._start_watch(customer, "blind", uri, lambda: customer.transfer(uri))

    def start_consult(self, customer: CallSession, uri: str) -> None:
        """Hold the customer and call `uri` (the team leader) on a second call."""
        if customer.snapshot.state not in TALKING:
            self._error("Konsultasi hanya saat pelanggan tersambung.")
            return
        if self.consult is not None:
            self._error("Konsultasi sudah berjalan.")
            return
        if self.watch is not None and not self.watch.over:
            self._error("Transfer sedang berjalan; tunggu hasilnya.")
            return
        if not customer.snapshot.on_hold:
            customer.hold()
        session = CallSession(
            endpoint=self._ep, account=self._account(), uri=uri, attempt_id=None, record_path=None,
            play_file=self._config.play_file, ring_timeout=self._config.ring_timeout_seconds,
            after=self._after, publish=self._publish_state, finished=self._consult_finished,
            error=self._error, leg="consult")
        session.muted = customer.muted
        self.consult, self._customer = session, customer
        try:
            session.dial()
        except pj.Error as exc:
            log.error("consult makeCall failed: %s", exc.reason)
            session.ended = True
            self.consult = None
            session.call = None
            self._publish_state(session.snapshot.with_state("ended", end_message=f"Panggilan gagal: {exc.reason}"))
            self._error(f"Konsultasi tidak dapat dimulai: {exc.reason}")

    def complete_consult(self, customer: CallSession) -> None:
        """Attended transfer: the customer is REFERred to the team leader, replacing our call."""
        consult = self.consult
        if consult is None or consult.snapshot.state != "connected":
            self._error("Team leader belum tersambung; transfer belum bisa diselesaikan.")
            return
        if self._refuse_transfer(customer):
            return
        self._start_watch(customer, "attended", consult.uri, lambda: customer.transfer_replacing(consult))

    def cancel_consult(self, customer: CallSession) -> None:
        """Back to the customer alone: hang up the team leader (consulting or in a conference), resume."""
        consult = self.consult
        if consult is not None:
            conference.split(consult)
            if not consult.ended and not consult.hangup_requested:
                consult.hangup()
        if customer.snapshot.on_hold and not customer.ended:
            customer.resume()

    def conference(self, customer: CallSession) -> None:
        """Three-way: the customer and the team leader hear each other and the agent."""
        consult = self.consult
        if consult is None or consult.snapshot.state != "connected":
            self._error("Team leader belum tersambung; konferensi belum bisa dimulai.")
            return
        if customer.snapshot.state not in TALKING:
            self._error("Konferensi hanya saat pelanggan tersambung.")
            return
        conference.join(customer, consult)
        if customer.snapshot.on_hold:
            customer.resume()     # the bridge is wired when the resumed stream is up

    def set_mute(self, muted: bool) -> None:
        consult = self.consult
        if consult is not None and not consult.ended:
            consult.set_mute(muted)

    # ------------------------------------------------------------ from the owner
    def customer_ended(self, customer: CallSession) -> None:
        """The customer call is over: an open transfer has failed, the consult leg goes too."""
        if self.watch is not None and self._customer is customer:
            self.watch.abandon("panggilan berakhir sebelum transfer terkonfirmasi",
                               "the call ended before the transfer was confirmed")
        consult = self.consult
        if (consult is not None and not consult.ended and not consult.hangup_requested
                and self._customer is customer):
            log.info("customer call over: hanging up the consultation")
            consult.hangup()

    def tick(self) -> None:
        consult = self.consult
        if consult is not None:
            consult.check_ring_timeout()

    def teardown(self, pump: Callable[[float], None]) -> None:
        consult = self.consult
        if consult is None:
            return
        if not consult.ended:
            try:
                consult.hangup()
            except pj.Error:
                log_failure(log, "consult hangup at shutdown failed")
            deadline = time.monotonic() + 1.0
            while not consult.ended and time.monotonic() < deadline:
                pump(0.01)
        consult._stop_media()
        self._consult_finished(consult, None)

    def consult_snapshot(self) -> CallSnapshot | None:
        consult = self.consult
        return None if consult is None or consult.ended else consult.snapshot

    # ------------------------------------------------------------------ helpers
    def _refuse_transfer(self, customer: CallSession) -> bool:
        if customer.snapshot.state not in TALKING:
            self._error("Transfer hanya saat pelanggan tersambung.")
            return True
        if self.watch is not None and not self.watch.over and self._customer is customer:
            self._error("Transfer sedang berjalan; tunggu hasilnya.")
            return True
        return False

    def _start_watch(self, customer: CallSession, kind: TransferKind, target: str,
                     send: Callable[[], None]) -> None:
        watch = TransferWatch(call_id=customer.snapshot.call_id, kind=kind, target=target,
                              timeout=self._config.transfer_timeout_seconds,
                              publish=lambda progress: self._transfer_progress(customer, progress))
        self.watch, self._customer = watch, customer
        customer.transfer_watch = watch
        log.info("%s transfer to %s", kind, mask_uri(target))
        watch.requested()
        try:
            send()
        except pj.Error as exc:
            log.error("REFER failed: %s", exc.reason)
            watch.abandon(f"permintaan transfer tidak terkirim ({exc.reason})",
                          f"the transfer request could not be sent ({exc.reason})")
            return
        self._after(watch.timeout, watch.expire)

    def _transfer_progress(self, customer: CallSession, progress: TransferProgress) -> None:
        self._publish_transfer(progress)
        if progress.succeeded and not customer.ended:
            # The customer is with the target now.  The transferee usually hangs up by
            # itself; if it has not, the transferor does (RFC 5589).
            customer.transferred = True
            customer.hangup()
        if progress.final:
            customer.transfer_watch = None

    def _consult_finished(self, session: CallSession, _outcome: Any) -> None:
        # Break the Call <-> session cycle here, on the SIP thread (see softphone._finished).
        session.call = None
        if self.consult is session:
            self.consult = None
        log.info("consultation ended")
