"""The agent's SIP account on the SIP thread: registration (or none), digest auth, retries.

Builds the pjsua2 AccountConfig from a `SipConfig` and turns `onRegState` into
`RegistrationState`s.  An empty registrar makes a local account for direct dialing
(peer to peer, demo).  Automatic re-registration after a failure or a dropped
connection is pjsua's own (retryIntervalSec/firstRetryIntervalSec).  It never logs the
password, and only the SIP thread may touch it.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

import pjsua2 as pj

from app.domain.sip_outcome import TLS_HANDSHAKE, TLS_UNTRUSTED
from app.telephony.events import RegistrationState, SipConfig
from app.telephony.failures import log_failure

log = logging.getLogger(__name__)


def sip_uri(value: str, transport: str) -> str:
    uri = value if value.startswith(("sip:", "sips:")) else f"sip:{value}"
    if transport != "udp" and "transport=" not in uri:
        uri += f";transport={transport}"
    return uri


def failure_cause(reason: str) -> str:
    """A TLS failure's cause from pjsip's reason text, or "" for any other failure.

    A failed TLS connection ends the REGISTER with 503 and prm.status 0; only the reason
    says what happened, and pjsip always names its error there, e.g.
    "SSL certificate verification error (PJSIP_TLS_ECERTVERIF)".
    """
    if "PJSIP_TLS_ECERTVERIF" in reason:
        return TLS_UNTRUSTED
    if "PJSIP_TLS_" in reason or "SSL" in reason:
        return TLS_HANDSHAKE
    return ""


class AgentAccount(pj.Account):
    """The one account; keeps its state so the GUI can ask for a snapshot at any time."""

    def __init__(self, report: Callable[[RegistrationState], None]) -> None:
        super().__init__()
        self._report = report
        self.registering = False

    def onRegState(self, prm):  # noqa: N802 - pjsua2 name
        try:
            code = int(prm.code)
            expires = int(prm.expiration)
            if code // 100 == 2 and expires > 0:
                state = RegistrationState("registered", code, prm.reason, expires)
            elif code // 100 == 2:
                state = RegistrationState("unregistered", code, prm.reason, 0)
            elif code // 100 == 1:
                state = RegistrationState("registering", code, prm.reason, None)
            else:
                state = RegistrationState("failed", code or None, prm.reason or "tidak ada jawaban", None,
                                          failure_cause(prm.reason))
            log.info("registration: %s %s %s", state.status, state.code, state.reason)
            self._report(state)
        except Exception:
            log_failure(log, "onRegState failed")


def account_config(cfg: SipConfig, password: str | None, transport_id: int, local_host: str) -> Any:
    acc = pj.AccountConfig()
    user = cfg.username or "agent"
    host = cfg.domain or cfg.registrar_host() or local_host
    acc.idUri = f"sip:{user}@{host}"
    acc.sipConfig.transportId = transport_id
    if cfg.registrar:
        acc.regConfig.registrarUri = sip_uri(cfg.registrar, cfg.transport)
        acc.regConfig.timeoutSec = cfg.reg_expires_seconds
        acc.regConfig.retryIntervalSec = max(1, cfg.reg_retry_seconds)
        acc.regConfig.firstRetryIntervalSec = max(0, cfg.reg_first_retry_seconds)
        acc.regConfig.randomRetryIntervalSec = 0 if cfg.reg_retry_seconds < 10 else 10
        acc.regConfig.delayBeforeRefreshSec = min(5, max(1, cfg.reg_expires_seconds // 3))
        acc.regConfig.dropCallsOnFail = False     # a failed refresh must not cut a live call
        acc.regConfig.unregWaitMsec = 500
    if cfg.outbound_proxy:
        proxy = sip_uri(cfg.outbound_proxy, cfg.transport)
        acc.sipConfig.proxies.append(proxy if ";lr" in proxy else proxy + ";lr")
    if password is not None and cfg.username:
        acc.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", cfg.username, 0, password))
    # One codec in the answer is what we want; no extra re-INVITE to lock it.
    acc.mediaConfig.lockCodecEnabled = False
    acc.natConfig.sdpNatRewriteUse = 0
    if cfg.stun_server:
        acc.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DEFAULT
        acc.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DEFAULT
    else:
        acc.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        acc.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
    if cfg.bind_address:
        acc.mediaConfig.transportConfig.boundAddress = cfg.bind_address
    return acc
