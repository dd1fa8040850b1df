"""`sambung users list|add` against a migrated database."""

from __future__ import annotations

from .test_store_migrations import empty_url, sambung_here  # noqa: F401  (fixture)


def test_users_add_then_list_shows_the_user_with_role_and_team(empty_url, capsys):
    assert sambung_here(capsys, "db", "upgrade", "--db", empty_url).returncode == 0
    added = sambung_here(capsys, "users", "add", "rina", "--role", "agent", "--name", "Rina Marlina",
                         "--team", "Tim Caring A", "--db", empty_url)
    assert added.returncode == 0, added.stderr
    listed = sambung_here(capsys, "--db", empty_url, "users", "list")
    assert listed.returncode == 0
    line = next(line for line in listed.stdout.splitlines() if "rina" in line)
    assert "agent" in line and "Tim Caring A" in line and "Rina Marlina" in line


def test_users_add_refuses_a_taken_username(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    assert sambung_here(capsys, "users", "add", "qc1", "--role", "qc", "--name", "Lia", "--db", url).returncode == 0
    again = sambung_here(capsys, "users", "add", "qc1", "--role", "agent", "--name", "Lain", "--db", url)
    assert again.returncode == 1 and "sudah dipakai" in again.stderr


def test_users_list_on_an_unmigrated_database_says_to_upgrade(tmp_path, capsys):
    done = sambung_here(capsys, "users", "list", "--db", f"sqlite:///{tmp_path / 'kosong.db'}")
    assert done.returncode == 2 and "sambung db upgrade" in done.stderr
