"""Prospects pulled from MyCX (P-01 5.1): their work items' source, and the pick notice MyCX is owed.

app.core.supervision.dapros_pull imports them as source "mycx:<program>"; when an agent
takes one, MyCX hears it through the outbox ("mycx_pick"), so it offers the prospect to
no other tool.  Kept apart from the pull: the desk tells from the claim alone that most of
its claims owe nothing, without loading the supervision package.
"""

from __future__ import annotations

from sqlalchemy import select

from app.store.models import Customer, WorkItem
from app.store.outbox_repo import new_message

SOURCE_PREFIX = "mycx:"


def pulled_from_mycx(source: str | None) -> bool:
    return (source or "").startswith(SOURCE_PREFIX)


def pick_message(s, item_id: int, agent: str, now) -> bool:
    """Add MyCX's pick notice for a prospect pulled from MyCX to the caller's session; False for
    any other work item (a file's dapros, a Tier-2 ticket)."""
    row = s.execute(select(WorkItem.source, WorkItem.program, WorkItem.period, Customer.account_number)
                    .join(Customer, Customer.id == WorkItem.customer_id).where(WorkItem.id == item_id)).first()
    if row is None or not pulled_from_mycx(row.source):
        return False
    s.add(new_message("mycx_pick", {"account_number": row.account_number, "program": row.program,
                                    "period": row.period, "agent": agent, "picked_at": now.isoformat()}, now))
    return True
