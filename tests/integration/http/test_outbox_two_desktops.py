"""Two desktops share one database; one lacks TAMARA's address.  The misconfigured one
delivers what it can and leaves TAMARA's messages to the other, never failing them,
and its `sambung outbox deliver` says so and exits non-zero.  Both back-ends."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.services.mycx import MyCXClient
from app.services.destinations import senders_from
from app.services.outbox_worker import OutboxWorker
from app.services.tamara import TamaraClient
from app.store.models import OutboxMessage

from tests.integration.http.http_test_support import seed_results


def by_destination(database) -> dict[str, set[tuple[str, int]]]:
    out: dict[str, set] = {}
    with database.session() as s:
        for m in s.scalars(select(OutboxMessage)):
            out.setdefault(m.destination, set()).add((m.status, m.attempts))
    return out


@pytest.fixture
def desktops(database, make_api):
    api = make_api(read_timeout=5.0)
    kw = dict(base_delay=0.01, max_delay=0.05, idle_poll=0.1, rng=random.Random(1))
    misconfigured = OutboxWorker(database, senders_from(mycx=MyCXClient(api)), **kw)
    complete = OutboxWorker(database, senders_from(mycx=MyCXClient(api), tamara=TamaraClient(api)), **kw)
    yield misconfigured, complete
    misconfigured.stop()
    complete.stop()


def test_a_desktop_without_tamara_leaves_tamara_messages_to_the_desktop_that_can_send(database, desktops,
                                                                                      standin):
    seed_results(database, 6)
    misconfigured, complete = desktops
    events = []
    misconfigured.add_listener(events.append)
    assert misconfigured.run_until_empty(timeout=20)
    assert by_destination(database) == {"mycx": {("delivered", 1)}, "tamara": {("pending", 0)}}
    assert {e.destination for e in events} == {"mycx"} and all(e.status == "delivered" for e in events)
    assert misconfigured.unsendable() == {"tamara": 6}
    assert complete.run_until_empty(timeout=20)
    assert by_destination(database) == {"mycx": {("delivered", 1)}, "tamara": {("delivered", 1)}}
    assert standin.counts() == {"mycx": 6, "tamara": 6}


def test_outbox_deliver_on_a_misconfigured_desktop_says_so_and_exits_non_zero(database, standin, capsys,
                                                                              monkeypatch):
    from app.platform.secrets import MemoryKeyring, set_secret
    monkeypatch.setattr(MemoryKeyring, "_store", {})
    seed_results(database, 3)
    api = {k: v for k, v in standin.api_settings().items() if k != "tamara_url"}
    Path(os.environ["SAMBUNG_SITE_FILE"]).write_text(json.dumps({"api": api}))
    set_secret("api_token", standin.token)
    assert main(["--db", database.url, "outbox", "deliver", "--until-empty", "--timeout", "20"]) == 1
    out = capsys.readouterr()
    assert "Terkirim 3" in out.out and "gagal 0" in out.out
    assert "api.tamara_url" in out.err and "tamara (3)" in out.err
    assert by_destination(database)["tamara"] == {("pending", 0)}
