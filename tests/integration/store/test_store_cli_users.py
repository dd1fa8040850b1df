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


def _audit(url: str) -> list[tuple]:
    from sqlalchemy import select

    from app.store.db import Database
    from app.store.models import AuditEntry
    db = Database(url)
    try:
        with db.session() as s:
            return [tuple(row) for row in s.execute(select(AuditEntry.action, AuditEntry.user_id, AuditEntry.target)
                                                    .order_by(AuditEntry.id))]
    finally:
        db.dispose()


def test_users_add_goes_through_the_admin_use_case_and_is_audited(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    first = sambung_here(capsys, "users", "add", "Admin1", "--role", "admin", "--name", "Admin Satu", "--db", url)
    assert first.returncode == 0, first.stderr           # an empty database: the database owner adds the first admin
    assert "admin1" in first.stdout                        # stored as the use case stores usernames
    bad = sambung_here(capsys, "users", "add", "bukan nama!", "--role", "agent", "--name", "X", "--db", url)
    assert bad.returncode == 1 and "Nama pengguna" in bad.stderr
    as_admin = sambung_here(capsys, "users", "add", "rina", "--role", "agent", "--name", "Rina", "--team", "Tim A",
                            "--as", "admin1", "--db", url)
    assert as_admin.returncode == 0, as_admin.stderr
    actions = _audit(url)
    assert actions[0][:2] == ("user.add", None)            # the database owner is nobody in the audit trail
    assert [a for a, _uid, _t in actions[1:]] == ["team.add", "user.add"]
    assert all(uid == 1 for _a, uid, _t in actions[1:])    # admin1 acted


def test_users_add_as_a_user_who_is_not_an_admin_is_refused(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'b.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    added = sambung_here(capsys, "users", "add", "agen1", "--role", "agent", "--name", "Agen", "--db", url)
    assert added.returncode == 0
    refused = sambung_here(capsys, "users", "add", "agen2", "--role", "admin", "--name", "Naik Pangkat",
                           "--as", "agen1", "--db", url)
    assert refused.returncode == 1 and "Akses ditolak" in refused.stderr
    listed = sambung_here(capsys, "users", "list", "--db", url)
    assert "agen2" not in listed.stdout
