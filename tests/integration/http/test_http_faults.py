"""Injected faults map to the right typed errors; only GETs are retried by the transport."""

from __future__ import annotations

import time

import pytest
import requests

from app.services import errors
from app.services.ipayment import IPaymentClient
from app.services.mycx import MyCXClient
from app.services.tamara import TamaraClient

from tests.integration.http.http_test_support import caring


@pytest.mark.parametrize("mode, error, transient", [
    ("error500", errors.ServiceUnavailable, True),
    ("drop", errors.ServiceUnavailable, True),
    ("timeout", errors.ServiceTimeout, True),
    ("ratelimit", errors.RateLimited, True),
])
def test_injected_fault_maps_to_typed_transient_error(standin, make_api, exchanges, contract, mode, error,
                                                      transient):
    standin.set_faults(fail_rate=1.0, mode=mode, hold_ms=2_000, retry_after=7)
    client = TamaraClient(make_api(read_timeout=0.3, service="TAMARA"))
    with pytest.raises(error) as caught:
        client.submit_caring_result(caring(), "idem-fault-0001")
    assert caught.value.transient is transient
    assert caught.value.user_message and "TAMARA" in caught.value.user_message
    if mode == "ratelimit":
        assert caught.value.retry_after == 7.0 and caught.value.status_code == 429
    if mode in ("ratelimit", "error500"):         # answered faults follow the contract too
        assert exchanges.validate_all(contract) == 1


def test_wrong_token_is_a_permanent_authentication_failure(make_api):
    with pytest.raises(errors.AuthenticationFailed) as caught:
        MyCXClient(make_api(token="salah")).fetch_dapros("CT0")
    assert caught.value.status_code == 401 and not caught.value.transient
    assert "token" in caught.value.user_message.lower()


def test_connection_refused_is_service_unavailable():
    from app.services.http import ApiClient
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]      # closed again: nobody listens there
    api = ApiClient(f"http://127.0.0.1:{port}", service="i-payment", token=lambda: "t",
                    connect_timeout=0.5, read_timeout=0.5, get_retries=0)
    with pytest.raises(errors.ServiceUnavailable) as caught:
        IPaymentClient(api).get_bill("123456789012")
    assert caught.value.transient and "i-payment" in caught.value.user_message


def test_submissions_are_not_retried_by_the_transport(standin, make_api):
    standin.set_faults(fail_rate=1.0, mode="drop")
    client = MyCXClient(make_api(get_retries=3))
    with pytest.raises(errors.ServiceUnavailable):
        client.submit_caring_result(caring(), "idem-noretry-01")
    assert standin.state.stats["requests"] == 1


def test_idempotent_reads_are_retried_then_succeed_or_fail_typed(standin, make_api):
    standin.set_faults(fail_rate=1.0, mode="drop", paths=["/ipayment/"])
    client = IPaymentClient(make_api(get_retries=2))
    with pytest.raises(errors.ServiceUnavailable):
        client.get_bill("123456789012")
    assert standin.state.stats["requests"] == 3          # first try + 2 retries
    standin.clear_faults()
    assert client.get_bill("123456789012").account_number == "123456789012"


def test_timeout_fault_returns_within_the_clients_read_timeout(standin, make_api):
    standin.set_faults(fail_rate=1.0, mode="timeout", hold_ms=6_000)
    client = IPaymentClient(make_api(read_timeout=0.3, get_retries=0))
    started = time.monotonic()
    with pytest.raises(errors.ServiceTimeout):
        client.get_bill("123456789012")
    assert time.monotonic() - started < 3.0           # the client gave up long before the server answered


def test_answer_lost_after_processing_is_recovered_by_replaying_the_key(standin, make_api):
    # A drop *after* the server stored the result: the retry must not store it twice.
    from app.services.standin.faults import Fault
    standin.faults.decide = lambda path: Fault("drop", after_processing=True)
    client = MyCXClient(make_api())
    with pytest.raises(errors.ServiceUnavailable):
        client.submit_caring_result(caring(), "idem-lost-00001")
    standin.faults.decide = lambda path: None
    receipt = client.submit_caring_result(caring(), "idem-lost-00001")
    assert receipt.replayed and len(standin.received("mycx")) == 1


def test_control_api_sets_faults_lists_received_and_resets(standin, clients):
    r = requests.post(f"{standin.url}/_standin/faults", json={"latency_ms": 5, "fail_rate": 0.0, "mode": "mixed"},
                      timeout=5)
    assert r.status_code == 200 and r.json()["latency_ms"] == 5
    assert requests.post(f"{standin.url}/_standin/faults", json={"mode": "bogus"}, timeout=5).status_code == 400
    clients["mycx"].submit_caring_result(caring(), "idem-ctl-000001")
    listed = requests.get(f"{standin.url}/_standin/received", params={"destination": "mycx"}, timeout=5).json()
    assert listed["count"] == 1 and listed["items"][0]["idempotency_key"] == "idem-ctl-000001"
    assert requests.post(f"{standin.url}/_standin/reset", timeout=5).json() == {"ok": True}
    assert requests.get(f"{standin.url}/_standin/received", timeout=5).json()["counts"] == {}


def test_state_file_keeps_received_items_across_a_restart(tmp_path):
    from app.services.standin import StandinServer
    from app.services.http import ApiClient
    state = tmp_path / "standin.json"
    with StandinServer(port=0, token="tok-12345", state_file=str(state)) as first:
        api = ApiClient(first.url, service="TAMARA", token=lambda: "tok-12345", read_timeout=2)
        TamaraClient(api).submit_caring_result(caring(), "idem-state-0001")
    with StandinServer(port=0, token="tok-12345", state_file=str(state)) as second:
        api = ApiClient(second.url, service="TAMARA", token=lambda: "tok-12345", read_timeout=2)
        receipt = TamaraClient(api).submit_caring_result(caring(), "idem-state-0001")
        assert receipt.replayed and len(second.received("tamara")) == 1


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    import subprocess
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return str(cert), str(key)


def test_tls_certificate_is_verified_and_site_ca_bundle_is_honoured(self_signed, monkeypatch):
    from app.services.http import ApiClient
    from app.services.standin import StandinServer
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    cert, key = self_signed
    with StandinServer(port=0, token="tls-token-1", tls=(cert, key)) as server:
        assert server.url.startswith("https://")
        untrusted = ApiClient(server.url, service="i-payment", token=lambda: "tls-token-1", read_timeout=5)
        with pytest.raises(errors.ServiceUnavailable) as caught:
            IPaymentClient(untrusted).get_bill("123456789012")
        assert not caught.value.transient and "Sertifikat" in caught.value.user_message
        trusted = ApiClient(server.url, service="i-payment", token=lambda: "tls-token-1", read_timeout=5,
                            ca_bundle=cert)
        assert IPaymentClient(trusted).get_bill("123456789012").account_number == "123456789012"


@pytest.mark.parametrize("sent_body", [b"", b'{"result_id": '], ids=["headers-only", "half-body"])
def test_request_cut_off_mid_body_is_not_processed_so_its_key_stays_free(standin, clients, sent_body):
    # A delivery process killed between headers and body must not burn the idempotency key.
    import socket
    from urllib.parse import urlsplit
    from tests.integration.http.http_test_support import wait_until
    with socket.create_connection((urlsplit(standin.url).hostname, urlsplit(standin.url).port), timeout=5) as sock:
        sock.sendall(b"POST /tamara/v1/caring-results HTTP/1.1\r\nHost: x\r\n"
                     b"Authorization: Bearer test-token-123\r\nIdempotency-Key: idem-cut-000001\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 400\r\n\r\n" + sent_body)
    wait_until(lambda: standin.state.stats["cut_off"] == 1, timeout=5)
    receipt = clients["tamara"].submit_caring_result(caring(), "idem-cut-000001")
    assert not receipt.replayed and len(standin.received("tamara")) == 1
