"""How a transfer's SIP answers become stages and messages (app.domain.transfer_outcome), and the watch
that publishes them once each (app.telephony.transfer; no pjsua2 needed)."""

from __future__ import annotations

import pytest

from app.domain.transfer_outcome import transfer_message, transfer_stage
from app.telephony.transfer import TransferWatch


@pytest.mark.parametrize("code,final,accepted,stage", [
    (100, False, False, "accepted"),      # pjsua's "100 Accepted": the REFER got a 2xx
    (100, False, True, "trying"),         # sipfrag 100 Trying
    (180, False, True, "ringing"),
    (183, False, True, "ringing"),
    (200, True, True, "succeeded"),
    (200, True, False, "succeeded"),      # Refer-Sub: false — accepted and taken as done
    (486, True, True, "failed"),
    (403, True, False, "failed"),         # the REFER itself refused
    (100, True, True, "failed"),          # subscription over on a provisional: nothing confirmed
])
def test_transfer_stage_follows_the_refer_then_the_sipfrag(code, final, accepted, stage):
    assert transfer_stage(code, final, accepted) == stage


@pytest.mark.parametrize("code,accepted,message", [
    (486, True, "Transfer gagal: tujuan sedang sibuk (486)"),
    (480, True, "Transfer gagal: tujuan tidak mengangkat (480)"),
    (404, True, "Transfer gagal: nomor tujuan tidak valid (404)"),
    (603, True, "Transfer gagal: tujuan menolak panggilan (603)"),
    (503, True, "Transfer gagal: (503 Service Unavailable)"),
    (405, False, "Transfer gagal: ditolak oleh jaringan (405)"),
])
def test_a_failed_transfer_says_why_in_indonesian(code, accepted, message):
    reason = "Service Unavailable" if code == 503 else ""
    assert transfer_message("failed", code, reason, refer_accepted=accepted)[0] == message


def test_a_transfer_that_timed_out_names_the_wait():
    assert transfer_message("failed", timeout_seconds=30.0) == (
        "Transfer gagal: tidak ada kepastian dalam 30 detik", "Transfer failed: no confirmation within 30 seconds")


def _watch(published: list) -> TransferWatch:
    return TransferWatch(call_id="c1", kind="blind", target="sip:tl@pbx", timeout=10, publish=published.append)


def test_watch_publishes_each_step_once_and_nothing_after_the_final_one():
    published: list = []
    watch = _watch(published)
    watch.requested()
    watch.on_status(100, "Accepted", False)
    watch.on_status(100, "Trying", False)
    watch.on_status(100, "Trying", False)           # a refreshed NOTIFY says nothing new
    watch.on_status(200, "OK", True)
    assert watch.on_status(486, "Busy Here", True) is None
    assert watch.expire() is None
    assert watch.abandon("x", "x") is None
    assert [(p.stage, p.code) for p in published] == [
        ("requested", None), ("accepted", None), ("trying", 100), ("succeeded", 200)]
    assert published[-1].final and published[-1].succeeded and watch.over


def test_watch_expiry_fails_an_open_transfer():
    published: list = []
    watch = _watch(published)
    watch.requested()
    watch.on_status(100, "Accepted", False)
    failed = watch.expire()
    assert failed is not None and failed.stage == "failed" and failed.code is None
    assert failed.message_id == "Transfer gagal: tidak ada kepastian dalam 10 detik"
    assert watch.on_status(200, "OK", True) is None, "a late success is not reported after the failure"
