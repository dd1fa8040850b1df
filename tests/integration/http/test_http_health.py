"""The health operations behind "Check connection": on the contract, one per system, no side effect."""

from __future__ import annotations

from app.platform.config import Settings
from app.services.health import SYSTEMS, check_all


def settings_for(url: str) -> Settings:
    settings = Settings()
    for key, _prefix, _name in SYSTEMS:
        settings.set(f"api.{key}", url)
    return settings


def test_each_system_answers_its_health_on_the_contract(make_api, exchanges, contract, standin):
    api = make_api()
    for _key, prefix, _name in SYSTEMS:
        body = api.get(f"/{prefix}/v1/health").body
        assert body["status"] == "ok" and body["system"] == prefix
    assert exchanges.validate_all(contract) == 4


def test_health_changes_nothing_on_the_server(standin):
    answers = check_all(settings_for(standin.url), lambda: standin.token)
    assert [a.ok for a in answers] == [True] * 4
    for destination in ("mycx", "tamara", "callback", "mycx_ticket"):
        assert standin.received(destination) == [], destination


def test_a_wrong_token_is_named_for_every_system(standin):
    answers = check_all(settings_for(standin.url), lambda: "not-the-token")
    assert [a.ok for a in answers] == [False] * 4
    assert all("token" in a.message.lower() for a in answers)
