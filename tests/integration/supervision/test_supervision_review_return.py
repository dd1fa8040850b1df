"""Team leader review: return → agent re-input (a new revision) → history and status."""

from __future__ import annotations


import pytest
from sqlalchemy import func, select

from app.core.supervision import (OutsideYourScope, ResultFilters, SupervisionError, list_results, result_history,
                             return_result, returned_status)
from app.store.models import AuditEntry, Result, Review, WorkItem
from tests.integration.supervision.seed import DAY, NOW, as_user, reinput


def test_team_leader_sees_only_own_team_results_in_pages(database, seeded):
    ctx = as_user(database, seeded, "tl_a")
    rows, total = list_results(ctx, ResultFilters(date_from=DAY, date_to=DAY), 0, 2)
    assert total == 5 and len(rows) == 2
    assert rows[0].created_at >= rows[1].created_at
    more, _ = list_results(ctx, ResultFilters(date_from=DAY, date_to=DAY), 2, 10)
    ids = {r.id for r in rows + more}
    assert seeded.results["b1_agr"] not in ids and len(ids) == 5
    agree, n = list_results(ctx, ResultFilters(reason_code="CT-AGR"), 0, 10)
    assert n == 2 and {r.agent_name for r in agree} == {"Ayu Lestari", "Budi Santoso"}
    found, n = list_results(ctx, ResultFilters(search="pelanggan i2"), 0, 10)
    assert n == 1 and found[0].id == seeded.results["a1_fin"]


def test_return_sends_item_first_to_the_original_agent_with_comment_and_audit(database, seeded):
    ctx = as_user(database, seeded, "tl_a")
    rid = seeded.results["a1_fin"]
    review_id = return_result(ctx, rid, "Alasan salah: pelanggan sudah bayar")
    with database.session() as s:
        result, item = s.get(Result, rid), s.get(WorkItem, seeded.items["i2"])
        assert result.review_status == "returned" and result.is_current
        assert (item.state, item.assigned_agent_id) == ("returned", seeded.users["a1"])
        assert item.returned_comment == "Alasan salah: pelanggan sudah bayar"
        assert item.returned_by_id == seeded.users["tl_a"] and item.returned_at == NOW
        assert s.get(Review, review_id).kind == "tl_return"
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "result.return")).one()
        assert audit.user_id == seeded.users["tl_a"] and audit.target == f"result:{rid}"
    with pytest.raises(SupervisionError):
        return_result(ctx, rid, "lagi")                       # already returned


def test_return_then_reinput_shows_waiting_then_done_and_full_history(database, seeded):
    ctx = as_user(database, seeded, "tl_a")
    rid = seeded.results["a1_fin"]
    return_result(ctx, rid, "Cek ulang nominal")
    [row] = returned_status(ctx)
    assert (row.status, row.result_id, row.agent_name) == ("waiting", rid, "Ayu Lestari")
    new_id = reinput(database, rid)
    [row] = returned_status(ctx)
    assert (row.status, row.new_result_id, row.new_revision, row.new_reason_code) == ("reinput", new_id, 2,
                                                                                       "CT-PAID")
    history = result_history(ctx, seeded.items["i2"])
    assert [(h.revision, h.is_current, h.reason_code) for h in history] == [(1, False, "CT-FIN"),
                                                                            (2, True, "CT-PAID")]
    assert history[0].reviews[0].kind == "tl_return" and history[0].reviews[0].comment == "Cek ulang nominal"
    assert history[1].supersedes_id == rid


def test_return_requires_a_comment_and_refuses_superseded_or_other_team(database, seeded):
    ctx = as_user(database, seeded, "tl_a")
    with pytest.raises(SupervisionError):
        return_result(ctx, seeded.results["a1_fin"], "   ")
    with pytest.raises(SupervisionError):
        return_result(ctx, seeded.results["a2_old"], "revisi lama")
    with pytest.raises(OutsideYourScope):
        return_result(ctx, seeded.results["b1_agr"], "bukan tim saya")
    with database.session() as s:
        s.get(WorkItem, seeded.items["i1"]).state = "retry_later"
    with pytest.raises(SupervisionError):                     # item not finished yet: nothing to return
        return_result(ctx, seeded.results["a1_agr"], "belum selesai")
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 0


def test_agent_sees_own_history_but_never_another_agents_customer(database, seeded):
    mine = result_history(as_user(database, seeded, "a1"), seeded.items["i2"])
    assert [h.reason_code for h in mine] == ["CT-FIN"]
    with pytest.raises(PermissionError):
        result_history(as_user(database, seeded, "a1"), seeded.items["i3"])
    with pytest.raises(PermissionError):
        result_history(as_user(database, seeded, "tl_b"), seeded.items["i3"])


def test_returned_item_comes_first_in_the_original_agents_queue_only(database, seeded):
    from app.store.queue import WorkQueue
    with database.session() as s:                       # a fresh prospect that would otherwise come first
        s.get(WorkItem, seeded.items["i1"]).state = "new"
    return_result(as_user(database, seeded, "tl_a"), seeded.results["a2_agr"], "Nominal salah")
    queue = WorkQueue(database)
    assert queue.claim_next(seeded.users["a2"], NOW, {"WIB"}, {"CT0"}) == seeded.items["i4"]   # before "new"
    queue.release(seeded.users["a2"], seeded.items["i4"])
    assert queue.claim_next(seeded.users["a1"], NOW, {"WIB"}, {"CT0"}) == seeded.items["i1"]   # not a2's item
