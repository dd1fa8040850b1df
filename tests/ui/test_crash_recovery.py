"""A desktop killed during wrap-up: the restarted desk restores the draft, and the attempt counts once."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from app.store.models import CallAttempt, Result, WorkItem
from app.views.desk.window import AgentDeskWindow

CRASHING_DESK = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from app.platform.config import Settings
    from app.core.context import AppContext, CurrentUser
    from app.core.desk.desk import Desk
    from app.domain.clock import FrozenClock
    from app.domain.reasons import ReasonCatalogue
    from app.store.db import Database
    from tests.fixtures.world import DAYTIME
    db = Database({url!r})
    ctx = AppContext(database=db, settings=Settings(), clock=FrozenClock(DAYTIME),
                     catalogue=ReasonCatalogue.default(),
                     user=CurrentUser({agent}, "agent1", "Siti", "agent", None))
    desk = Desk(ctx)
    item = desk.claim_next()
    started = desk.start_attempt(item, {phone})
    desk.finish_attempt(started.attempt_id, answered=True, status_code=200, reason="OK", ring_seconds=2.0,
                        talk_seconds=30.0, recording_path=None, recording_error=None, suggested_reason=None)
    desk.save_draft(item, started.attempt_id, {{"reason_code": "CT-RTP", "fields": {{}},
                                               "notes": "pelanggan menolak, minta keringanan"}})
    print("draft saved", flush=True)
    os.kill(os.getpid(), {sigkill})
""")


def test_killed_during_wrap_up_restores_draft_and_counts_attempt_once(qtbot, ui_ctx, tmp_path):
    from tests.fixtures.world import DAYTIME  # noqa: F401 - the child imports it too
    import app
    ids = ui_ctx.services["ids"]
    script = CRASHING_DESK.format(root=str(__import__("pathlib").Path(app.__file__).parent.parent),
                                  url=ui_ctx.database.url, agent=ids["agent1"], phone=ids["phone1"],
                                  sigkill=int(signal.SIGKILL))
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "draft saved" in child.stdout

    desk = AgentDeskWindow(ui_ctx)            # the agent starts Sambung again
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.wrapup.isEnabled() and desk.wrapup.reason_code() == "CT-RTP", timeout=5000)
    assert desk.wrapup.notes.toPlainText() == "pelanggan menolak, minta keringanan"
    assert not desk.next_button.isEnabled()
    with qtbot.waitSignal(desk.result_saved):
        desk.wrapup.save_button.click()
    with ui_ctx.database.session() as s:
        assert s.scalar(select(func.count()).select_from(CallAttempt)) == 1
        assert s.get(WorkItem, ids["item1"]).attempts_total == 1
        assert s.scalars(select(Result.reason_code)).all() == ["CT-RTP"]
