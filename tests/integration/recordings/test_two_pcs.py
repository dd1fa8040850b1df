"""Issue 14's "done when": an agree call recorded on PC A is played by QC on PC B, and its hash matches.

Two processes with separate home folders (tests.integration.recordings.pc), one team
PostgreSQL with SCRAM logins and RLS, a real Samba server as the recording store (each person
reaches it with their own name and password), a sipp customer.  PC A's desk records the call,
its outbox uploads the recording and removes it from the PC; PC B's QC fetches it from the
store, the bytes hash to what the database recorded, and the QC player opens it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services.recording_store import sha256_of
from app.store.models import Customer, Phone, User, WorkItem

pytestmark = [pytest.mark.postgres, pytest.mark.sip]

ROOT = Path(__file__).resolve().parents[3]
ALL_DAY = {"start": "00:00", "end": "23:59", "days": [0, 1, 2, 3, 4, 5, 6], "observe_holidays": False}


def run_pc(home: Path, site: dict, password: str, *args: str) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    (home / "site.json").write_text(json.dumps(site), encoding="utf-8")
    env = dict(os.environ, SAMBUNG_HOME=str(home / "home"), SAMBUNG_SITE_FILE=str(home / "site.json"),
               SAMBUNG_PASSWORD=password, QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="app.platform.secrets.MemoryKeyring")
    done = subprocess.run([sys.executable, "-m", "tests.integration.recordings.pc", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_an_agree_recorded_on_pc_a_is_played_by_qc_on_pc_b_with_its_hash(team_site, samba, sipp_uas, tmp_path):
    site = team_site
    site.add_user("ag", "agent", "Tim Rekam")
    site.add_user("qc", "qc")
    samba.add_user(site.name("ag"), site.passwords["ag"])
    samba.add_user(site.name("qc"), site.passwords["qc"], reader=True)
    db = site.owner_database()
    with db.session() as s:
        team = s.scalar(select(User.team_id).where(User.id == site.ids["ag"]))
        customer = Customer(account_number="122300009991", name="Pelanggan Rekaman", region="WIB")
        customer.phones = [Phone(e164="+6281234560001")]
        s.add(customer)
        s.flush()
        s.add(WorkItem(customer_id=customer.id, program="CT0", team_id=team, arrears_months=2,
                       arrears_amount=Decimal("385000")))
    db.dispose()
    sipp = sipp_uas("uas_answer.xml")
    settings = {"database_url": site.url, "recording_store": samba.settings(), "calling_hours": ALL_DAY,
                "number_limits": {"per_day": 0, "per_round": 0}}

    a = run_pc(tmp_path / "pc_a", settings, site.passwords["ag"], "agent", sipp.uri_host, site.name("ag"))
    assert a["stored"] and a["size"] > 44 and a["duration"] > 0.5
    assert a["left_on_pc"] == [], "the recording leaves the agent's PC once it is in the store"
    in_store = samba.share_dir / "sambung" / Path(a["key"])
    assert in_store.is_file() and sha256_of(in_store) == a["sha256"]

    b = run_pc(tmp_path / "pc_b", settings, site.passwords["qc"], "qc", str(a["attempt_id"]), site.name("qc"))
    assert b["sha256"] == a["sha256"] and b["size"] == a["size"]
    assert str(tmp_path / "pc_b") in b["path"]
    assert b["playable"], b["player_message"]
