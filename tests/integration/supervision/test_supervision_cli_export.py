"""The reason export from the command line obeys the same roles as the core."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from app.core import supervision as sv
from app.core.supervision.export import ExportFilters
from tests.fixtures.passwords import TEST_PASSWORD, give_passwords
from tests.integration.supervision.seed import DAY, as_user

ROOT = Path(__file__).resolve().parents[3]


def _export(db_url: str, actor: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "export", "--from", DAY.isoformat(), "--to",
                           DAY.isoformat(), "-o", str(out), "--user", actor, "--db", db_url],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, SAMBUNG_PASSWORD=TEST_PASSWORD))


def test_cli_export_as_agent_is_denied_with_exit_3_and_a_message(sqlite_database, tmp_path):
    database, _seeded = sqlite_database
    give_passwords(database, "a1")
    out = tmp_path / "agent.csv"
    done = _export(database.url, "a1", out)
    assert done.returncode == 3, done.stderr
    assert "Akses ditolak" in done.stderr and "Agen" in done.stderr
    assert not out.exists()


def test_cli_export_as_team_leader_writes_only_own_team(sqlite_database, tmp_path):
    database, _seeded = sqlite_database
    give_passwords(database, "tl_a")
    out = tmp_path / "tl.csv"
    done = _export(database.url, "tl_a", out)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == 5 and {r["Agen"] for r in rows} == {"a1", "a2"}


def test_core_export_uses_the_acting_user_and_team(sqlite_database, tmp_path):
    database, seeded = sqlite_database
    summary = sv.export_reasons(as_user(database, seeded, "tl_b"), tmp_path / "b.xlsx", ExportFilters(DAY, DAY),
                                mask=True)
    assert summary.rows == 1 and (tmp_path / "b.xlsx").exists()
