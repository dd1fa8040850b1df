"""Fixtures for the HTTP integration tests: a stand-in server per test, clients with
short timeouts pointed at it, and a recorder that validates every exchange against
the OpenAPI contract (openapi-core)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from app.services.callback import CallbackClient
from app.services.http import ApiClient
from app.services.ipayment import IPaymentClient
from app.services.mycx import MyCXClient
from app.services.standin import StandinServer
from app.services.tamara import TamaraClient

CONTRACT = Path(__file__).resolve().parents[3] / "app" / "resources" / "contract" / "openapi.yaml"
READ_TIMEOUT = 5.0      # generous: a loaded CI box must not turn slow answers into timeouts


@pytest.fixture(scope="session")
def contract():
    from openapi_core import OpenAPI
    return OpenAPI.from_file_path(str(CONTRACT))


@pytest.fixture
def standin():
    server = StandinServer(port=0, seed=7, token="test-token-123", hold_ms=3_000).start()
    yield server
    server.stop()


class Exchanges:
    """Every (request, response) a client made, for contract validation."""

    def __init__(self) -> None:
        self.seen: list[requests.Response] = []

    def hook(self, response: requests.Response, *args, **kwargs) -> None:
        self.seen.append(response)

    def validate_all(self, contract) -> int:
        from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
        for resp in self.seen:
            request = RequestsOpenAPIRequest(resp.request)
            if resp.status_code not in (400, 422):      # those tests send a bad request on purpose
                contract.validate_request(request)      # what the client sent: headers, params, body
            contract.validate_response(request, RequestsOpenAPIResponse(resp))
        return len(self.seen)


@pytest.fixture
def exchanges() -> Exchanges:
    return Exchanges()


@pytest.fixture
def make_api(standin, exchanges):
    made: list[ApiClient] = []

    def make(token: str | None = "test-token-123", read_timeout: float = READ_TIMEOUT,
             get_retries: int = 0, service: str = "stand-in") -> ApiClient:
        api = ApiClient(standin.url, service=service, token=lambda: token, connect_timeout=2.0,
                        read_timeout=read_timeout, get_retries=get_retries)
        api.session.hooks["response"].append(exchanges.hook)
        made.append(api)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def clients(make_api):
    api = make_api()
    return {"ipayment": IPaymentClient(api), "mycx": MyCXClient(api), "tamara": TamaraClient(api),
            "callback": CallbackClient(api)}
