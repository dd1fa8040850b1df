"""Registration against kamailio with digest auth: success, wrong password, automatic re-registration."""

from __future__ import annotations

import pytest

from app.telephony.events import SipConfig
from app.telephony.softphone import Softphone

pytestmark = pytest.mark.sip


def _config(k, transport="udp", **kw) -> SipConfig:
    cfg = SipConfig(registrar=k.registrar, domain="127.0.0.1", username=k.user, transport=transport,
                    bind_address="127.0.0.1", null_audio=True)
    for key, value in kw.items():
        setattr(cfg, key, value)
    return cfg


@pytest.fixture
def softphones():
    started = []
    yield started
    for p in started:
        p.stop()


def test_right_password_registers_with_200(kamailio, listener, softphones):
    p = Softphone(listener)
    softphones.append(p)
    p.start(_config(kamailio), kamailio.password)
    state = listener.wait_registration("registered")
    assert state.code == 200 and state.expires and state.expires > 0
    assert listener.registrations[0].status == "registering"
    assert p.registration().status == "registered"
    p.stop()
    assert p.registration().status == "unregistered"
    assert listener.registrations[-1].status == "unregistered", "stop() un-REGISTERs before libDestroy"


def test_wrong_password_fails_with_a_clear_message(kamailio, listener, softphones):
    p = Softphone(listener)
    softphones.append(p)
    p.start(_config(kamailio), "wrong-password")
    state = listener.wait_registration("failed")
    assert state.code in (401, 403)
    error = listener.wait_for(lambda: listener.errors, what="error")[0]
    assert error.startswith("Registrasi SIP gagal") and "kata sandi" in error
    assert "wrong-password" not in error


def test_account_re_registers_by_itself_after_the_registrar_comes_back(kamailio, listener, softphones):
    # Over TCP the outage is seen at once (connection refused); over UDP pjsip needs its
    # 32 s transaction timeout to notice, then the same retry logic applies.
    transport = "tcp"
    p = Softphone(listener)
    softphones.append(p)
    # Short expiry and retry so the whole outage fits in a few seconds.
    p.start(_config(kamailio, transport=transport, reg_expires_seconds=2, reg_retry_seconds=1,
                    reg_first_retry_seconds=1), kamailio.password)
    listener.wait_registration("registered")
    kamailio.stop()
    mark = len(listener.registrations)
    listener.wait_registration("failed", timeout=10, after=mark)
    kamailio.start()
    mark = len(listener.registrations)
    state = listener.wait_registration("registered", timeout=10, after=mark)
    assert state.code == 200


def test_calls_go_through_the_outbound_proxy(kamailio, sipp_uas, listener, softphones):
    # The test registrar answers every INVITE itself with 404 "Not Here"; sipp would answer
    # 200.  So a 404 proves the INVITE took the proxy route and not the direct one.
    sipp = sipp_uas("uas_answer.xml")
    p = Softphone(listener)
    softphones.append(p)
    p.start(_config(kamailio, outbound_proxy=f"127.0.0.1:{kamailio.port}"), kamailio.password)
    listener.wait_registration("registered")
    p.dial(sipp.uri())
    outcome = listener.wait_outcome()
    assert outcome.status_code == 404 and outcome.reason == "Not Here"
