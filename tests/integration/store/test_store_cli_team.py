"""The CLI on a team's PostgreSQL: the owner upgrades and adds the first admin, the admin adds
users as their own login role, a wrong password is refused with a clear message."""

from __future__ import annotations

import io
import secrets

import pytest

from .test_store_migrations import sambung_here

pytestmark = pytest.mark.postgres


def test_owner_upgrades_and_adds_the_first_admin_who_adds_the_team(postgres_server, capsys, monkeypatch):
    tag = secrets.token_hex(3)
    owner, owner_pw, dbname = f"own{tag}", secrets.token_hex(10), f"cli{tag}"
    postgres_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{owner_pw}'",
                            f"CREATE DATABASE {dbname} OWNER {owner}")
    site_url = f"postgresql://127.0.0.1:{postgres_server.port}/{dbname}"       # no credential, as the site file
    try:
        monkeypatch.setenv("SAMBUNG_PASSWORD", "salah")
        wrong = sambung_here(capsys, "db", "upgrade", "--user", owner, "--db", site_url)
        assert wrong.returncode == 2 and "kata sandi salah" in wrong.stderr and "Traceback" not in wrong.stderr
        monkeypatch.setenv("SAMBUNG_PASSWORD", owner_pw)
        up = sambung_here(capsys, "db", "upgrade", "--user", owner, "--db", site_url)
        assert up.returncode == 0, up.stderr
        monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
        first = sambung_here(capsys, "users", "add", f"adm{tag}", "--role", "admin", "--name", "Admin",
                             "--password-stdin", "--user", owner, "--db", site_url)
        assert first.returncode == 0, first.stderr
        monkeypatch.setenv("SAMBUNG_PASSWORD", "admin-pass-1")
        monkeypatch.setattr("sys.stdin", io.StringIO("agent-pass-1\n"))
        agent = sambung_here(capsys, "users", "add", f"ag{tag}", "--role", "agent", "--name", "Agen", "--team",
                             "Tim A", "--password-stdin", "--user", f"adm{tag}", "--db", site_url)
        assert agent.returncode == 0, agent.stderr
        monkeypatch.setenv("SAMBUNG_PASSWORD", "agent-pass-1")
        refused = sambung_here(capsys, "users", "add", f"x{tag}", "--role", "admin", "--name", "X",
                               "--user", f"ag{tag}", "--db", site_url)
        assert refused.returncode == 1 and "Akses ditolak" in refused.stderr
        monkeypatch.setenv("SAMBUNG_PASSWORD", "agent-pass-2")
        wrong_agent = sambung_here(capsys, "users", "list", "--user", f"ag{tag}", "--db", site_url)
        assert wrong_agent.returncode == 1
        assert "Login ditolak: Nama pengguna atau kata sandi salah." in wrong_agent.stderr
        monkeypatch.setenv("SAMBUNG_PASSWORD", "admin-pass-1")
        listed = sambung_here(capsys, "users", "list", "--user", f"adm{tag}", "--db", site_url)
        assert listed.returncode == 0 and f"ag{tag}" in listed.stdout and "Tim A" in listed.stdout
    finally:
        postgres_server.drop_database(dbname)
