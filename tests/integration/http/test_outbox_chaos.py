"""Chaos: 1,000 results reach MyCX and TAMARA exactly once each while the stand-in fails
30% of requests (mixed faults, short timeouts) and the first delivery process is SIGKILLed
mid-way; a new `python -m app outbox deliver --until-empty` process finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from app.services.standin import StandinServer
from app.store.db import Database
from app.store.models import OutboxMessage

from tests.integration.http.http_test_support import seed_results, wait_until

ROOT = Path(__file__).resolve().parents[3]
RESULTS = 1_000
TOKEN = "chaos-token-0123456789"


def delivered(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(OutboxMessage)
                        .where(OutboxMessage.status == "delivered"))


def outbox_process(db_url: str, home: Path, timeout: float) -> subprocess.Popen:
    env = dict(os.environ, SAMBUNG_HOME=str(home), SAMBUNG_SITE_FILE=str(home / "site.json"),
               PYTHON_KEYRING_BACKEND="tests.integration.http.http_test_keyring.EnvKeyring", SAMBUNG_TEST_API_TOKEN=TOKEN,
               PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "app", "--db", db_url, "outbox", "deliver",
                             "--until-empty", "--timeout", str(timeout)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_delivery_under_faults_delivers_every_result_exactly_once(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db_url = f"sqlite:///{tmp_path / 'chaos.db'}"
    database = Database(db_url)
    database.create_all()
    seed_results(database, RESULTS)

    with StandinServer(port=0, seed=42, token=TOKEN, fail_rate=0.3, mode="mixed", hold_ms=1_500) as standin:
        standin.set_faults(fail_rate=0.3, mode="mixed", hold_ms=1_500, retry_after=1)
        (home / "site.json").write_text(json.dumps({
            "api": {**standin.api_settings(), "connect_timeout": 0.5, "read_timeout": 0.4},
            "outbox": {"concurrency": 8, "batch_size": 32, "backoff_base_seconds": 0.05,
                       "backoff_max_seconds": 0.5, "lease_seconds": 2, "idle_poll_seconds": 0.2},
        }))
        started = time.monotonic()
        first = outbox_process(db_url, home, timeout=120)
        try:
            wait_until(lambda: delivered(database) >= 600 or first.poll() is not None, timeout=90, interval=0.05)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert first.returncode == -signal.SIGKILL, first.stderr.read()
        killed_at = delivered(database)
        assert killed_at < 2 * RESULTS                       # it really died mid-way

        second = outbox_process(db_url, home, timeout=120)
        out, err = second.communicate(timeout=150)
        elapsed = time.monotonic() - started
        assert second.returncode == 0, err

        with database.session() as s:
            statuses = Counter(s.scalars(select(OutboxMessage.status)))
            failures = [(m.id, m.last_status_code, m.last_error) for m in
                        s.scalars(select(OutboxMessage).where(OutboxMessage.status != "delivered"))]
            keys = {d: set(s.scalars(select(OutboxMessage.idempotency_key)
                                     .where(OutboxMessage.destination == d))) for d in ("mycx", "tamara")}
        assert statuses == {"delivered": 2 * RESULTS}, failures
        for destination in ("mycx", "tamara"):
            got = Counter(item["idempotency_key"] for item in standin.received(destination))
            assert len(standin.received(destination)) == RESULTS
            assert set(got) == keys[destination] and max(got.values()) == 1
        stats = standin.state.stats
        faults = sum(n for name, n in stats.items() if name.startswith("fault_"))
        assert faults >= 0.2 * stats["requests"]            # the stand-in really failed ~30%
        assert stats["fault_drop_after"] + stats["fault_timeout_after"] > 0   # answers lost after storing
        print(f"\nchaos: killed after {killed_at} deliveries; {stats['requests']} requests, {faults} faults "
              f"({dict((k, v) for k, v in stats.items() if k.startswith('fault_'))}), "
              f"{stats['replays']} replays; {elapsed:.1f}s; second process: {out.strip()}")
    database.dispose()
