"""Retention (DOMAIN.md rule 5): recordings and QC records older than the period go,
nothing younger — the boundary is checked on a frozen clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from app.cli import main
from app.core.supervision.retention import apply_retention, plan_retention
from app.store.models import AuditEntry, CallAttempt, Review
from tests.integration.files.conftest import seed_results

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def add_records(db, people, folder, ages: dict[str, timedelta]) -> dict[str, tuple[int, int]]:
    """One recorded attempt (with a WAV file) and one QC review per age label."""
    seed_results(db, people, 1)
    made = {}
    with db.engine.begin() as conn:
        item, result = conn.execute(select(CallAttempt.work_item_id, CallAttempt.id)).first()
        for label, age in ages.items():
            wav = folder / f"{label}.wav"
            wav.write_bytes(b"RIFF....WAVE")
            attempt = conn.execute(insert(CallAttempt.__table__).values(
                work_item_id=item, agent_id=people.agents_a[0], dialled="081234567890", round_no=1,
                attempt_no=1, started_at=NOW - age, recording_path=str(wav))).inserted_primary_key[0]
            review = conn.execute(insert(Review.__table__).values(
                result_id=1, reviewer_id=people.qc, kind="qc_approve", created_at=NOW - age)).inserted_primary_key[0]
            made[label] = (attempt, review)
        # A team leader's return of the same age is not a QC record: it stays.
        conn.execute(insert(Review.__table__).values(result_id=1, reviewer_id=people.tl_a, kind="tl_return",
                                                     created_at=NOW - 1000 * DAY))
    return made


def test_dry_run_lists_only_records_older_than_the_period_and_deletes_nothing(sqlite_db, people, tmp_path):
    made = add_records(sqlite_db, people, tmp_path, {"old": 731 * DAY, "edge": 730 * DAY,
                                                     "just_older": 730 * DAY + SECOND, "young": 10 * DAY})
    plan = plan_retention(sqlite_db, NOW, 730)
    assert {r.attempt_id for r in plan.recordings} == {made["old"][0], made["just_older"][0]}
    assert set(plan.review_ids) == {made["old"][1], made["just_older"][1]}
    assert all((tmp_path / f"{k}.wav").exists() for k in made)


def test_apply_deletes_old_files_and_qc_rows_keeps_the_boundary_and_younger_and_audits(sqlite_db, people, tmp_path):
    made = add_records(sqlite_db, people, tmp_path, {"old": 731 * DAY, "edge": 730 * DAY,
                                                     "young": 10 * DAY, "gone": 800 * DAY})
    (tmp_path / "gone.wav").unlink()          # already removed by hand: counted, not an error
    outcome = apply_retention(plan_retention(sqlite_db, NOW, 730), actor_id=people.admin)
    assert (outcome.files_deleted, outcome.files_missing, outcome.recordings_cleared,
            outcome.reviews_deleted) == (1, 1, 2, 2)
    assert not (tmp_path / "old.wav").exists()
    assert (tmp_path / "edge.wav").exists() and (tmp_path / "young.wav").exists()
    with sqlite_db.engine.connect() as conn:
        paths = dict(conn.execute(select(CallAttempt.id, CallAttempt.recording_path)).all())
        kinds = list(conn.execute(select(Review.id, Review.kind)))
        audit = conn.execute(select(AuditEntry)).one()
    assert paths[made["old"][0]] is None and paths[made["edge"][0]].endswith("edge.wav")
    assert {k for _, k in kinds} == {"qc_approve", "tl_return"}
    assert {i for i, k in kinds if k == "qc_approve"} == {made["edge"][1], made["young"][1]}
    assert (audit.action, audit.user_id, audit.details["reviews_deleted"]) == ("retention", people.admin, 2)


def test_records_that_became_younger_between_plan_and_apply_are_not_deleted(sqlite_db, people, tmp_path):
    made = add_records(sqlite_db, people, tmp_path, {"old": 900 * DAY})
    plan = plan_retention(sqlite_db, NOW, 730)
    with sqlite_db.engine.begin() as conn:
        conn.execute(Review.__table__.update().values(created_at=NOW))
    assert apply_retention(plan).reviews_deleted == 0
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(select(Review.id).where(Review.id == made["old"][1])).scalar() is not None


def test_retention_cli_dry_run_then_apply(sqlite_db, people, tmp_path, capsys):
    now = datetime.now(timezone.utc)
    add_records(sqlite_db, people, tmp_path, {"old": 1000 * DAY + (now - NOW), "young": (now - NOW) + DAY})
    assert main(["retention", "--dry-run", "--db", sqlite_db.url]) == 0
    assert "1 rekaman, 1 catatan QC" in capsys.readouterr().out and (tmp_path / "old.wav").exists()
    assert main(["retention", "--apply", "--days", "730", "--db", sqlite_db.url]) == 0
    assert not (tmp_path / "old.wav").exists() and (tmp_path / "young.wav").exists()
    assert main(["retention", "--apply", "--days", "0", "--db", sqlite_db.url]) == 2


def test_only_a_role_allowed_to_run_retention_may_plan_or_apply_it(sqlite_db, people, tmp_path):
    from app.core.context import AppContext, CurrentUser
    from app.core.supervision.retention import retention_plan, run_retention
    from app.domain.clock import FrozenClock
    from app.domain.reasons import ReasonCatalogue
    from app.domain.roles import PermissionDenied
    from app.platform.config import Settings

    made = add_records(sqlite_db, people, tmp_path, {"old": 900 * DAY})

    def ctx(user_id: int, role: str) -> AppContext:
        return AppContext(database=sqlite_db, settings=Settings(), clock=FrozenClock(NOW),
                          catalogue=ReasonCatalogue.default(), user=CurrentUser(user_id, "u", "U", role, None))
    with pytest.raises(PermissionDenied):
        retention_plan(ctx(people.tl_a, "team_leader"))
    admin = ctx(people.admin, "admin")
    plan = retention_plan(admin, 730)
    with pytest.raises(PermissionDenied):
        run_retention(ctx(people.qc, "qc"), plan)
    assert (tmp_path / "old.wav").exists()
    assert run_retention(admin, plan).reviews_deleted == 1
    with sqlite_db.engine.connect() as conn:
        audit = conn.execute(select(AuditEntry)).one()
        assert conn.execute(select(Review.id).where(Review.id == made["old"][1])).scalar() is None
    assert (audit.action, audit.user_id) == ("retention", people.admin)
