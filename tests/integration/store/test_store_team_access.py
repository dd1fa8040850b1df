"""Issue 14, the last line: an agent connected to the team's PostgreSQL with psql (SCRAM) is
refused every forbidden action, and the app shows the same refusals as clear messages.

One team database per module (tests.fixtures.team): an owner role that is no superuser ran
the migration; users were added as login roles with passwords.  Each test names the rule it
guards; the closing note of issue 14 lists what the database answered.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.core.context import CurrentUser
from app.core.identity import LoginRefused, LoginThrottle, sign_in_team
from app.store.models import CallAttempt, Customer, Phone, Recording, Result, WorkItem
from app.store.refusals import DatabaseRefused

pytestmark = pytest.mark.postgres

NOW = datetime.now(timezone.utc)


@pytest.fixture(scope="module")
def site(team_site):
    s = team_site
    for short, role, team in (("a1", "agent", "Tim A"), ("a2", "agent", "Tim A"), ("b1", "agent", "Tim B"),
                              ("t2", "tier2", "Tim A"), ("tl", "team_leader", "Tim A"),
                              ("tlb", "team_leader", "Tim B"), ("qc", "qc", None), ("adm", "admin", None)):
        s.add_user(short, role, team)
    db = s.owner_database()
    with db.session() as ss:
        team_a = ss.scalar(__import__("sqlalchemy").text("SELECT id FROM teams WHERE name = 'Tim A'"))
        team_b = ss.scalar(__import__("sqlalchemy").text("SELECT id FROM teams WHERE name = 'Tim B'"))
        items = {}
        for key, program, team, extra in (
                ("A", "CT0", team_a, {}), ("B", "CT0", team_b, {}), ("T", "TIER2", team_a, {}),
                ("H", "CT0", team_a, {"state": "claimed", "claimed_by_id": s.ids["a2"], "claimed_at": NOW,
                                      "claim_expires_at": NOW + timedelta(hours=1), "claimed_from_state": "new"}),
                ("D", "CT0", team_a, {"state": "done", "closed_at": NOW}),
                ("DB", "CT0", team_b, {"state": "done", "closed_at": NOW})):
            customer = Customer(account_number=f"1{len(items):011d}", name=f"Pelanggan {key}", region="WIB")
            customer.phones.append(Phone(e164=f"+62812000000{len(items)}"))
            ss.add(customer)
            ss.flush()
            item = WorkItem(customer_id=customer.id, program=program, team_id=team, **extra)
            ss.add(item)
            ss.flush()
            items[key] = item.id
        results = {}
        for key, agent in (("D", "a2"), ("DB", "b1")):
            attempt = CallAttempt(work_item_id=items[key], agent_id=s.ids[agent], dialled="+6281200000004",
                                  started_at=NOW, ended_at=NOW, answered=True)
            ss.add(attempt)
            ss.flush()
            ss.add(Recording(attempt_id=attempt.id, agent_id=s.ids[agent], location=f"rec/attempt-{attempt.id}.wav",
                             size_bytes=44, sha256="0" * 64, recorded_at=NOW))
            result = Result(work_item_id=items[key], attempt_id=attempt.id, agent_id=s.ids[agent], program="CT0",
                            reason_code="CT-AGR", contacted=True, fields={}, next_state="done",
                            promise_amount=Decimal("100000"), qc_status="pending", created_at=NOW)
            ss.add(result)
            ss.flush()
            results[key] = result.id
    db.dispose()
    s.items, s.results = items, results
    return s


def refused(done, *words: str) -> str:
    assert done.returncode != 0, f"the database allowed it: {done.stdout}"
    for w in words:
        assert w in done.stderr, done.stderr
    return done.stderr.strip().splitlines()[0]


def rows(done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


# -- reading outside one's team and programs ------------------------------------------------------
def test_agent_reads_only_customers_and_items_of_own_team_and_programs(site):
    names = rows(site.psql("a1", "SELECT name FROM customers ORDER BY name"))
    assert names == ["Pelanggan A", "Pelanggan D", "Pelanggan H"]
    assert rows(site.psql("a1", f"SELECT id FROM work_items WHERE id IN ({site.items['B']}, {site.items['T']})")) == []
    assert rows(site.psql("t2", "SELECT name FROM customers")) == ["Pelanggan T"]
    assert rows(site.psql("b1", "SELECT name FROM customers ORDER BY name")) == ["Pelanggan B", "Pelanggan DB"]


def test_agent_sees_phones_only_of_customers_in_scope(site):
    assert len(rows(site.psql("a1", "SELECT e164 FROM phones"))) == 3


# -- changing what one does not hold ---------------------------------------------------------------
def test_agent_cannot_change_an_item_another_agent_holds(site):
    done = site.psql("a1", f"UPDATE work_items SET state = 'done', claimed_by_id = NULL WHERE id = {site.items['H']}")
    refused(done, "tidak Anda pegang")


def test_agent_cannot_change_an_unheld_item_other_than_by_claiming_it(site):
    refused(site.psql("a1", f"UPDATE work_items SET state = 'done' WHERE id = {site.items['A']}"), "tidak Anda pegang")
    refused(site.psql("a1", f"UPDATE work_items SET priority = 1 WHERE id = {site.items['A']}"), "tidak Anda pegang")
    # Claiming for someone else is not a claim either.
    refused(site.psql("a1", f"UPDATE work_items SET state = 'claimed', claimed_by_id = {site.ids['a2']} "
                            f"WHERE id = {site.items['A']}"), "tidak Anda pegang")


def test_agent_claims_an_item_and_then_works_it(site):
    a1 = site.ids["a1"]
    item = site.items["A"]
    assert rows(site.psql("a1", f"UPDATE work_items SET state = 'claimed', claimed_by_id = {a1}, "
                                f"claimed_from_state = 'new', claim_expires_at = now() + interval '30 min' "
                                f"WHERE id = {item} RETURNING id")) == [str(item)]
    assert rows(site.psql("a1", f"UPDATE work_items SET state = 'new', claimed_by_id = NULL, "
                                f"claimed_from_state = NULL, claim_expires_at = NULL WHERE id = {item} "
                                "RETURNING state")) == ["new"]


# -- writing under another user's id ---------------------------------------------------------------
def test_agent_cannot_write_an_attempt_under_another_users_id(site):
    done = site.psql("a2", "INSERT INTO call_attempts (work_item_id, agent_id, dialled, round_no, attempt_no, "
                           f"started_at, holiday_consent) VALUES ({site.items['H']}, {site.ids['a1']}, "
                           "'+6281200000003', 1, 1, now(), false)")
    refused(done, "row-level security", "call_attempts")


def test_agent_cannot_write_a_result_under_another_users_id_nor_on_an_item_not_held(site):
    insert = ("INSERT INTO results (work_item_id, agent_id, revision, is_current, program, reason_code, contacted, "
              "fields, next_state, review_status, qc_status, holiday_consent, created_at) VALUES "
              "({item}, {agent}, 1, true, 'CT0', 'CT-AGR', true, '{{}}', 'done', 'none', 'pending', false, now())")
    refused(site.psql("a2", insert.format(item=site.items["H"], agent=site.ids["a1"])), "row-level security", "results")
    refused(site.psql("a1", insert.format(item=site.items["H"], agent=site.ids["a1"])), "row-level security", "results")


# -- results are append-only ------------------------------------------------------------------------
def test_agent_cannot_change_or_delete_a_result_revision_even_their_own(site):
    rid = site.results["D"]
    refused(site.psql("a2", f"UPDATE results SET reason_code = 'NC-RNA' WHERE id = {rid}"), "permission denied",
            "results")
    refused(site.psql("a2", f"DELETE FROM results WHERE id = {rid}"), "permission denied", "results")
    refused(site.psql("tl", f"UPDATE results SET reason_code = 'NC-RNA' WHERE id = {rid}"), "permission denied")
    refused(site.psql("qc", f"UPDATE results SET notes = 'x' WHERE id = {rid}"), "permission denied")


# -- QC -------------------------------------------------------------------------------------------
def test_agent_cannot_approve_return_or_score_qc(site):
    rid = site.results["D"]
    refused(site.psql("a2", f"UPDATE results SET qc_status = 'approved' WHERE id = {rid}"), "permission denied")
    refused(site.psql("a2", "INSERT INTO reviews (result_id, reviewer_id, kind, score, created_at) VALUES "
                            f"({rid}, {site.ids['a2']}, 'qc_approve', 100, now())"), "permission denied", "reviews")


def test_qc_sees_agree_results_and_their_recordings_and_may_only_score(site):
    assert len(rows(site.psql("qc", "SELECT id FROM results"))) == 2
    assert len(rows(site.psql("qc", "SELECT location FROM recordings"))) == 2
    assert rows(site.psql("qc", f"UPDATE results SET qc_status = 'approved' WHERE id = {site.results['D']} "
                                "RETURNING qc_status")) == ["approved"]
    refused(site.psql("qc", "SELECT * FROM audit_log"), "permission denied")


# -- audit and recordings -----------------------------------------------------------------------------
def test_agent_cannot_read_the_audit_trail(site):
    refused(site.psql("a1", "SELECT * FROM audit_log"), "permission denied", "audit_log")
    assert rows(site.psql("adm", "SELECT count(*) FROM audit_log"))[0] != "0"


def test_agent_cannot_read_another_agents_recordings(site):
    assert rows(site.psql("a1", "SELECT location FROM recordings")) == []
    assert len(rows(site.psql("a2", "SELECT location FROM recordings"))) == 1


# -- users --------------------------------------------------------------------------------------------
def test_agent_cannot_add_or_alter_users(site):
    refused(site.psql("a1", "INSERT INTO users (username, full_name, role, active) VALUES "
                            "('evil', 'Evil', 'admin', true)"), "permission denied", "users")
    refused(site.psql("a1", f"UPDATE users SET role = 'admin' WHERE id = {site.ids['a1']}"), "permission denied")
    refused(site.psql("a1", f"SELECT sambung_set_password('{site.name('a2')}', 'SCRAM-SHA-256$4096:x$y:z')"),
            "Hanya admin")
    refused(site.psql("a1", f"ALTER ROLE {site.name('a2')} PASSWORD 'x'"), "permission denied")
    refused(site.psql("a1", f"GRANT sambung_admin TO {site.name('a1')}"), "must have admin option")
    refused(site.psql("a1", "CREATE ROLE evil LOGIN"), "permission denied")
    refused(site.psql("a1", "SELECT * FROM user_passwords"), "permission denied")


def test_team_leader_sees_and_returns_only_their_teams_results(site):
    assert rows(site.psql("tl", "SELECT id FROM results")) == [str(site.results["D"])]
    assert rows(site.psql("tl", f"UPDATE results SET review_status = 'returned' WHERE id = {site.results['DB']} "
                                "RETURNING id")) == []
    assert rows(site.psql("tlb", "SELECT id FROM results")) == [str(site.results["DB"])]


def test_agent_reads_only_deliveries_of_own_results(site):
    db = site.owner_database()
    from app.store.outbox_repo import new_message
    with db.session() as s:
        s.add(new_message("mycx", {"secret": "a2's result"}, NOW, site.results["D"]))
    db.dispose()
    assert rows(site.psql("a1", "SELECT payload FROM outbox")) == []
    assert len(rows(site.psql("a2", "SELECT payload FROM outbox"))) == 1


# -- the app shows the database's refusals as clear messages -----------------------------------------
def test_a_desktop_whose_own_checks_are_bypassed_gets_the_databases_refusal_as_a_message(site):
    from app.core.headless import command_context
    from app.core.supervision.admin import add_user
    from app.store import accounts
    from app.store.queue import WorkQueue

    db = site.connect("a1")
    try:
        forged = CurrentUser(site.ids["a1"], site.name("a1"), "A1", "admin", None)   # a tampered desktop
        with pytest.raises(DatabaseRefused) as add:
            add_user(command_context(db, forged), "evil2", "Evil", "admin")
        assert str(add.value).startswith("Ditolak oleh basis data")
        with pytest.raises(DatabaseRefused, match="Hanya admin"):
            accounts.set_password(db, site.name("a2"), "a-new-password", NOW)
        with pytest.raises(DatabaseRefused, match="tidak Anda pegang"):
            WorkQueue(db).force_release(site.items["H"], site.ids["a2"])
        with pytest.raises(DatabaseRefused, match="jejak audit"):
            with db.session() as s:
                s.execute(__import__("sqlalchemy").text("SELECT * FROM audit_log")).all()
        with pytest.raises(DatabaseRefused, match="hasil panggilan"):
            with db.session() as s:
                s.add(Result(work_item_id=site.items["H"], agent_id=site.ids["a2"], program="CT0",
                             reason_code="CT-AGR", contacted=True, fields={}, next_state="done"))
    finally:
        db.dispose()


# -- who one is -------------------------------------------------------------------------------------
def test_wrong_password_is_refused_by_psql_and_by_the_login(site):
    refused(site.psql("a1", "SELECT 1", password="not-the-password"), "password authentication failed")
    with pytest.raises(LoginRefused, match="kata sandi salah"):
        sign_in_team(site.url, site.name("a1"), "not-the-password", NOW, LoginThrottle())
    database, user = sign_in_team(site.url, site.name("a1"), site.passwords["a1"], NOW, LoginThrottle())
    try:
        assert (user.username, user.role, user.id) == (site.name("a1"), "agent", site.ids["a1"])
    finally:
        database.dispose()


def test_repeated_wrong_passwords_slow_the_login_down(site):
    throttle = LoginThrottle()
    for _ in range(3):
        with pytest.raises(LoginRefused):
            sign_in_team(site.url, site.name("b1"), "nope", NOW, throttle)
    with pytest.raises(LoginRefused, match="coba lagi dalam") as waited:
        sign_in_team(site.url, site.name("b1"), site.passwords["b1"], NOW, throttle)
    assert waited.value.wait_seconds > 0
    database, _user = sign_in_team(site.url, site.name("b1"), site.passwords["b1"], NOW + timedelta(minutes=6),
                                   throttle)
    database.dispose()


def test_a_disabled_user_cannot_log_in(site):
    from app.core.headless import command_context
    from app.core.supervision.admin import deactivate_user
    site.add_user("gone", "agent", "Tim A")
    assert rows(site.psql("gone", "SELECT 1")) == ["1"]
    db = site.owner_database()
    try:
        deactivate_user(command_context(db), site.ids["gone"])
    finally:
        db.dispose()
    refused(site.psql("gone", "SELECT 1"), "not permitted to log in")
    with pytest.raises(LoginRefused):
        sign_in_team(site.url, site.name("gone"), site.passwords["gone"], NOW, LoginThrottle())
