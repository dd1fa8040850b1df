"""Chaos for the destinations of the procedures' loops (issue 17): CWC, Nonatero, NOSSA notes, Sephia,
escalations, MyCX ticket status changes and dapros picks, Callback progress and the TL's status PATCH
reach the stand-in exactly once each while it fails 30% of requests (mixed faults, answers lost after
storing) and the first delivery process is SIGKILLed mid-way; a second process finishes the job."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import select

from app.services.standin import StandinServer
from app.store.db import Database
from app.store.models import OutboxMessage
from tests.integration.http.http_test_support import caring_payload, wait_until
from tests.integration.http.test_outbox_chaos import TOKEN, delivered, outbox_process

PER_DESTINATION = 60
AT = "2026-11-25T03:00:00+00:00"


def payload(destination: str, i: int, known: list[str]) -> dict:
    ticket = f"IN{300000001 + i}"       # never "...0000": the stand-in's unknown IDs
    return {
        "cwc": lambda: caring_payload(i, f"1{i:08d}777"),
        "nonatero": lambda: caring_payload(i, f"1{i:08d}777"),
        "nossa_note": lambda: {"incident": ticket, "kind": "closing", "text": f"Ditutup {i}", "by": "t2.chaos"},
        "sephia": lambda: {"case_id": f"HC-{i}", "account_number": f"1{i:08d}777", "customer_name": f"P {i}",
                           "segment": "DCS", "source": "call", "criteria": ["berkata kasar"],
                           "reported_by": "agen.chaos", "reported_at": AT},
        "escalation": lambda: {"reference": f"HC-{i}", "target": "backend", "reason": "percepatan",
                               "by": "agen.chaos", "at": AT},
        "mycx_ticket_status": lambda: {"ticket_id": ticket, "status": "closed", "result_id": f"{i}-r1",
                                       "changed_at": AT},
        "mycx_pick": lambda: {"account_number": f"1{i:08d}777", "program": "CT0", "agent": "agen.chaos",
                              "picked_at": AT},
        "callback_progress": lambda: {"ticket_number": ticket, "text": f"Progres {i}", "by": "hc.chaos", "at": AT},
        # The TL's PATCH is answered only for tickets MyCX has: the stand-in's own.
        "mycx_status": lambda: {"ticket_id": known[i % len(known)], "status": "super_emergency",
                                "by": "tl.chaos"},
    }[destination]()


# The stand-in files the TL's PATCH under "mycx_ticket" (its path), the rest under their own names.
RECEIVED_AS = {"mycx_status": "mycx_ticket"}
DESTINATIONS = ("cwc", "nonatero", "nossa_note", "sephia", "escalation", "mycx_ticket_status", "mycx_pick",
                "callback_progress", "mycx_status")


def seed(database, known: list[str]) -> None:
    now = datetime.now(timezone.utc)
    with database.session() as s:
        for destination in DESTINATIONS:
            for i in range(PER_DESTINATION):
                s.add(OutboxMessage(destination=destination, idempotency_key=f"{destination}-{i:04d}",
                                    payload=payload(destination, i, known), next_attempt_at=now, created_at=now))


def test_new_destinations_are_delivered_exactly_once_under_faults_and_a_kill(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db_url = f"sqlite:///{tmp_path / 'chaos_loops.db'}"
    database = Database(db_url)
    database.create_all()
    total = PER_DESTINATION * len(DESTINATIONS)
    with StandinServer(port=0, seed=17, token=TOKEN) as standin:
        seed(database, [t["ticket_number"] for t in standin.catalogue.tickets()])
        standin.set_faults(fail_rate=0.3, mode="mixed", hold_ms=1_500, retry_after=1)
        (home / "site.json").write_text(json.dumps({
            "api": {**standin.api_settings(), "connect_timeout": 0.5, "read_timeout": 0.4},
            "outbox": {"concurrency": 8, "batch_size": 32, "backoff_base_seconds": 0.05,
                       "backoff_max_seconds": 0.5, "lease_seconds": 2, "idle_poll_seconds": 0.2},
        }))
        started = time.monotonic()
        first = outbox_process(db_url, home, timeout=120)
        try:
            wait_until(lambda: delivered(database) >= total // 2 or first.poll() is not None, timeout=90,
                       interval=0.05)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert first.returncode == -signal.SIGKILL, first.stderr.read()
        killed_at = delivered(database)
        assert killed_at < total, "it really died mid-way"
        second = outbox_process(db_url, home, timeout=120)
        out, err = second.communicate(timeout=150)
        assert second.returncode == 0, err
        with database.session() as s:
            statuses = Counter(s.scalars(select(OutboxMessage.status)))
            failures = [(m.destination, m.last_status_code, m.last_error) for m in
                        s.scalars(select(OutboxMessage).where(OutboxMessage.status != "delivered"))]
        assert statuses == {"delivered": total}, failures[:5]
        for destination in DESTINATIONS:
            items = [i for i in standin.received(RECEIVED_AS.get(destination, destination))
                     if i["idempotency_key"].startswith(destination + "-")]
            got = Counter(i["idempotency_key"] for i in items)
            assert set(got) == {f"{destination}-{i:04d}" for i in range(PER_DESTINATION)}, destination
            assert max(got.values()) == 1, f"{destination}: a request reached the system twice"
        stats = standin.state.stats
        faults = sum(n for name, n in stats.items() if name.startswith("fault_"))
        assert faults >= 0.2 * stats["requests"]
        assert stats["fault_drop_after"] + stats["fault_timeout_after"] > 0, "answers were lost after storing"
        print(f"\nchaos (loops): killed after {killed_at}/{total}; {stats['requests']} requests, {faults} faults, "
              f"{stats['replays']} replays; {time.monotonic() - started:.1f}s")
    database.dispose()
