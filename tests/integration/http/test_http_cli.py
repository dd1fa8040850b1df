"""The headless commands: `sambung standin` and `sambung outbox status|retry|deliver`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import requests
from sqlalchemy import select

from app.cli import main
from app.store import outbox_repo
from app.store.db import Database
from app.store.models import OutboxMessage

from tests.integration.http.http_test_support import seed_results

ROOT = Path(__file__).resolve().parents[3]


def test_standin_command_prints_url_and_token_and_serves_bills(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "app", "standin", "--port", "0", "--token", "cli-token-1",
                             "--seed", "3"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip().removeprefix("URL=")
        token = proc.stdout.readline().strip().removeprefix("TOKEN=")
        assert url.startswith("http://127.0.0.1:") and token == "cli-token-1"
        resp = requests.get(f"{url}/ipayment/v1/bills/122300001231",
                            headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert resp.status_code == 200 and resp.json()["account_number"] == "122300001231"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_standin_command_refuses_a_bad_fail_rate(capsys):
    assert main(["standin", "--fail-rate", "1.5"]) == 2
    assert "fail-rate" in capsys.readouterr().err


def test_outbox_status_shows_counts_and_failed_errors(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 's.db'}"
    db = Database(url)
    db.create_all()
    seed_results(db, 3)
    with db.session() as s:
        first = s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).first()
        outbox_repo.mark_failed(s, first.id, "Sistem MyCX menolak data yang dikirim: result_id wajib", 422)
    assert main(["--db", url, "outbox", "status"]) == 0
    out = capsys.readouterr().out
    assert "mycx" in out and "tamara" in out and "failed" in out and "pending" in out
    assert f"#{first.id}" in out and "result_id wajib" in out and "Pesan tertunda tertua" in out


def test_outbox_retry_requeues_failed_messages(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    db = Database(url)
    db.create_all()
    seed_results(db, 2, destinations=("mycx",))
    with db.session() as s:
        for m in s.scalars(select(OutboxMessage)):
            outbox_repo.mark_failed(s, m.id, "x", 422)
    assert main(["--db", url, "outbox", "retry", "--id", "1"]) == 0
    assert main(["--db", url, "outbox", "retry", "--id", "1"]) == 1        # no longer failed
    assert main(["--db", url, "outbox", "retry", "--all-failed"]) == 0
    with db.session() as s:
        assert set(s.scalars(select(OutboxMessage.status))) == {"pending"}


def test_outbox_deliver_without_configured_destinations_exits_non_zero(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    Database(url).create_all()
    assert main(["--db", url, "outbox", "deliver"]) == 2
    assert "api.mycx_url" in capsys.readouterr().err


def test_outbox_deliver_delivers_due_messages_from_settings(tmp_path, standin, capsys, monkeypatch):
    import json
    from app.platform.secrets import MemoryKeyring, set_secret
    monkeypatch.setattr(MemoryKeyring, "_store", {})        # the token must not leak into other tests
    url = f"sqlite:///{tmp_path / 'e.db'}"
    db = Database(url)
    db.create_all()
    seed_results(db, 4)
    Path(os.environ["SAMBUNG_SITE_FILE"]).write_text(json.dumps({"api": standin.api_settings()}))
    set_secret("api_token", standin.token)
    assert main(["--db", url, "outbox", "deliver", "--until-empty", "--timeout", "20"]) == 0
    assert "Terkirim 8" in capsys.readouterr().out
    assert standin.counts() == {"mycx": 4, "tamara": 4}
