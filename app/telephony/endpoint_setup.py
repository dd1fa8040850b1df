"""Creating the pjsua2 Endpoint from a SipConfig: transports, logging, audio device, codecs.

Called only by app.telephony.engine on the SIP thread.  It configures; it does not
own the Endpoint's life (the engine creates and destroys it) and knows nothing of
accounts or calls.  Problems the user should hear about but that do not stop the phone
(dead STUN server, unknown audio device) are appended to `warnings` in Indonesian.
For SIP over TLS it sets who the phone trusts (`SipConfig.tls_ca_file`, else the
system's CA bundle) and whether it checks the server's certificate at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import ssl
import struct
import sys
from typing import Any

import pjsua2 as pj

from app.domain.text import Text, TextError
from app.platform import paths
from app.telephony.events import SipConfig

log = logging.getLogger("app.telephony.engine")

# A TLS handshake with a server that never answers it (a plain TCP port, a stalled
# firewall) would otherwise wait for the 32 s SIP transaction timeout.
TLS_HANDSHAKE_TIMEOUT_MS = 8000

_TRANSPORTS = {"udp": pj.PJSIP_TRANSPORT_UDP, "tcp": pj.PJSIP_TRANSPORT_TCP, "tls": pj.PJSIP_TRANSPORT_TLS}


class EngineError(TextError, RuntimeError):
    """The SIP stack could not be started; the message is for the user."""


def configure_endpoint(ep: Any, cfg: SipConfig, warnings: list[str]) -> tuple[int, tuple[str, int]]:
    """libCreate/libInit/transports/libStart; returns (SIP transport id, wake address)."""
    with _quiet_stdout():
        ep.libCreate()     # prints pjlib banners on stdout before any log config applies
    ep_cfg = pj.EpConfig()
    ep_cfg.uaConfig.threadCnt = 0
    ep_cfg.uaConfig.mainThreadOnly = True
    ep_cfg.uaConfig.maxCalls = 4
    ep_cfg.uaConfig.userAgent = cfg.user_agent
    if cfg.stun_server and stun_answers(cfg.stun_server):
        ep_cfg.uaConfig.stunServer.append(cfg.stun_server)
        ep_cfg.uaConfig.stunIgnoreFailure = True
    elif cfg.stun_server:
        # pjsua would wait ~16 s for a dead STUN server while creating the transport.
        warnings.append(f"Server STUN {cfg.stun_server} tidak menjawab; SIP berjalan tanpa STUN.")
    # pjsua logs to its own file: a Python LogWriter is deleted by libDestroy from C++,
    # which crashes the next Endpoint.  From level 3 pjsua writes call dumps with the
    # dialled number, so deeper logging is an explicit opt-in for support sessions
    # (SAMBUNG_PJSUA_LOG_LEVEL=3..5), never a side effect of -v.
    ep_cfg.logConfig.level = _pjsua_log_level()
    ep_cfg.logConfig.consoleLevel = 0
    ep_cfg.logConfig.msgLogging = 0
    ep_cfg.logConfig.filename = str(paths.log_dir() / "pjsua.log")
    ep_cfg.logConfig.fileFlags = pj.PJ_O_APPEND
    ep_cfg.medConfig.noVad = True        # VAD would write gaps into the recording
    ep.libInit(ep_cfg)
    tp_cfg = pj.TransportConfig()
    tp_cfg.port = int(cfg.local_port)
    if cfg.bind_address:
        tp_cfg.boundAddress = cfg.bind_address
    try:
        kind = _TRANSPORTS[cfg.transport]
    except KeyError:
        raise EngineError(Text(f"Transport SIP tidak dikenal: {cfg.transport!r} (udp, tcp, tls)",
                               f"Unknown SIP transport: {cfg.transport!r} (udp, tcp, tls)")) from None
    if kind == pj.PJSIP_TRANSPORT_TLS:
        _configure_tls(tp_cfg.tlsConfig, cfg, warnings)
    transport_id = ep.transportCreate(kind, tp_cfg)
    wake_cfg = pj.TransportConfig()
    wake_cfg.port = 0
    wake_cfg.boundAddress = "127.0.0.1"
    wake_id = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, wake_cfg)
    host, port = ep.transportGetInfo(wake_id).localName.rsplit(":", 1)
    ep.libStart()
    _choose_audio(ep, cfg, warnings)
    _set_codecs(ep, cfg.codecs)
    return transport_id, (host, int(port))


def _configure_tls(tls: Any, cfg: SipConfig, warnings: list[str]) -> None:
    # TLS 1.0/1.1 are off: a proto mask (not a single method) so that TLS 1.3 is taken
    # once the OpenSSL under pjsua has it (the wheel's 1.0.2 stops at 1.2).
    tls.method = pj.PJSIP_TLSV1_2_METHOD
    tls.proto = pj.PJ_SSL_SOCK_PROTO_TLS1_2 | pj.PJ_SSL_SOCK_PROTO_TLS1_3
    tls.verifyServer = bool(cfg.tls_verify_server)
    tls.msecTimeout = TLS_HANDSHAKE_TIMEOUT_MS
    ca_file = os.path.expanduser(cfg.tls_ca_file) if cfg.tls_ca_file else ""
    if ca_file and not os.path.isfile(ca_file):
        if cfg.tls_verify_server:
            # Every handshake would fail; say why now instead of "registration failed" later.
            raise EngineError(Text(f"Berkas CA untuk SIP TLS tidak ditemukan: {ca_file} (sip.tls_ca_file)",
                                   f"The CA file for SIP TLS was not found: {ca_file} (sip.tls_ca_file)"))
        warnings.append(f"Berkas CA untuk SIP TLS tidak ditemukan: {ca_file}; sertifikat server tidak diperiksa.")
        ca_file = ""
    tls.CaListFile = ca_file or system_ca_file()
    if not cfg.tls_verify_server:
        log.warning("SIP TLS: the server certificate is not verified (sip.tls_verify_server = false)")


def system_ca_file() -> str:
    """The system's CA bundle as one PEM file, or "" when there is none.

    The OpenSSL inside the pjsua2 wheel looks for CAs only where it was built
    (/etc/pki/tls), and pjsua never asks it for default paths: without a file named
    here no server certificate could be verified.  Python's ssl knows the OS bundle
    (and honours SSL_CERT_FILE); certifi's Mozilla bundle is the fallback (Windows).
    """
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile):
        if candidate and os.path.isfile(candidate):
            return candidate
    try:
        import certifi
    except ImportError:
        return ""
    return certifi.where()


def _pjsua_log_level() -> int:
    try:
        return max(0, min(6, int(os.environ.get("SAMBUNG_PJSUA_LOG_LEVEL", "2"))))
    except ValueError:
        return 2


def _choose_audio(ep: Any, cfg: SipConfig, warnings: list[str]) -> None:
    adm = ep.audDevManager()
    if cfg.null_audio:
        adm.setNullDev()
        return
    try:
        devices = list(adm.enumDev2())
    except pj.Error:
        devices = []
    if not devices:
        log.warning("no sound device found: using the null audio device")
        adm.setNullDev()
        return
    for wanted, direction, setter in ((cfg.audio_capture, "inputCount", adm.setCaptureDev),
                                      (cfg.audio_playback, "outputCount", adm.setPlaybackDev)):
        if not wanted:
            continue
        index = next((i for i, d in enumerate(devices) if d.name == wanted and getattr(d, direction) > 0), None)
        if index is None:
            warnings.append(f"Perangkat audio '{wanted}' tidak ditemukan; memakai perangkat bawaan.")
        else:
            setter(index)


def _set_codecs(ep: Any, codecs: list[str]) -> None:
    wanted = [c.upper() for c in codecs]
    for info in ep.codecEnum2():
        codec_id = info.codecId           # e.g. "PCMA/8000/1"
        rank = next((i for i, w in enumerate(wanted) if codec_id.upper().startswith(w)), None)
        priority = 0 if rank is None else 254 - rank
        ep.codecSetPriority(codec_id, priority)


def stun_answers(server: str, timeout: float = 0.5, tries: int = 2) -> bool:
    """True when `server` ("host[:port]") answers a STUN Binding request (RFC 5389)."""
    host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "")
    host, port_no = (host or server), int(port or 3478)
    txid = os.urandom(12)
    request = struct.pack("!HHI", 0x0001, 0, 0x2112A442) + txid
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(timeout)
            for _ in range(tries):
                sock.sendto(request, (host, port_no))
                try:
                    data, _ = sock.recvfrom(2048)
                except socket.timeout:
                    continue
                if len(data) >= 20 and data[8:20] == txid:
                    return True
    except OSError:
        return False
    return False


def _flush_c_stdio() -> None:
    try:
        import ctypes
        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError, TypeError):
        pass        # no C runtime reachable this way (Windows): its console is unbuffered


@contextlib.contextmanager
def _quiet_stdout():
    """Silence fd 1 for the few ms of libCreate (CLI output must stay readable)."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        # pjlib prints through C stdio, which buffers when stdout is a pipe (the settings'
        # SIP test reads one): flush that buffer into /dev/null before fd 1 comes back.
        _flush_c_stdio()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
