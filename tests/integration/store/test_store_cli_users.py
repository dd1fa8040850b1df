"""`sambung users list|add|passwd|disable` against a migrated database; `--user` authenticates."""

from __future__ import annotations

import io

from .test_store_migrations import empty_url, sambung_here  # noqa: F401  (fixture)


def typed(monkeypatch, line: str) -> None:
    """What `--password-stdin` reads."""
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))


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


def test_users_add_goes_through_the_admin_use_case_and_is_audited(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    typed(monkeypatch, "rahasia-admin-1")
    first = sambung_here(capsys, "users", "add", "Admin1", "--role", "admin", "--name", "Admin Satu",
                         "--password-stdin", "--db", url)
    assert first.returncode == 0, first.stderr           # an empty database: the database owner adds the first admin
    assert "admin1" in first.stdout                        # stored as the use case stores usernames
    bad = sambung_here(capsys, "users", "add", "bukan nama!", "--role", "agent", "--name", "X", "--db", url)
    assert bad.returncode == 1 and "Nama pengguna" in bad.stderr
    monkeypatch.setenv("SAMBUNG_PASSWORD", "rahasia-admin-1")
    as_admin = sambung_here(capsys, "users", "add", "rina", "--role", "agent", "--name", "Rina", "--team", "Tim A",
                            "--user", "admin1", "--db", url)
    assert as_admin.returncode == 0, as_admin.stderr
    actions = _audit(url)
    assert actions[0][:2] == ("user.add", None)            # the database owner is nobody in the audit trail
    assert [a for a, _uid, _t in actions[1:]] == ["team.add", "user.add"]
    assert all(uid == 1 for _a, uid, _t in actions[1:])    # admin1 acted


def test_users_add_as_a_user_who_is_not_an_admin_is_refused(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'b.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    typed(monkeypatch, "rahasia-agen-1")
    added = sambung_here(capsys, "users", "add", "agen1", "--role", "agent", "--name", "Agen", "--password-stdin",
                         "--db", url)
    assert added.returncode == 0
    monkeypatch.setenv("SAMBUNG_PASSWORD", "rahasia-agen-1")
    refused = sambung_here(capsys, "users", "add", "agen2", "--role", "admin", "--name", "Naik Pangkat",
                           "--user", "agen1", "--db", url)
    assert refused.returncode == 1 and "Akses ditolak" in refused.stderr
    listed = sambung_here(capsys, "users", "list", "--db", url)
    assert "agen2" not in listed.stdout


def test_a_wrong_password_is_refused_with_a_clear_message(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    typed(monkeypatch, "kata-sandi-benar")
    assert sambung_here(capsys, "users", "add", "adm", "--role", "admin", "--name", "Adm", "--password-stdin",
                        "--db", url).returncode == 0
    monkeypatch.setenv("SAMBUNG_PASSWORD", "kata-sandi-salah")
    wrong = sambung_here(capsys, "users", "list", "--user", "adm", "--db", url)
    assert wrong.returncode == 1 and "Login ditolak: Nama pengguna atau kata sandi salah." in wrong.stderr
    assert "Traceback" not in wrong.stderr and wrong.stdout == ""
    monkeypatch.delenv("SAMBUNG_PASSWORD")
    unasked = sambung_here(capsys, "users", "list", "--user", "adm", "--db", url)   # no terminal, no variable
    assert unasked.returncode == 1 and "SAMBUNG_PASSWORD" in unasked.stderr


def test_passwd_and_disable_change_who_may_log_in(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    typed(monkeypatch, "pertama-123")
    assert sambung_here(capsys, "users", "add", "tl1", "--role", "team_leader", "--name", "TL",
                        "--password-stdin", "--db", url).returncode == 0
    typed(monkeypatch, "kedua-456")
    changed = sambung_here(capsys, "users", "passwd", "tl1", "--password-stdin", "--db", url)
    assert changed.returncode == 0 and "diperbarui" in changed.stdout
    monkeypatch.setenv("SAMBUNG_PASSWORD", "pertama-123")
    assert sambung_here(capsys, "users", "list", "--user", "tl1", "--db", url).returncode == 1
    monkeypatch.setenv("SAMBUNG_PASSWORD", "kedua-456")
    allowed = sambung_here(capsys, "users", "list", "--user", "tl1", "--db", url)
    assert allowed.returncode == 1 and "Akses ditolak" in allowed.stderr       # logged in, but not an admin
    assert sambung_here(capsys, "users", "disable", "tl1", "--db", url).returncode == 0
    gone = sambung_here(capsys, "users", "list", "--user", "tl1", "--db", url)
    assert gone.returncode == 1 and "dinonaktifkan" in gone.stderr


def test_sqlite_keeps_only_a_scrypt_hash_of_each_password(tmp_path, capsys, monkeypatch):
    path = tmp_path / "h.db"
    url = f"sqlite:///{path}"
    assert sambung_here(capsys, "db", "upgrade", "--db", url).returncode == 0
    typed(monkeypatch, "rahasia-sekali-99")
    assert sambung_here(capsys, "users", "add", "qc1", "--role", "qc", "--name", "QC", "--password-stdin",
                        "--db", url).returncode == 0
    import sqlite3
    with sqlite3.connect(path) as conn:
        (stored,) = conn.execute("SELECT hash FROM user_passwords").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert stored.startswith("scrypt$16384$8$1$")
    for f in tmp_path.iterdir():
        assert b"rahasia-sekali-99" not in f.read_bytes()
