"""Asking the SIP server "are you there?" with an OPTIONS request.

The settings' SIP test uses it when there is no registrar to register with
(direct dialling, the demo's simulator): a registration test cannot prove
anything then, but an answered OPTIONS proves the address, port and transport.
Runs on the SIP thread (Softphone.ping posts it there); the probe account never
registers and is shut down after the answer.
"""

from __future__ import annotations

from typing import Any, Callable

import pjsua2 as pj

from app.domain.text import Text
from app.telephony.account import sip_uri, account_config
from app.telephony.events import SipConfig, SipConfigError


def ping_target(cfg: SipConfig) -> str:
    host = cfg.domain or cfg.registrar_host()
    if not host:
        raise SipConfigError(Text("Domain SIP belum diisi; tidak ada yang dapat diuji.",
                                  "The SIP domain is not filled in; there is nothing to test."))
    return sip_uri(host, cfg.transport)


class _ProbeAccount(pj.Account):
    def __init__(self, answer: Callable[[int, str], None]) -> None:
        super().__init__()
        self._answer = answer

    def onSendRequest(self, prm):  # noqa: N802 - pjsua2 name
        tsx = prm.e.body.tsxState.tsx
        if tsx.statusCode >= 200:       # provisional answers are not the answer
            self._answer(tsx.statusCode, tsx.statusText)


def send_options(endpoint: Any, transport_id: int, cfg: SipConfig, password: str | None,
                 answer: Callable[[int, str], None]) -> _ProbeAccount:
    """SIP thread only.  Returns the probe account: keep it alive until answered, then shutdown()."""
    local = endpoint.transportGetInfo(transport_id).localName.rsplit(":", 1)[0]
    acc_cfg = account_config(cfg, password, transport_id, local)
    acc_cfg.regConfig.registrarUri = ""          # a probe, never a second registration
    probe = _ProbeAccount(answer)
    probe.create(acc_cfg, False)
    prm = pj.SendRequestParam()
    prm.method = "OPTIONS"
    prm.txOption.targetUri = ping_target(cfg)
    probe.sendRequest(prm)
    return probe
