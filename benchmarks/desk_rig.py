"""The agent desk as the benchmarks drive it: the real `AgentDeskWindow` on qasync (offscreen),
a core `Phone` dialling a sipp UAS directly, and a seeded agent's world on SQLite or PostgreSQL.

Used by bench_gui_stalls.py and bench_desk_dial.py; not a test fixture (no pytest, no qtbot):
the cycle is awaited on the same asyncio loop the window's desk session runs on, as in
app.views.main.  The stand-in back-ends run in a child process (`StandinProcess`), so their
threads do not compete for this process's GIL with the desk being measured.  Nothing here
may change the app's behaviour: it only builds, asks and waits.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Before anything imports Qt or reads a path: offscreen, a throw-away home, secrets in memory.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "app.platform.secrets.MemoryKeyring"
_HOME = Path(tempfile.mkdtemp(prefix="sambung-bench-home-"))
os.environ["SAMBUNG_HOME"] = str(_HOME)
os.environ["SAMBUNG_SITE_FILE"] = str(_HOME / "site.json")

from tests.fixtures.world import DAYTIME  # noqa: E402  (Wed 25 Nov 2026, 10:00 WIB)


def seed_agent_world(database, customers: int, first_number: int = 1) -> int:
    """One team, agent1, `customers` WIB prospects with a mobile and a home number each; the agent's id.
    Mobiles are +62812 and eight digits counted from `first_number` (each run its own INVITE users)."""
    from app.store.models import Customer, Phone, Team, User, WorkItem
    with database.session() as s:
        team = Team(name="Tim Bandung 1")
        s.add(team)
        s.flush()
        agent = User(username="agent1", full_name="Siti Rahayu", role="agent", team_id=team.id)
        s.add(agent)
        s.flush()
        for i in range(1, customers + 1):
            cust = Customer(account_number=f"12230{i:07d}1", name=f"Pelanggan {i}", segment="DCS",
                            region="WIB", address="Jl. Asia Afrika No. 1, Bandung")
            cust.phones = [Phone(e164=f"+62812{first_number + i - 1:08d}", label="seluler"),
                           Phone(e164=f"+62227{i:07d}", label="rumah")]
            s.add(cust)
            s.flush()
            s.add(WorkItem(customer_id=cust.id, program="PRANPC" if i % 3 == 0 else "CT0", priority=i,
                           arrears_months=2, arrears_amount=Decimal("385000"), period="202611"))
        return agent.id


def agent_context(database, agent_id: int, api: dict[str, str] | None = None, read_timeout: float = 8.0):
    """The agent's context as tests/ui/conftest.py's ui_ctx builds it, on a frozen working-day clock."""
    from app.core.context import AppContext, CurrentUser
    from app.domain.clock import FrozenClock
    from app.domain.reasons import ReasonCatalogue
    from app.platform.config import Settings
    settings = Settings()
    for key, url in (api or {}).items():
        settings.set(f"api.{key}", url)
    settings.set("api.read_timeout", read_timeout)
    return AppContext(database=database, settings=settings, clock=FrozenClock(DAYTIME),
                      catalogue=ReasonCatalogue.default(),
                      user=CurrentUser(agent_id, "agent1", "Siti Rahayu", "agent", None))


class StandinProcess:
    """Stand-in servers in a child process, one per name, sharing one API token.

    `plans` maps a name to a stand-in fault plan (app.services.standin.faults.FaultPlan fields,
    set through the stand-in's own `set_faults`); `urls[name]` is where it listens."""

    CHILD = (
        "import json, sys\n"
        "from app.services.standin import StandinServer\n"
        "plans = json.loads(sys.argv[1]); token = sys.argv[2]; servers = {}\n"
        "for name, plan in plans.items():\n"
        "    server = StandinServer(port=0, token=token).start()\n"
        "    server.set_faults(**plan)\n"
        "    servers[name] = server\n"
        "print(json.dumps({n: s.url for n, s in servers.items()}), flush=True)\n"
        "sys.stdin.read()\n"
        "for s in servers.values(): s.stop()\n")

    def __init__(self, plans: dict[str, dict[str, Any]]) -> None:
        import secrets as pysecrets
        self.token = pysecrets.token_urlsafe(18)
        self.proc = subprocess.Popen([sys.executable, "-c", self.CHILD, json.dumps(plans), self.token],
                                     cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env=dict(os.environ, SAMBUNG_HOME=str(_HOME / "standin")))
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the stand-in process did not start")
        self.urls: dict[str, str] = json.loads(line)
        from app.platform.secrets import set_secret
        set_secret("api_token", self.token)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# -- waiting on the loop (the benchmark's own qtbot) -------------------------------------------

async def until(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.01)


async def after_signal(signal, action: Callable[[], Any], timeout: float, what: str) -> tuple:
    """Connect to a Qt signal, run `action`, await the signal's first emission (its arguments)."""
    future = asyncio.get_running_loop().create_future()

    def slot(*args) -> None:
        if not future.done():
            future.set_result(args)
    signal.connect(slot)
    try:
        action()
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}") from None
    finally:
        signal.disconnect(slot)


@dataclass
class Desk:
    """A running agent desk: the context, its runtime (clients, outbox), the phone and the window."""

    ctx: Any
    runtime: Any
    window: Any
    phone: Any
    loop: asyncio.AbstractEventLoop
    cycles: int = 0
    timings: list[dict[str, float]] = field(default_factory=list)

    async def cycle(self, before_dial: Callable[[], None] | None = None,
                    after_dial: Callable[[], None] | None = None) -> dict[str, float]:
        """next → dial → answered → hang up → agree + promise → saved; wall times of each step (s).
        `before_dial`/`after_dial` run just before and after F5's handler (for the dial benchmark's marks)."""
        from PySide6.QtCore import QDate
        desk = self.window
        marks = {"start": time.perf_counter()}
        await after_signal(desk.item_opened, desk.next_item, 15, "the next customer")
        marks["opened"] = time.perf_counter()
        await until(lambda: desk.call.dial_button.isEnabled(), 10, "Dial enabled")
        if before_dial is not None:
            before_dial()
        desk.dial()                                  # what F5 runs
        if after_dial is not None:
            after_dial()
        await until(lambda: desk.call.state == "connected", 15, "the call answered")
        marks["connected"] = time.perf_counter()
        await after_signal(desk.wrapup_started, desk.hangup, 15, "the wrap-up")
        marks["wrapup"] = time.perf_counter()
        desk.wrapup.reason.setCurrentIndex(desk.wrapup.reason.findData("CT-AGR"))
        desk.wrapup.inputs["promise_date"].setDate(QDate(2026, 11, 27))
        desk.wrapup.inputs["promise_amount"].setText("385000")
        await after_signal(desk.result_saved, desk.wrapup.save_button.click, 15, "the result saved")
        marks["saved"] = time.perf_counter()
        self.ctx.clock.advance(timedelta(seconds=20))
        self.cycles += 1
        step = {"open": marks["opened"] - marks["start"], "dial_to_answer": marks["connected"] - marks["opened"],
                "hangup_to_wrapup": marks["wrapup"] - marks["connected"], "save": marks["saved"] - marks["wrapup"],
                "cycle": marks["saved"] - marks["start"]}
        self.timings.append(step)
        return step

    async def close(self) -> None:
        from PySide6.QtWidgets import QApplication
        QApplication.instance().setProperty("sambung.stopping", True)    # close without questions
        self.window.close()
        await until(lambda: self.window._closed, 15, "the desk to close its shift")
        self.window.deleteLater()
        # libDestroy and the pool's shutdown block: off the loop, as the app does at exit.
        await asyncio.get_running_loop().run_in_executor(None, self.runtime.stop)
        QApplication.instance().setProperty("sambung.stopping", False)


async def open_desk(ctx, sip_host: str, loop: asyncio.AbstractEventLoop, outbox: bool = False) -> Desk:
    """Clients, (outbox), the phone against `sip_host` (direct dialling, null audio), the window shown
    with its queue loaded and the phone running."""
    from app.core.phone import Phone
    from app.core.runtime import Runtime
    from app.telephony.events import SipConfig
    from app.views.desk.window import AgentDeskWindow
    runtime = Runtime(ctx)
    runtime._build_clients()
    if outbox:
        runtime.start_outbox(loop)
    phone = Phone(SipConfig(domain=sip_host, null_audio=True, bind_address="127.0.0.1", ring_timeout_seconds=10),
                  None, loop)
    ctx.phone = phone
    await phone.start(ctx.io)
    if not phone.running:
        raise RuntimeError(f"the phone did not start: {phone.failure}")
    window = AgentDeskWindow(ctx)
    window.show()
    await until(lambda: window.queue_model.rowCount() > 0, 15, "the queue")
    return Desk(ctx, runtime, window, phone, loop)


def qt_app():
    """The QApplication as app.views.main makes it: Indonesian, garbage collected on the GUI thread."""
    from PySide6.QtWidgets import QApplication

    from app.views import i18n
    from PySide6.QtCore import QTimer

    from app.views.gc_guard import GuiThreadCollector
    from app.views.qt_setup import before_qapplication
    before_qapplication()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sambung")
    app.setQuitOnLastWindowClosed(False)      # the benchmark, not the closed desk, ends the loop
    i18n.install(app, "id")
    app._bench_collector = GuiThreadCollector(app)
    QTimer.singleShot(2000, app._bench_collector.settle)     # as app.views.main does once the login shows
    return app


def run_on_qasync(main: Callable[[asyncio.AbstractEventLoop], Any]) -> Any:
    """Run `main(loop)` (a coroutine function) to the end on a qasync loop over the QApplication."""
    import qasync
    app = qt_app()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(main(loop))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]
