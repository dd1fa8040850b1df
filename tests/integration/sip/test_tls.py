"""SIP over TLS against kamailio with a throw-away site CA: registration, a routed call, trust.

kamailio (fixture `kamailio_tls`) presents a server certificate signed by the test's
site CA (tests/integration/sip/pki.py) and writes one log line per REGISTER/INVITE
naming the transport it arrived over, which is how these tests know the phone really
used TLS and not a UDP/TCP fallback.
"""

from __future__ import annotations

import time

import pytest

from app.cli import main as sambung
from app.platform.config import save_user_value
from app.platform.secrets import set_secret
from app.telephony.endpoint_setup import EngineError
from app.telephony.events import SipConfig
from app.telephony.softphone import Softphone
from tests.integration.sip.peers import wait_until

pytestmark = pytest.mark.sip


def _config(k, ca_file, **kw) -> SipConfig:
    # The domain carries the TLS port so that a bare number is dialled to the PBX over TLS.
    cfg = SipConfig(registrar=k.tls_registrar, domain=f"127.0.0.1:{k.tls_port}", username=k.user,
                    transport="tls", tls_ca_file=str(ca_file), bind_address="127.0.0.1", null_audio=True)
    for key, value in kw.items():
        setattr(cfg, key, value)
    return cfg


@pytest.fixture
def softphone(listener):
    started: list[Softphone] = []

    def make() -> Softphone:
        p = Softphone(listener)
        started.append(p)
        return p
    yield make
    for p in started:
        p.stop()


def test_registration_over_tls_with_the_site_ca_gets_200_and_the_pbx_sees_tls(kamailio_tls, site_pki,
                                                                               listener, softphone):
    k = kamailio_tls()
    p = softphone()
    p.start(_config(k, site_pki.ca_file), k.password)
    state = listener.wait_registration("registered")
    assert state.code == 200 and state.expires
    lines = wait_until(lambda: k.lines("REGISTER"), what="kamailio's REGISTER log line")
    assert lines and all(line.endswith("REGISTER agent1 over tls") for line in lines), lines
    assert listener.errors == []


def test_call_over_tls_is_routed_by_the_pbx_to_the_customer_and_hung_up(kamailio_tls, site_pki, sipp_uas,
                                                                       listener, softphone):
    # Behind a proxy the customer must echo its Record-Route, or the ACK would skip the PBX.
    customer = sipp_uas("uas_answer_proxied.xml", calls=1)
    k = kamailio_tls(trunk=customer.uri_host)
    p = softphone()
    p.start(_config(k, site_pki.ca_file), k.password)
    listener.wait_registration("registered")
    p.dial("0812345678", attempt_id="att-tls")
    listener.wait_state("connected")
    invites = k.lines("INVITE")
    assert invites and invites[-1].endswith("INVITE 0812345678 from agent1 over tls"), invites
    p.hangup()
    outcome = listener.wait_outcome()
    assert outcome.answered and outcome.status_code == 200 and outcome.attempt_id == "att-tls"
    # sipp exits 0 only when its whole scenario ran: the ACK and the BYE got through the PBX too.
    assert customer.wait(10) == 0, customer.output()[-2000:]


def test_untrusted_server_certificate_fails_registration_clearly_and_the_phone_stays_usable(
        kamailio_tls, site_pki, listener, softphone):
    k = kamailio_tls()
    p = softphone()
    started = time.monotonic()
    p.start(_config(k, site_pki.other_ca_file), k.password)
    state = listener.wait_registration("failed", timeout=5)
    assert time.monotonic() - started < 3, "a refused certificate is reported at once, not after a timeout"
    assert state.code == 503 and state.cause == "tls_untrusted"
    error = listener.wait_for(lambda: listener.errors, what="error")[0]
    assert error.startswith("Registrasi SIP gagal: sertifikat TLS server SIP tidak dipercaya"), error
    assert "sip.tls_ca_file" in error and k.password not in error
    assert k.lines() == [], "nothing got past the handshake"
    # Still usable: a dial gets its outcome (the same refusal), no hang, no crash.
    assert p.started() and p.registration().status == "failed"
    p.dial("0812345678")
    outcome = listener.wait_outcome(timeout=5)
    assert not outcome.answered and outcome.status_code == 503
    assert outcome.message_id.startswith("sertifikat TLS server SIP tidak dipercaya"), outcome.message_id
    assert outcome.suggested_reason_code == "", "the PBX's fault, not the customer's: no reason suggested"
    assert p.active_call() is None
    # ...and once the right CA file is set, the same phone registers.
    p.stop()
    mark = len(listener.registrations)
    p.start(_config(k, site_pki.ca_file), k.password)
    assert listener.wait_registration("registered", after=mark).code == 200


def test_verification_off_accepts_a_certificate_no_configured_ca_signed(kamailio_tls, site_pki,
                                                                        listener, softphone):
    k = kamailio_tls()
    p = softphone()
    p.start(_config(k, site_pki.other_ca_file, tls_verify_server=False), k.password)
    assert listener.wait_registration("registered").code == 200
    assert k.lines("REGISTER")[-1].endswith("over tls")


@pytest.mark.parametrize("system_ca,registers", [("ca_file", True), ("other_ca_file", False)])
def test_empty_ca_file_means_the_system_ca_bundle(kamailio_tls, site_pki, listener, softphone, monkeypatch,
                                                  system_ca, registers):
    # SSL_CERT_FILE is how OpenSSL (and Python's ssl) let the system bundle be replaced.
    monkeypatch.setenv("SSL_CERT_FILE", str(getattr(site_pki, system_ca)))
    k = kamailio_tls()
    p = softphone()
    p.start(_config(k, ""), k.password)
    if registers:
        assert listener.wait_registration("registered").code == 200
    else:
        assert listener.wait_registration("failed").cause == "tls_untrusted"


def test_missing_ca_file_stops_the_start_with_a_message_naming_the_setting(kamailio_tls, site_pki,
                                                                           listener, softphone, tmp_path):
    k = kamailio_tls()
    p = softphone()
    with pytest.raises(EngineError, match=r"Berkas CA untuk SIP TLS tidak ditemukan: .*sip\.tls_ca_file"):
        p.start(_config(k, tmp_path / "no-such-ca.pem"), k.password)
    assert not p.started()


@pytest.mark.parametrize("ca,exit_code,says", [
    ("ca_file", 0, "registrar menjawab: 200"),
    ("other_ca_file", 1, "sertifikat TLS server SIP tidak dipercaya"),
])
def test_sip_check_over_tls_uses_the_ca_setting_and_names_an_untrusted_certificate(kamailio_tls, site_pki, capsys,
                                                                                    ca, exit_code, says):
    # The settings dialog's "Test SIP" runs this command with the settings being edited.
    k = kamailio_tls()
    set_secret("sip_password", k.password)
    save_user_value("sip.tls_ca_file", str(getattr(site_pki, ca)))
    code = sambung(["sip-check", "--registrar", k.tls_registrar, "--transport", "tls", "--user", k.user,
                    "--domain", "127.0.0.1", "--bind", "127.0.0.1", "--null-audio", "--timeout", "5"])
    out = capsys.readouterr()
    assert code == exit_code, out
    assert says in out.out + out.err
    assert k.password not in out.out + out.err
