"""`sambung tickets pull|import`: the Tier-2 ticket import from a script, with its exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.platform import paths
from tests.fixtures.passwords import TEST_PASSWORD, give_passwords
from app.store.models import Ticket

ROOT = Path(__file__).resolve().parents[3]
SQLITE_ONLY = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def sambung(args: list[str], home: Path, site: dict, token: str = "") -> subprocess.CompletedProcess:
    (home / "site.json").write_text(json.dumps(site), encoding="utf-8")
    # The child reads the API token from its keyring: this test backend gives it from the environment.
    env = dict(os.environ, SAMBUNG_HOME=str(home / "home"), SAMBUNG_SITE_FILE=str(home / "site.json"),
               SAMBUNG_PASSWORD=TEST_PASSWORD,
               PYTHON_KEYRING_BACKEND="tests.integration.http.http_test_keyring.EnvKeyring",
               SAMBUNG_TEST_API_TOKEN=token)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(autouse=True)
def _passwords(request):
    """The seeded people log in with the test password (the CLI authenticates --user)."""
    if "t2world" in request.fixturenames:
        request.getfixturevalue("t2world")
        give_passwords(request.getfixturevalue("database"), "tl.rina", "t2.ayu", "agent1")


def tickets(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(Ticket))


@SQLITE_ONLY
def test_pull_imports_the_callback_apps_tickets_and_a_file_import_follows(database, t2world, standin, tmp_path):
    before = tickets(database)
    site = {"api": {"callback_url": standin.url}}
    done = sambung(["tickets", "pull", "--user", "tl.rina", "--db", database.url], tmp_path, site, standin.token)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "tiket baru" in done.stdout
    assert tickets(database) > before
    after_pull = tickets(database)
    sample = paths.resource("samples", "tier2_tickets.xlsx")
    done = sambung(["tickets", "import", str(sample), "--user", "t2.ayu", "--db", database.url], tmp_path, site)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert tickets(database) > after_pull


@SQLITE_ONLY
def test_pull_with_a_wrong_token_exits_5_and_imports_nothing(database, t2world, standin, tmp_path):
    before = tickets(database)
    done = sambung(["tickets", "pull", "--user", "tl.rina", "--db", database.url], tmp_path,
                   {"api": {"callback_url": standin.url}}, "not-the-token")
    assert done.returncode == 5, done.stdout + done.stderr
    assert "token" in done.stderr.lower() and tickets(database) == before


@SQLITE_ONLY
def test_an_agent_may_not_import_tickets(database, t2world, tmp_path):
    sample = paths.resource("samples", "tier2_tickets.xlsx")
    before = tickets(database)
    done = sambung(["tickets", "import", str(sample), "--user", "agent1", "--db", database.url], tmp_path, {})
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Akses ditolak" in done.stderr and tickets(database) == before


@SQLITE_ONLY
def test_pull_without_a_callback_address_says_so(database, t2world, tmp_path):
    done = sambung(["tickets", "pull", "--user", "tl.rina", "--db", database.url], tmp_path, {})
    assert done.returncode == 2 and "api.callback_url" in done.stderr
