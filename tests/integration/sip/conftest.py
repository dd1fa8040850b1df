"""Fixtures for the telephony tests: sipp/kamailio peers on 127.0.0.1, a recording listener, a phone.

The peers themselves live in tests/integration/sip/peers.py.  Nothing here sleeps
where a condition can be awaited (see `wait_until`).
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

# Re-exported: other areas (tests/ui/test_desk_calls.py) import start_sipp from here.
from tests.integration.sip.peers import (KAMAILIO_MODULES, KAMAILIO_TLS_MODULE, Kamailio,  # noqa: F401
                                         RecordingListener, Sipp, free_port, start_sipp, wait_until)


@pytest.fixture
def listener() -> RecordingListener:
    return RecordingListener()


@pytest.fixture
def direct_config():
    """A SipConfig for direct dialing on loopback with the null audio device."""
    from app.telephony.events import SipConfig

    def make(**overrides: Any) -> SipConfig:
        cfg = SipConfig(domain="127.0.0.1", username="agent", bind_address="127.0.0.1",
                        null_audio=True, ring_timeout_seconds=45)
        for key, value in overrides.items():
            setattr(cfg, key, value)
        return cfg
    return make


@pytest.fixture
def phone(listener, direct_config):
    """A started Softphone (direct dialing) that is always stopped, even when the test fails."""
    from app.telephony.softphone import Softphone

    phones: list = []

    def make(**overrides: Any):
        p = Softphone(listener)
        p.start(direct_config(**overrides))
        phones.append(p)
        return p
    yield make
    for p in phones:
        p.stop()

@pytest.fixture
def kamailio(tmp_path):
    if shutil.which("kamailio") is None or not KAMAILIO_MODULES.is_dir():
        pytest.skip("kamailio is not installed")
    k = Kamailio(tmp_path, free_port(), "agent1", "s3cret-Pass")
    k.start()
    yield k
    k.stop()


@pytest.fixture(scope="session")
def site_pki(tmp_path_factory):
    """A throw-away site CA, a server certificate it signed for 127.0.0.1, and an unrelated CA."""
    from tests.integration.sip.pki import make_site_pki
    return make_site_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def kamailio_tls(tmp_path, site_pki):
    """Factory: kamailio_tls(trunk="127.0.0.1:PORT") -> a started kamailio that also speaks TLS.

    The same registrar as `kamailio` (user agent1), plus tls:127.0.0.1:<tls_port> with the
    site CA's server certificate; with a trunk it relays INVITEs that came over TLS there.
    """
    if shutil.which("kamailio") is None or not KAMAILIO_TLS_MODULE.is_file():
        pytest.skip("kamailio's TLS module is not installed (Debian package kamailio-tls-modules)")
    started: list[Kamailio] = []

    def make(trunk: str = "") -> Kamailio:
        k = Kamailio(tmp_path, free_port(), "agent1", "s3cret-Pass", tls=site_pki, trunk=trunk)
        started.append(k)
        k.start()
        return k
    yield make
    for k in started:
        k.stop()
