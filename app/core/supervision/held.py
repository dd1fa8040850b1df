"""Held items, for a team leader: what an agent holds (claimed, in a call, in wrap-up),
by whom and for how long, and taking it back — released for anyone, or reassigned
to one agent.  A desktop that crashed mid-call leaves such an item; its time to
live frees it anyway (app.store.queue.expire_stale), this is the TL's hand on it
before that.  Every release writes an audit line.  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from app.core.context import AppContext, acting
from app.core.supervision.common import AGENT_ROLES, OutsideYourScope, SupervisionError, team_scope
from app.domain.roles import Permission
from app.domain.text import Text
from app.store import audit
from app.store.models import User
from app.store.queue import WorkQueue


@dataclass(frozen=True)
class HeldRow:
    item_id: int
    state: str
    holder_id: int
    holder_name: str
    holder_active: bool
    customer_name: str
    program: str
    held_seconds: float | None       # since the claim
    overdue: bool                    # past its time to live: the next claim releases it


def _queue(ctx: AppContext) -> WorkQueue:
    return WorkQueue.from_settings(ctx.database, ctx.settings)


def held_items(ctx: AppContext) -> list[HeldRow]:
    """Everything held by the actor's team (all teams for an admin), oldest claim first."""
    user = acting(ctx, Permission.VIEW_TEAM)
    queue = _queue(ctx)
    now = ctx.clock.now()
    stale = set()
    rows = queue.held(team_scope(user))
    for h in rows:
        expires = h.claim_expires_at or (h.claimed_at + queue.claim_ttl if h.claimed_at else None)
        if expires is None or expires < now:
            stale.add(h.item_id)
    return [HeldRow(h.item_id, h.state, h.holder_id, h.holder_name or h.holder_username, h.holder_active,
                    h.customer_name, h.program,
                    (now - h.claimed_at).total_seconds() if h.claimed_at else None, h.item_id in stale)
            for h in rows]


def release_held(ctx: AppContext, item_id: int, holder_id: int, to_agent_id: int | None = None) -> None:
    """Take the item from `holder_id`: back in the queue for anyone, or reserved for
    `to_agent_id` (an active agent of the actor's team)."""
    user = acting(ctx, Permission.VIEW_TEAM)
    team = team_scope(user)
    with ctx.database.session() as s:
        holder = s.get(User, holder_id)
        if holder is None or (team is not None and holder.team_id != team):
            raise OutsideYourScope(Text("Data ini dipegang agen di luar tim Anda.",
                                        "An agent outside your team holds this customer."))
        if to_agent_id is not None:
            target = s.get(User, to_agent_id)
            if target is None or not target.active or target.role not in AGENT_ROLES:
                raise SupervisionError(Text("Agen tujuan tidak ditemukan atau tidak aktif.",
                                                "The agent to hand it to is not found or not active."))
            if team is not None and target.team_id != team:
                raise OutsideYourScope(Text("Agen tujuan bukan anggota tim Anda.",
                                                "The agent to hand it to is not in your team."))
    if not _queue(ctx).force_release(item_id, holder_id, assign_to=to_agent_id):
        raise SupervisionError(Text(f"Data #{item_id} sudah tidak dipegang agen tersebut; muat ulang daftar.",
                                    f"Customer #{item_id} is no longer held by that agent; reload the list."))
    with ctx.database.session() as s:
        audit.record(s, user, "queue.release_held" if to_agent_id is None else "queue.reassign_held",
                     f"work_item:{item_id}", {"holder": holder_id, "to": to_agent_id}, at=ctx.clock.now())


__all__ = ["HeldRow", "held_items", "release_held"]
