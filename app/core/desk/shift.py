"""The agent's shift at the desk: ready or paused, one customer session after another.

`Shift` holds the current `DeskSession` and opens the next one only when the last
one may be left (the wrap-up gate).  It resumes a wrap-up left open by a crash, lets
a pause chosen during a call or wrap-up take effect once the result is saved, and
on close ends the session properly (hang up and store the call, give an undialled
customer back, keep a wrap-up's draft) and records the logout.  No Qt here.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from app.core.context import AppContext
from app.core.desk.desk import Desk
from app.core.desk.errors import DeskError
from app.core.desk.session import DeskSession, SessionEnd, SessionState
from app.core.events import Changes, Fact
from app.domain.text import Text, words_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgentState:
    state: str                       # ready / not_ready
    pause_reason: str | None = None  # break / prayer / coaching / system

    @property
    def ready(self) -> bool:
        return self.state == "ready"


READY = AgentState("ready")

BUSY_MESSAGES = {"calling": "Masih ada panggilan aktif.",
                 "wrap_up": "Simpan hasil panggilan terakhir dulu.",
                 "not_ready": "Anda belum siap: pilih Siap (Ctrl+P) untuk menerima pelanggan."}


class Shift:
    def __init__(self, ctx: AppContext, record_dir: Path | None = None) -> None:
        self.ctx = ctx
        self.desk = Desk(ctx)
        self.phone = ctx.phone
        self.record_dir = record_dir
        self.session: DeskSession | None = None
        self.agent_state = READY
        self._pending_state: AgentState | None = None
        self.session_opened: Fact[DeskSession] = Fact("session_opened")
        self.session_closed: Fact[SessionEnd] = Fact("session_closed")
        self.nothing_claimed: Fact[None] = Fact("nothing_claimed")     # queue empty or outside calling hours
        self.take_refused: Fact[Text] = Fact("take_refused")            # why the picked customer cannot be taken
        self.resuming: Fact[int] = Fact("resuming")                    # a wrap-up left open is restored
        self.agent_state_changed: Fact[AgentState] = Fact("agent_state_changed")
        self.failed: Fact[Text | str] = Fact("failed")               # a Text when the error carries one
        self.warmed_up: Fact[None] = Fact("warmed_up")                 # the login's warm-up is done
        self._tasks: set[asyncio.Task] = set()
        self._warming: asyncio.Task | None = None
        self._closing = False

    # -- life --------------------------------------------------------------------------------
    async def start(self) -> None:
        await self._io(self.desk.set_agent_state, "ready")
        item_id = await self._io(self.desk.unfinished_item)
        if item_id is not None:
            self.resuming.emit(item_id)
            self._open(item_id)
        else:
            self._warming = self._keep(self._warm_up())

    async def _warm_up(self) -> None:
        try:
            await self._io(self.desk.warm_up)
        except Exception:  # noqa: BLE001 - only the first Next is slower
            log.warning("could not prepare the claim", exc_info=True)
        self.warmed_up.emit(None)

    async def close(self) -> None:
        """The window is closing (or the program stopping): end the customer properly, log out."""
        self._closing = True
        if self.session is not None:
            await self.session.close()
        for task in list(self._tasks):
            task.cancel()
        try:
            await self._io(self.desk.set_agent_state, "logged_out")
        except Exception:  # noqa: BLE001 - the next login closes the span anyway
            log.warning("could not record the logout", exc_info=True)

    # -- customers ---------------------------------------------------------------------------
    def busy_reason(self) -> str | None:
        """Why the agent may not take another customer now: calling / wrap_up / not_ready, or None."""
        if self.session is not None and self.session.gated:
            return "calling" if self.session.state is SessionState.CALLING else "wrap_up"
        if not self.agent_state.ready:
            return "not_ready"
        return None

    def next(self) -> None:
        why = self.busy_reason()
        if why:
            raise DeskError(BUSY_MESSAGES[why])
        self._keep(self._claim(self.desk.claim_next))

    def take(self, item_id: int) -> None:
        """The customer the agent picked from the list; the one open now stays open when this one
        cannot be taken (`take_refused` says why: not due yet, someone else's, outside hours)."""
        if self.session is not None and self.session.item_id == item_id and self.session.state is not SessionState.CLOSED:
            return
        why = self.busy_reason()
        if why:
            raise DeskError(BUSY_MESSAGES[why])
        self._keep(self._take(item_id))

    async def _take(self, item_id: int) -> None:
        if not await self._io(self.desk.claim, item_id):
            self.take_refused.emit(await self._io(self.desk.why_not_claimable, item_id))
            return
        previous = self.session
        if previous is not None and previous.state is not SessionState.CLOSED:
            await previous.close()           # an undialled customer goes back to the queue
        self._open(item_id)

    def release(self) -> None:
        """Give the open customer back (not once dialled: the result is owed)."""
        if self.session is None or self.session.state is SessionState.CLOSED:
            return
        self.session.release()

    async def _claim(self, claim: Callable[[], int | None]) -> None:
        previous = self.session
        if previous is not None and previous.state is not SessionState.CLOSED:
            await previous.close()           # an undialled customer goes back to the queue
        if self._warming is not None and not self._warming.done():
            # A Next right after login waits for the warm-up instead of building and compiling the
            # same statements beside it (the window waiting for the interpreter lock meanwhile).
            await asyncio.wait({self._warming})
        item_id = await self._io(claim)
        if item_id is None:
            self.ctx.changed.emit(Changes(queue=True, initiator=self))
            self.nothing_claimed.emit(None)
            return
        self._open(item_id)

    def _open(self, item_id: int) -> None:
        session = DeskSession(self.desk, item_id, phone=self.phone, record_dir=self.record_dir,
                              auto_dial_seconds=int(self.ctx.settings.get("desk.auto_dial_seconds") or 0))
        self.session = session
        session.result_saved.connect(lambda _saved: self._apply_pending_state())
        session.wrapup_cancelled.connect(lambda _item: self._apply_pending_state())
        session.closed.connect(self.session_closed.emit)
        self.session_opened.emit(session)
        self.ctx.changed.emit(Changes(queue=True, item_id=item_id, initiator=self))
        task = session.start()
        task.add_done_callback(self._session_done)

    def _session_done(self, task: asyncio.Task) -> None:
        if task.cancelled() or task.exception() is None:
            return
        exc = task.exception()
        log.error("desk session failed", exc_info=exc)
        self.failed.emit(words_of(exc))

    # -- ready / pause -------------------------------------------------------------------------
    def choose_state(self, state: AgentState) -> None:
        """Ready or a pause; during a call or wrap-up it takes effect when the result is saved."""
        self.agent_state = state
        self.agent_state_changed.emit(state)
        if self.session is not None and self.session.gated:
            self._pending_state = state
            return
        self._record_state(state)

    def _apply_pending_state(self) -> None:
        state, self._pending_state = self._pending_state or self.agent_state, None
        self._record_state(state)

    def _record_state(self, state: AgentState) -> None:
        self._keep(self._io(self.desk.set_agent_state, state.state, state.pause_reason))
        self.ctx.changed.emit(Changes(agent_state=True, initiator=self))

    # -- helpers -------------------------------------------------------------------------------
    async def _io(self, fn: Callable, *args):
        return await asyncio.get_running_loop().run_in_executor(self.ctx.io, partial(fn, *args))

    def _keep(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                exc = t.exception()
                if not isinstance(exc, DeskError):
                    log.error("desk task failed", exc_info=exc)
                self.failed.emit(words_of(exc))
        task.add_done_callback(done)
        return task
