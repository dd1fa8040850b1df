#!/usr/bin/env python3
"""Render the real windows on the demo back-ends and save screenshots to docs/screenshots/.

Run under Xvfb (`xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots.py`) or with
QT_QPA_PLATFORM=offscreen.  Drives the desk as an agent would: log in, take the next customer, call
the simulator, hang up, show the wrap-up; then the team-leader and QC desks; then the team leader's,
QC's and administrator's windows at 1366×700, the usable height of a call-center PC's screen
with a taskbar (`<desk>_1366x700.png`), and the agent's and the Tier-2 desk there with a customer
or a ticket open.  `--only small` takes just those five.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SAMBUNG_HOME", tempfile.mkdtemp(prefix="sambung-shots-"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "app.platform.secrets.MemoryKeyring")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.domain.clock import FrozenClock  # noqa: E402
from app.platform.config import Settings  # noqa: E402
from app.core.runtime import Runtime  # noqa: E402
from app.views import i18n  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def pump(seconds: float = 0.0, until=None, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + (timeout if until else seconds)
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until is not None and until():
            return
        time.sleep(0.01)
    if until is not None:
        raise TimeoutError("condition not reached")


def shot(widget, name: str) -> None:
    pump(0.3)
    path = OUT / name
    widget.grab().save(str(path))
    print("saved", path)


SMALL_SCREEN = (1366, 700)


def desks_at_small_screen(runtime, users) -> None:
    """The agent desk with a customer open and the Tier-2 desk with a ticket open, at 1366×700."""
    from app.views.main import desk_for
    width, height = SMALL_SCREEN
    for username, name in (("agent1", "agent_desk"), ("tier2a", "tier2_desk")):
        if username not in users:
            print(f"{username}: no demo user")
            continue
        desk = desk_for(runtime, users[username])
        desk.resize(width, height)
        desk.show()
        pump(until=lambda: desk.queue_model.rowCount() > 0)
        desk.next_item()
        pump(until=lambda: desk.card_data is not None and desk.bill.state not in ("loading", "empty"))
        size = desk.size()
        if (size.width(), size.height()) != SMALL_SCREEN:
            print(f"{name}: the window is {size.width()}×{size.height()}, not {width}×{height}")
        shot(desk, f"{name}_{width}x{height}.png")
        desk.release_item()
        desk.close()
        pump(until=lambda: desk._closed, timeout=10)


def supervision_at_small_screen(runtime, users) -> None:
    """The team leader's, QC's and administrator's windows at 1366×700, each as a person first sees it
    (QC with the oldest call selected), saved as <desk>_1366x700.png.  A window that cannot shrink to
    that size is reported: its screenshot would be larger and something would be off-screen."""
    from app.views.main import desk_for
    width, height = SMALL_SCREEN
    for role, desk in (("team_leader", "tl_desk"), ("qc", "qc_desk"), ("admin", "admin_desk")):
        user = next((u for u in users.values() if u.role == role), None)
        if user is None:
            print(f"{role}: no demo user")
            continue
        window = desk_for(runtime, user)
        window.resize(width, height)
        window.show()
        pump(3)
        if role == "qc" and window.model.rowCount():
            window.queue.selectRow(0)
            pump(until=lambda: window.player.duration_seconds() is not None
                 or "tidak" in window.player.message.text().lower() or "not" in window.player.message.text(),
                 timeout=10)
            pump(1)
        size = window.size()
        if (size.width(), size.height()) != SMALL_SCREEN:
            print(f"{desk}: the window is {size.width()}×{size.height()}, not {width}×{height} "
                  f"(minimum {window.minimumSizeHint().width()}×{window.minimumSizeHint().height()})")
        shot(window, f"{desk}_{width}x{height}.png")
        window.close()


def main() -> int:
    only_supervision = "--only" in sys.argv and sys.argv[sys.argv.index("--only") + 1:][:1] == ["small"]
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    import asyncio
    import qasync
    # The desks run their sessions on asyncio, as in app.views.main; `pump` drives both loops.
    asyncio.set_event_loop(qasync.QEventLoop(app, already_running=True))
    lang = os.environ.get("SAMBUNG_LANG", "id")
    i18n.install(app, lang)
    settings = Settings()
    settings.set("language", lang)
    runtime = Runtime.open(settings, demo=True)
    # Inside calling hours whenever the script runs: a working Tuesday at 10:00 WIB.
    runtime.ctx.clock = FrozenClock(datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc))
    runtime.ensure_clients()
    runtime.start_outbox()
    from app.views.login import LoginWindow
    from app.views.main import desk_for
    from app.core.demo import demo_logins
    demo_users, demo_password = demo_logins()
    login = LoginWindow(runtime.ctx, runtime.sign_in, demo_users, demo_password)
    login.show()
    login.select_username("agent1")
    if not only_supervision:
        shot(login, "login.png")
    users = {u: runtime.sign_in(u, demo_password) for u in ("agent1", "tl1", "qc1", "admin", "tier2a")}
    login.close()
    if only_supervision:
        desks_at_small_screen(runtime, users)
        supervision_at_small_screen(runtime, users)
        runtime.stop()
        return 0
    desk = desk_for(runtime, users["agent1"])
    desk.show()
    pump(until=lambda: desk.queue_model.rowCount() > 0)
    shot(desk, "agent_desk_empty.png")
    # A customer not called yet: the demo's history has used up some numbers' calls for the round.
    fresh = next((desk.queue_model.row_at(r).item_id for r in range(desk.queue_model.rowCount())
                  if desk.queue_model.row_at(r).attempts_total == 0), None)
    desk.open_item(fresh) if fresh is not None else desk.next_item()
    pump(until=lambda: desk.card_data is not None and desk.bill.state not in ("loading", "empty"))
    shot(desk, "agent_desk.png")
    if runtime.ctx.phone is not None:
        pump(until=lambda: desk.call.can_dial, timeout=15)
        desk.dial()
        try:
            pump(until=lambda: desk.call.state == "connected", timeout=10)
            pump(1.5)
            shot(desk, "agent_in_call.png")
            desk.hangup()
        except TimeoutError:
            print("the simulator did not answer; no in-call screenshot:", desk.call.state,
                  desk.call.outcome_label.text(), desk.statusBar().currentMessage())
        pump(until=lambda: desk.wrapup.isEnabled() and desk.wrapup.reason.count() > 1, timeout=10)
        desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-AGR"))
        desk.wrapup.inputs["promise_amount"].setText("12x")
        desk.wrapup.save()
        pump(until=lambda: any(l.isVisible() for l in desk.wrapup.errors.values()), timeout=5)
        shot(desk, "agent_wrapup.png")
        desk.wrapup.inputs["promise_amount"].setText("250000")     # corrected, the result is saved
        saved = []
        desk.result_saved.connect(saved.append)
        desk.wrapup.save()
        pump(until=lambda: saved, timeout=10)
        shot(desk, "agent_saved.png")
    desk.close()
    pump(until=lambda: desk._closed, timeout=10)
    for role, name in (("team_leader", "tl_dashboard.png"), ("qc", "qc_desk.png")):
        user = next((u for u in users.values() if u.role == role), None)
        if user is None:
            continue
        try:
            window = desk_for(runtime, user)
        except Exception as exc:  # noqa: BLE001 - a screen still being built is reported, not fatal
            print(f"{role}: {exc}")
            continue
        window.resize(1366, 768)
        window.show()
        pump(3)
        shot(window, name)
        if role == "team_leader":
            window.tabs.setCurrentWidget(window.escort)
            window.escort.pull_from_callback()      # the demo's Callback app is the stand-in
            pump(until=lambda: "tiket baru" in window.escort.message.text()
                 or "new ticket" in window.escort.message.text(), timeout=15)
            pump(1)
            shot(window, "tl_tickets.png")
        window.close()
    desks_at_small_screen(runtime, users)
    supervision_at_small_screen(runtime, users)
    runtime.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
