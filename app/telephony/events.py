"""The plain-Python face of the telephony layer: configuration, snapshots, outcomes, listener.

Everything the rest of Sambung needs to know about SIP is expressed with these
dataclasses; none of them holds a pjsua2 object, so they may be copied to any thread,
stored, or logged.  This module must not import pjsua2 or Qt.

THREADING: every `PhoneListener` method is called FROM THE SIP THREAD (the one thread
that owns the pjsua2 Endpoint).  A listener must return quickly and must not touch Qt
widgets: app.core.phone.PhoneEvents posts them to the event loop (the GUI thread).

Call-progress analysis (app.telephony.progress) reports what it heard in the call's
media as a `ProgressVerdict`: live through `PhoneListener.on_call_progress` while the
call is up, and the last one on the `CallOutcome` (`progress`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from app.domain.call_progress import ProgressKind, cli_class, is_conclusive
from app.domain.text import Text, TextError

RegistrationStatus = Literal["unregistered", "registering", "registered", "failed"]
CallStateName = Literal["dialing", "ringing", "early_media", "connected", "on_hold", "ended"]
# Which of the agent's calls a snapshot is about: the customer's (the attempt) or the
# consultation with a team leader/supervisor (never an attempt, see app.telephony.consultation).
CallLeg = Literal["customer", "consult"]
TransferKind = Literal["blind", "attended"]
TransferStage = Literal["requested", "accepted", "trying", "ringing", "succeeded", "failed"]

DEFAULT_CODECS = ("PCMA/8000", "PCMU/8000", "G722/16000")


class SipConfigError(TextError, ValueError):
    """The SIP settings cannot make what was asked (a URI without a domain)."""


@dataclass(frozen=True)
class RegistrationState:
    status: RegistrationStatus
    code: int | None = None
    reason: str = ""
    expires: int | None = None
    cause: str = ""         # a failure's cause beyond the code (app.domain.sip_outcome.TLS_*)


@dataclass(frozen=True)
class CallSnapshot:
    call_id: str
    state: CallStateName
    remote_uri: str
    muted: bool = False
    on_hold: bool = False
    started_at: datetime | None = None      # UTC, when dial() was executed
    connected_at: datetime | None = None    # UTC, when the 200 OK/ACK confirmed the call
    leg: CallLeg = "customer"
    conference: bool = False                # bridged with the other leg: customer, TL and agent all hear each other
    end_message: str = ""                   # on "ended" before an answer: why, in Indonesian ("Nomor sedang sibuk (486)")

    def with_state(self, state: CallStateName, **changes: Any) -> "CallSnapshot":
        return replace(self, state=state, **changes)


@dataclass(frozen=True)
class ProgressVerdict:
    """A confident call-progress class (app.domain.call_progress says what each one means).

    `seconds_from_first_media` is audio time: from the first media frame of the call to
    the end of the audio that made the class confident.
    """

    kind: ProgressKind
    confidence: float                       # 0..1; verdicts are only reported when confident
    seconds_from_first_media: float
    label: str = ""                         # the announcement's library label; "" for other kinds
    suggested_reason: str = ""              # the reason code it implies; "" when it implies none
    call_id: str = ""

    @property
    def cli_class(self) -> str:
        """`ringback`, `busy`, … or `announcement:LABEL` (the `sambung call` line)."""
        return cli_class(self.kind, self.label)

    @property
    def conclusive(self) -> bool:
        """Listening longer cannot change the result (busy, congestion, announcement)."""
        return is_conclusive(self.kind)


@dataclass(frozen=True)
class CallOutcome:
    call_id: str
    attempt_id: str | None
    answered: bool
    status_code: int | None
    reason: str
    ring_seconds: float
    talk_seconds: float
    started_at: datetime
    ended_at: datetime
    recording_path: str | None
    recording_error: str | None
    suggested_reason_code: str              # a confident progress verdict's reason first, else the SIP one
    message_id: str
    message_en: str
    ring_timed_out: bool = False
    # Whether the attempt counts against the customer (app.domain.attempt_counting): only a
    # call that reached the customer's network does.  count_note_id is the card's line for
    # one that does not ("tidak dihitung: gangguan jaringan/PBX"); outcome_kind names the row.
    counts: bool = True
    outcome_kind: str = ""
    count_note_id: str = ""
    count_note_en: str = ""
    provisional: bool = False     # a 18x came back: the customer's network took the call
    cause: str = ""                 # app.domain.attempt_counting: TLS_*, a media cause, a local refusal
    transferred: bool = False       # ended because a transfer (blind or after a consultation) succeeded
    progress: ProgressVerdict | None = None     # the last confident call-progress verdict, if any

    @property
    def network_fault(self) -> bool:
        """The network's or the PBX's failure, not the customer's: it does not count against them."""
        return not self.answered and not self.counts


@dataclass(frozen=True)
class TransferProgress:
    """One step of handing the customer call over (REFER and the NOTIFYs that follow).

    `code` is the REFER's error response or the status line of a NOTIFY's sipfrag (100,
    180, 200, 486…); None when there is none (REFER accepted, our own timeout).  Once
    `final`, the transfer is over: "succeeded" ends the customer call (outcome.transferred),
    "failed" leaves it exactly as it was, so the agent can go on talking.
    """

    call_id: str                    # the customer call being handed over
    kind: TransferKind              # blind (REFER to a number) or attended (REFER with Replaces)
    stage: TransferStage
    target: str                     # the SIP URI the customer is handed to
    code: int | None
    reason: str
    message_id: str                 # Bahasa Indonesia, for the desk ("Transfer berhasil", "Transfer gagal: …")
    message_en: str

    @property
    def final(self) -> bool:
        return self.stage in ("succeeded", "failed")

    @property
    def succeeded(self) -> bool:
        return self.stage == "succeeded"


class PhoneListener(Protocol):
    """Receives telephony facts.  Called from the SIP thread (see module docstring)."""

    def on_registration(self, state: RegistrationState) -> None: ...
    def on_call_state(self, snapshot: CallSnapshot) -> None: ...     # both legs: see snapshot.leg
    def on_call_ended(self, outcome: CallOutcome) -> None: ...       # the customer call only
    def on_transfer_progress(self, progress: TransferProgress) -> None: ...
    def on_error(self, message_id: str) -> None: ...
    # While the call is up, each time call-progress analysis becomes confident of a new class.
    def on_call_progress(self, verdict: ProgressVerdict) -> None: ...


class NullListener:
    """A listener that ignores everything (scripts that only poll snapshots)."""

    def on_registration(self, state: RegistrationState) -> None: pass
    def on_call_state(self, snapshot: CallSnapshot) -> None: pass
    def on_call_ended(self, outcome: CallOutcome) -> None: pass
    def on_transfer_progress(self, progress: TransferProgress) -> None: pass
    def on_error(self, message_id: str) -> None: pass
    def on_call_progress(self, verdict: ProgressVerdict) -> None: pass


def _flag(value: Any) -> bool:
    """A yes/no setting; a hand-edited site file may say "false" or "0" as text."""
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off", "tidak")
    return bool(value)


@dataclass
class SipConfig:
    """How to reach the PBX.  registrar "" means direct dialing without registration."""

    registrar: str = ""
    domain: str = ""
    username: str = ""
    transport: Literal["udp", "tcp", "tls"] = "udp"
    tls_ca_file: str = ""                   # PEM of the site CA for TLS; "" = the system's CAs
    tls_verify_server: bool = True          # TLS: refuse a server whose certificate is not trusted
    outbound_proxy: str = ""
    stun_server: str = ""
    local_port: int = 0
    bind_address: str = ""                  # "" = all interfaces; tests use 127.0.0.1
    codecs: list[str] = field(default_factory=lambda: list(DEFAULT_CODECS))
    audio_capture: str = ""                 # device name; "" = system default
    audio_playback: str = ""
    null_audio: bool = False                # no sound card (CI, servers): the null device
    reg_retry_seconds: int = 30             # re-REGISTER interval after a failure
    reg_first_retry_seconds: int = 0        # first retry after a failure (0: = reg_retry_seconds)
    reg_expires_seconds: int = 300
    ring_timeout_seconds: float = 45.0      # an unanswered call is cancelled after this
    user_agent: str = "Sambung"
    play_file: str = ""                     # WAV played into each call instead of the mic (demo/tests)
    transfer_timeout_seconds: float = 30.0  # a transfer with no final answer by then has failed
    progress_analysis: bool = True          # listen to early/answered media (app.telephony.progress)
    progress_library: str = ""              # folder of the announcement library; "" = the default one
    progress_hang_up: bool = False          # end the call on a conclusive verdict (never on speech)
    record_early_media: bool = False        # a recording starts with the first media, not the answer

    @classmethod
    def from_settings(cls, settings: Any) -> "SipConfig":
        sip = settings.get("sip", {}) or {}
        cpa = settings.get("cpa", {}) or {}
        capture = str(sip.get("audio_capture", "") or "")
        playback = str(sip.get("audio_playback", "") or "")
        from app import __version__
        return cls(
            registrar=str(sip.get("registrar", "") or ""),
            domain=str(sip.get("domain", "") or ""),
            username=str(sip.get("username", "") or ""),
            transport=str(sip.get("transport", "udp") or "udp").lower(),  # type: ignore[arg-type]
            tls_ca_file=str(sip.get("tls_ca_file", "") or ""),
            tls_verify_server=_flag(sip.get("tls_verify_server", True)),
            outbound_proxy=str(sip.get("outbound_proxy", "") or ""),
            stun_server=str(sip.get("stun_server", "") or ""),
            local_port=int(sip.get("local_port", 0) or 0),
            bind_address=str(sip.get("bind_address", "") or ""),
            codecs=list(sip.get("codecs") or DEFAULT_CODECS),
            audio_capture="" if capture == "null" else capture,
            audio_playback="" if playback == "null" else playback,
            null_audio=bool(sip.get("null_audio", False)) or "null" in (capture, playback),
            reg_retry_seconds=int(sip.get("reg_retry_seconds", 30) or 30),
            ring_timeout_seconds=float(sip.get("ring_timeout_seconds", 45) or 45),
            transfer_timeout_seconds=float(sip.get("transfer_timeout_seconds", 30) or 30),
            user_agent=f"Sambung/{__version__}",
            progress_analysis=_flag(cpa.get("enabled", True)),
            progress_library=str(cpa.get("library_dir", "") or ""),
            progress_hang_up=_flag(cpa.get("hang_up", False)),
        )

    def registrar_host(self) -> str:
        if not self.registrar:
            return ""
        uri = self.registrar if "//" in self.registrar else self.registrar.replace("sip:", "sip://", 1)
        uri = uri.replace("sips:", "sips://", 1) if uri.startswith("sips:") and "//" not in uri else uri
        return urlsplit(uri).netloc.split(";")[0]

    def target_uri(self, target: str) -> str:
        """A SIP URI for `target`: a URI is kept, a bare dial string gets our domain."""
        target = target.strip()
        if target.startswith(("sip:", "sips:", "tel:")):
            return target
        host = self.domain or self.registrar_host()
        if not host:
            raise SipConfigError(Text("Tidak ada domain SIP untuk nomor ini; isi sip.domain atau pakai URI sip:",
                                      "No SIP domain for this number; fill in sip.domain or use a sip: URI"))
        suffix = f";transport={self.transport}" if self.transport != "udp" else ""
        return f"sip:{target}@{host}{suffix}"
