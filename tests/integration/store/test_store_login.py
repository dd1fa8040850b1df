"""Single-PC login (SQLite): the password is checked against its scrypt hash, failures slow the next
try, a disabled user or one without a password is told why; logging out and in as someone else
needs no restart."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.core.identity import LoginRefused, sign_in_local
from app.store import accounts
from app.store.models import User

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    from app.store.db import Database
    from app.store.migrate import upgrade
    url = f"sqlite:///{tmp_path / 'login.db'}"
    upgrade(url)
    database = Database(url)
    with database.session() as s:
        s.add_all([User(username="rina", full_name="Rina", role="agent"),
                   User(username="budi", full_name="Budi", role="team_leader"),
                   User(username="baru", full_name="Baru", role="agent")])
    accounts.set_password(database, "rina", "sandi-rina-1", NOW)
    accounts.set_password(database, "budi", "sandi-budi-1", NOW)
    yield database
    database.dispose()


def test_the_right_password_signs_in_and_a_wrong_one_is_refused_without_naming_which(db):
    assert sign_in_local(db, " Rina ", "sandi-rina-1", NOW).username == "rina"
    for username in ("rina", "siapa"):
        with pytest.raises(LoginRefused, match=r"^Nama pengguna atau kata sandi salah\.$"):
            sign_in_local(db, username, "salah", NOW)


def test_repeated_failures_make_the_next_try_wait_even_with_the_right_password(db):
    for _ in range(3):
        with pytest.raises(LoginRefused):
            sign_in_local(db, "rina", "salah", NOW)
    with pytest.raises(LoginRefused, match="coba lagi dalam 5 detik") as waited:
        sign_in_local(db, "rina", "sandi-rina-1", NOW)
    assert waited.value.wait_seconds == 5
    assert sign_in_local(db, "rina", "sandi-rina-1", NOW + timedelta(seconds=6)).username == "rina"
    # a success resets the count: one new mistake costs nothing
    with pytest.raises(LoginRefused, match="salah"):
        sign_in_local(db, "rina", "salah", NOW + timedelta(seconds=7))
    assert sign_in_local(db, "rina", "sandi-rina-1", NOW + timedelta(seconds=7)).username == "rina"


def test_a_user_without_a_password_or_disabled_is_told_why(db):
    with pytest.raises(LoginRefused, match="belum punya kata sandi"):
        sign_in_local(db, "baru", "apa saja", NOW)
    with db.session() as s:
        s.query(User).filter_by(username="budi").one().active = False
    with pytest.raises(LoginRefused, match="dinonaktifkan"):
        sign_in_local(db, "budi", "sandi-budi-1", NOW)


def test_log_out_and_in_as_someone_else_without_restarting(db, tmp_path):
    from app.core.runtime import Runtime
    from app.platform.config import Settings
    runtime = Runtime.open(Settings(), db.url)
    try:
        assert runtime.sign_in("rina", "sandi-rina-1").role == "agent"
        runtime.ctx.user = runtime.sign_in("rina", "sandi-rina-1")
        runtime.start_outbox()
        worker = runtime.ctx.services["outbox"]
        runtime.sign_out()
        assert runtime.ctx.user is None and "outbox" not in runtime.ctx.services
        assert worker._thread is None, "the outbox stops with the logout"
        assert runtime.sign_in("budi", "sandi-budi-1").role == "team_leader"
        runtime.start_outbox()
        assert runtime.ctx.services["outbox"] is not worker
    finally:
        runtime.stop()


def test_a_team_site_file_with_a_password_in_its_database_url_is_refused():
    from app.core.runtime import DatabaseUrlError, Runtime
    from app.platform.config import Settings
    settings = Settings()
    settings.set("database_url", "postgresql://sambung:rahasia@db.site.local/sambung")
    with pytest.raises(DatabaseUrlError, match="hanya memuat host, port"):
        Runtime.open(settings)
    settings.set("database_url", "postgresql://db.site.local:5432/sambung")
    runtime = Runtime.open(settings)          # nothing is opened before a login
    try:
        assert runtime.team_url and runtime.ctx.database is None
    finally:
        runtime.stop()
