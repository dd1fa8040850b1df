"""One outbound call on the SIP thread: its pjsua2 Call, media wiring, recording and outcome.

`CallSession` follows a single call from dial to the finalised WAV and turns pjsua2
states into `CallSnapshot`s and, at the end, one `CallOutcome`.  From the first media
on it lets call-progress analysis listen (app.telephony.progress.tap) and passes its
verdicts on; with `progress_hang_up` a conclusive one (never speech) ends the call.
It runs only on the SIP thread (app.telephony.engine) and keeps the Python reference to its pjsua2 `Call` until
the call is over and the recording is closed: a Call collected early CANCELs silently,
and a Call that outlives libDestroy aborts the process.  A session is one leg: the
customer's, or the consultation with a team leader (no attempt, no recording); two
sessions may be bridged into a conference, which this module keeps wired across the
media restarts of hold and resume.  It does not decide whether a call may be placed or
handed over (app.telephony.softphone and app.telephony.handover do).
"""

from __future__ import annotations

import logging
import shutil
import struct
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import pjsua2 as pj

from app.domain.attempt_counting import LOCAL_REFUSED, REGISTRATION_DOWN, CallFacts, classify
from app.domain.call_progress import counts_heard
from app.domain.sip_outcome import BAD_MEDIA, NO_COMMON_CODEC, failure_message
from app.telephony import conference
from app.telephony.account import failure_cause
from app.telephony.conference import quietly
from app.telephony.events import CallLeg, CallOutcome, CallSnapshot, ProgressVerdict
from app.telephony.failures import log_failure
from app.telephony.progress.classifier import ProgressClassifier
from app.telephony.progress.tap import CallAnalysis

log = logging.getLogger(__name__)

MIN_FREE_BYTES = 20 * 1024 * 1024     # below this a recording is refused up front (disk full)
FINALISE_TIMEOUT = 2.0                # seconds to wait for the WAV header to be written


def _now() -> datetime:
    return datetime.now(timezone.utc)


def mask_uri(uri: str) -> str:
    """A URI for logs: middle digits of the user part masked."""
    user, sep, rest = uri.partition("@")
    digits = [i for i, ch in enumerate(user) if ch.isdigit()]
    if len(digits) > 6:
        chars = list(user)
        for i in digits[4:-3]:
            chars[i] = "*"
        user = "".join(chars)
    return user + sep + rest


class _PjCall(pj.Call):
    """pjsua2 callbacks forwarded to the session; nothing may escape into C++."""

    def __init__(self, account: Any, session: "CallSession") -> None:
        super().__init__(account)
        self._session = session

    def onCallState(self, prm):  # noqa: N802 - pjsua2 name
        try:
            self._session.on_state()
        except Exception:
            log_failure(log, "onCallState failed")

    def onCallMediaState(self, prm):  # noqa: N802
        try:
            self._session.on_media()
        except Exception:
            log_failure(log, "onCallMediaState failed")

    def onCallTransferRequest(self, prm):  # noqa: N802
        # A REFER *to us* would make pjsua call its target on this very Call object, behind
        # the desk's back (no attempt, no recording).  The agent's phone is not transferable.
        prm.statusCode = 603
        try:
            log.warning("REFER from the remote party declined (target %s)", mask_uri(str(prm.dstUri)))
        except Exception:
            log_failure(log, "onCallTransferRequest failed")

    def onCallTransferStatus(self, prm):  # noqa: N802
        try:
            self._session.on_transfer_status(int(prm.statusCode), str(prm.reason), bool(prm.finalNotify))
        except Exception:
            log_failure(log, "onCallTransferStatus failed")


#: The INVITE's header naming Sambung's attempt id (docs/admin.md: the PBX-side recorder).
ATTEMPT_HEADER = "X-Sambung-Attempt"


class CallSession:
    """State of the one call in progress (SIP thread only)."""

    def __init__(self, *, endpoint: Any, account: Any, uri: str, attempt_id: str | None,
                 record_path: Path | None, play_file: str, ring_timeout: float,
                 after: Callable[[float, Callable[[], None]], None],
                 publish: Callable[[CallSnapshot], None],
                 finished: Callable[["CallSession", CallOutcome], None],
                 error: Callable[[str], None], leg: CallLeg = "customer",
                 post: Callable[..., None] | None = None,
                 classifier: Callable[[str], ProgressClassifier] | None = None,
                 tap: Callable[[], Any] | None = None,
                 progress: Callable[[ProgressVerdict], None] | None = None,
                 progress_hang_up: bool = False, record_early_media: bool = False) -> None:
        self._ep = endpoint
        self._after = after
        self._publish = publish
        self._finished = finished
        self._error = error
        self.attempt_id = attempt_id
        self.record_path = record_path
        self.play_file = play_file
        self.ring_timeout = ring_timeout
        self.call = _PjCall(account, self)
        self.started_mono = time.monotonic()
        self.connected_mono: float | None = None
        self.ended_mono: float | None = None
        self.started_at = _now()
        self.ring_timed_out = False
        self.provisional_mono: float | None = None   # first 18x: the customer's phone is ringing
        self.early_media = False                     # a 183 came: an announcement may play
        self.refused_locally = False                 # makeCall raised: no INVITE left
        self.registration_down = False               # the account's registration had failed at dial time
        self.muted = False
        self.recorder: Any = None
        self.player: Any = None
        self.recording_error: str | None = None
        self.recording_started = False
        self.final_code: int | None = None
        self.final_reason = ""
        self.media_cause = ""             # app.domain.sip_outcome media cause, when pjsip gave up on the SDP
        self.hangup_requested = False     # we (agent, ring timeout) ended it, not pjsip on its own
        self.ended = False
        self.leg: CallLeg = leg
        self.transfer_watch: Any = None   # app.telephony.transfer.TransferWatch of an open REFER
        self.transferred = False          # a transfer succeeded: the customer is someone else's now
        self.partner: CallSession | None = None   # the other leg, while in a conference
        self.audio: Any = None            # the call's port on pjsua's conference bridge, while it has one
        self.media_active = False         # audio flows both ways (not held by us)
        self.snapshot = CallSnapshot(call_id="", state="dialing", remote_uri=uri, started_at=self.started_at,
                                     leg=leg)
        self.uri = uri
        self._progress = progress
        self.progress_hang_up = progress_hang_up
        self.record_early_media = record_early_media
        self.analysis: CallAnalysis | None = None
        if classifier is not None and post is not None and tap is not None:
            self.analysis = CallAnalysis(lambda: classifier(self.snapshot.call_id), tap, post, self._heard)

    # ----------------------------------------------------------------- commands
    def dial(self) -> None:
        prm = pj.CallOpParam(True)
        if self.attempt_id:
            # A PBX-side recorder binds its own file to the same attempt (issue 14).
            header = pj.SipHeader()
            header.hName = ATTEMPT_HEADER
            header.hValue = str(self.attempt_id)
            prm.txOption.headers.append(header)
        self.call.makeCall(self.uri, prm)
        info = self.call.getInfo()
        self.snapshot = CallSnapshot(call_id=info.callIdString, state="dialing", remote_uri=self.uri,
                                     started_at=self.started_at, leg=self.leg)
        log.info("dialling %s", mask_uri(self.uri))
        self._publish(self.snapshot)

    def hangup(self) -> None:
        if not self.ended:
            self.hangup_requested = True
            self.call.hangup(pj.CallOpParam())

    def check_ring_timeout(self) -> None:
        if self.connected_mono is None and not self.ended and not self.ring_timed_out:
            if time.monotonic() - self.started_mono >= self.ring_timeout:
                log.info("ring timeout after %.0f s: cancelling", self.ring_timeout)
                self.ring_timed_out = True
                self.hangup()

    def hold(self) -> None:
        self.call.setHold(pj.CallOpParam(True))

    def resume(self) -> None:
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self.call.reinvite(prm)

    def set_mute(self, muted: bool) -> None:
        self.muted = muted
        if self.audio is not None and self.media_active:
            source = self._source()
            if muted:
                source.stopTransmit(self.audio)
            else:
                source.startTransmit(self.audio)
        self._update(self.snapshot.state, muted=muted)

    def send_dtmf(self, digits: str, method: str) -> None:
        prm = pj.CallSendDtmfParam()
        prm.digits = digits
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO if method == "info" else pj.PJSUA_DTMF_METHOD_RFC2833
        self.call.sendDtmf(prm)

    def transfer(self, uri: str) -> None:
        self.call.xfer(uri, pj.CallOpParam(True))

    def transfer_replacing(self, other: "CallSession") -> None:
        """REFER with Replaces: the remote party calls `other`'s remote, who drops us for them."""
        self.call.xferReplaces(other.call, pj.CallOpParam(True))

    def on_transfer_status(self, code: int, reason: str, final: bool) -> None:
        watch = self.transfer_watch
        if watch is None:
            log.info("transfer status %s without a transfer of ours: ignored", code)
            return
        watch.on_status(code, reason, final)

    # ------------------------------------------------------------- callbacks
    def on_state(self) -> None:
        info = self.call.getInfo()
        state = info.state
        if state == pj.PJSIP_INV_STATE_EARLY:
            if self.provisional_mono is None:
                self.provisional_mono = time.monotonic()
            self.early_media = self.early_media or info.lastStatusCode == 183
            self._update("early_media" if info.lastStatusCode == 183 else "ringing")
        elif state == pj.PJSIP_INV_STATE_CONFIRMED and self.connected_mono is None:
            self.connected_mono = time.monotonic()
            self.final_code, self.final_reason = 200, "OK"
            self._update("connected", connected_at=_now())
            if self.audio is not None:
                self._maybe_record(self.audio, self._source())
        elif state == pj.PJSIP_INV_STATE_DISCONNECTED and not self.ended:
            self.ended = True
            self.ended_mono = time.monotonic()
            self.media_cause = self._media_failure(info)
            if self.connected_mono is None or self.media_cause:
                self.final_code = info.lastStatusCode or None
                self.final_reason = info.lastReason
            conference.split(self)
            self._stop_media()
            self._update("ended", conference=False, end_message=self._end_message())
            self._after(0.02, self._finalise)

    def _media_failure(self, info: Any) -> str:
        """pjsip ended the call itself because it could not use the SDP it was given."""
        if self.hangup_requested:
            return ""
        if self.connected_mono is not None and self.audio is None and info.lastStatusCode in (415, 488):
            return NO_COMMON_CODEC        # answered, then BYE with Reason 415: no audio ever flowed
        if self.connected_mono is None and self.early_media and info.lastStatusCode == 487:
            return BAD_MEDIA              # pjsip CANCELled after the 183's SDP failed
        return ""

    def _end_message(self) -> str:
        if self.connected_mono is not None and not self.media_cause:
            return ""
        return failure_message(self.final_code, self.final_reason, self.ring_timed_out, cause=self.media_cause,
                               provisional=self.provisional_mono is not None)[0]

    def on_media(self) -> None:
        info = self.call.getInfo()
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if media.status in (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                self._connect_audio(self.call.getAudioMedia(index))
                if self.snapshot.on_hold:
                    self._update("connected", on_hold=False)
            elif media.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD:
                self._hold_audio(index)
                self._update("on_hold", on_hold=True)

    # ---------------------------------------------------------------- media
    def _source(self) -> Any:
        if self.player is not None:
            return self.player
        return self._ep.audDevManager().getCaptureDevMedia()

    def _hold_audio(self, index: int) -> None:
        # Held by us: nobody on our side may be heard (the agent consulting the TL, the TL in
        # a conference).  pjsua usually restarts the stream on hold, which drops its bridge
        # connections by itself; when it keeps it, they are cut here.
        self.media_active = False
        try:
            audio = self.audio = self.call.getAudioMedia(index)
        except pj.Error as exc:
            log.debug("held call has no audio port: %s", exc.reason)
            self.audio = None
            return
        quietly(lambda: self._source().stopTransmit(audio))
        conference.hold(self)

    def _connect_audio(self, audio: Any) -> None:
        self.audio = audio
        self.media_active = True
        if self.analysis is not None:
            try:
                self.analysis.connect(audio)
            except pj.Error as exc:       # the call goes on without analysis
                log.error("call-progress tap failed: %s", exc.reason)
                self.analysis = None
        if self.play_file and self.player is None:
            player = pj.AudioMediaPlayer()
            try:
                player.createPlayer(self.play_file, 0)
            except pj.Error as exc:
                log.error("player for %s failed: %s", self.play_file, exc.reason)
                name, self.play_file = Path(self.play_file).name, ""   # fall back to the microphone
                self._error(f"Berkas suara {name} tidak dapat diputar; memakai mikrofon.")
            else:
                self.player = player
        audio.startTransmit(self._ep.audDevManager().getPlaybackDevMedia())
        source = self._source()
        if not self.muted:
            source.startTransmit(audio)
        if self.recorder is not None:
            # A resumed call has a new stream: without this the recording loses the customer
            # after the first hold (the agent's side, a port of its own, stays connected).
            audio.startTransmit(self.recorder)
        self._maybe_record(audio, source)
        conference.link(self)

    def _maybe_record(self, audio: Any, source: Any) -> None:
        # Media may be up before the ACK; only a connected call is recorded, unless the early
        # media is what is wanted (an admin recording an operator's announcement).
        if self.record_path is not None and not self.recording_started and (
                self.connected_mono is not None or self.record_early_media):
            self.recording_started = True
            self._start_recording(audio, source)

    def _start_recording(self, audio: Any, source: Any) -> None:
        path = Path(self.record_path)  # type: ignore[arg-type]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if shutil.disk_usage(path.parent).free < MIN_FREE_BYTES:
                raise OSError("disk penuh")
            with open(path, "wb"):
                pass                      # fail early on an unwritable folder, with a clear error
            recorder = pj.AudioMediaRecorder()
            recorder.createRecorder(str(path))
        except (OSError, pj.Error) as exc:
            detail = exc.info() if isinstance(exc, pj.Error) else str(exc)
            self.recording_error = f"Rekaman tidak dapat disimpan di {path.parent}: {detail}"
            log.error("recording failed: %s", detail)
            self._error(self.recording_error)
            return
        self.recorder = recorder
        audio.startTransmit(recorder)     # the customer
        source.startTransmit(recorder)    # the agent (kept while muted: QC hears both sides)

    def _heard(self, verdict: ProgressVerdict) -> None:
        """A confident call-progress verdict reached the SIP thread."""
        if self.ended:
            return
        log.info("call progress: %s %.2f after %.1f s of media", verdict.cli_class, verdict.confidence,
                 verdict.seconds_from_first_media)
        if self._progress is not None:
            self._progress(verdict)
        # Only a class that settles the call ends it, and only when the site asked for it:
        # speech (a person, or audio we do not know) is never cut off.
        if self.progress_hang_up and verdict.conclusive and verdict.kind != "speech":
            log.info("hanging up on %s (cpa.hang_up)", verdict.cli_class)
            self.hangup()

    def _stop_media(self) -> None:
        if self.analysis is not None:
            self.analysis.stop()
        # Deleting the recorder closes the WAV; the header is written once events are pumped.
        self.recorder = None
        self.player = None
        self.audio = None
        self.media_active = False

    def _finalise(self, deadline: float | None = None) -> None:
        deadline = deadline or time.monotonic() + FINALISE_TIMEOUT
        if self.recording_started and self.recording_error is None and self.record_path is not None:
            if not _wav_complete(Path(self.record_path)):
                if time.monotonic() < deadline:
                    self._after(0.01, lambda: self._finalise(deadline))
                    return
                self.recording_error = "Rekaman tidak lengkap (berkas WAV tidak ditutup dengan benar)"
                self._error(self.recording_error)
        self._finished(self, self._outcome())

    def _outcome(self) -> CallOutcome:
        # No common codec: the 200 came, but nobody could have spoken; not an answered call.
        answered = self.connected_mono is not None and not self.media_cause
        end = self.ended_mono or time.monotonic()
        provisional = self.provisional_mono is not None
        # A call that never rang (no 18x) did not ring for the customer: no ring time.
        ring = (self.connected_mono or end) - self.started_mono if answered or provisional else 0.0
        talk = end - self.connected_mono if answered else 0.0
        timed_out = self.ring_timed_out and not answered
        # A call refused at the TLS handshake ends as a 503 like a dead PBX; its reason says why.
        cause = self.media_cause or ("" if answered else (LOCAL_REFUSED if self.refused_locally
                                                          else failure_cause(self.final_reason)))
        if not cause and not answered and not provisional and self.registration_down:
            cause = REGISTRATION_DOWN
        verdict = classify(CallFacts(answered, self.final_code, timed_out, provisional, self.early_media, cause))
        msg_id, msg_en = failure_message(self.final_code, self.final_reason, timed_out, cause=cause,
                                         provisional=provisional)
        recorded = self.recording_started and self.recording_error is None
        heard = self.analysis.verdict if self.analysis is not None else None
        suggested, counts = verdict.suggested_reason, verdict.counts
        # What the line said in-band is more specific than the status that ended the call
        # (an announcement is often followed by a generic 480/487, or by our own CANCEL).  A
        # conclusive class decides even when it implies no reason: congestion is the network's
        # fault, and our CANCEL after it must not count as the customer's no-answer; busy tone
        # and an operator announcement reached the customer's network, so they count.
        if heard is not None and (heard.suggested_reason or heard.conclusive):
            suggested = heard.suggested_reason
            counts = counts_heard(heard.kind, verdict.counts)
        return CallOutcome(
            call_id=self.snapshot.call_id, attempt_id=self.attempt_id, answered=answered,
            status_code=self.final_code, reason=self.final_reason, ring_seconds=round(ring, 3),
            talk_seconds=round(talk, 3), started_at=self.started_at, ended_at=_now(),
            recording_path=str(self.record_path) if recorded else None,
            recording_error=self.recording_error,
            suggested_reason_code=suggested,
            message_id=msg_id, message_en=msg_en, ring_timed_out=timed_out,
            counts=counts, outcome_kind=verdict.kind.value, count_note_id=verdict.note_id,
            count_note_en=verdict.note_en, provisional=provisional, cause=cause, transferred=self.transferred,
            progress=heard)

    def update_snapshot(self, **changes: Any) -> None:
        """A change that is not a new state (conference on/off)."""
        self._update(self.snapshot.state, **changes)

    def _update(self, state: str, **changes: Any) -> None:
        new = self.snapshot.with_state(state, **changes)  # type: ignore[arg-type]
        if new != self.snapshot:
            self.snapshot = new
            self._publish(new)


def _wav_complete(path: Path) -> bool:
    """True once the WAV header's sizes match the file (pjmedia writes them on close)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(44)
        size = path.stat().st_size
    except OSError:
        return False
    if len(head) < 44 or head[:4] != b"RIFF":
        return False
    riff_size = struct.unpack_from("<I", head, 4)[0]
    return riff_size == size - 8
