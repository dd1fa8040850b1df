"""The agent's list as it was read before issue 19, kept only as the benchmarks' peer:
one ORDER BY over the whole queue (CASE expressions no index matches) with OFFSET,
and count(*) of every visible row per page.  Not used by the program.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from app.store.models import Customer, Phone, WorkItem
from app.store.queue_pages import _row_columns, _search_order
from app.store.queue_states import CLAIMED, FINAL, RETURNED


def _visible(agent_id, now, search, programs):
    w = WorkItem
    conditions = [
        w.state.notin_(FINAL),
        or_(w.assigned_agent_id.is_(None), w.assigned_agent_id == agent_id),
        or_(w.state != RETURNED, w.assigned_agent_id == agent_id),
        or_(w.claimed_by_id.is_(None), w.claimed_by_id == agent_id,
            and_(w.state == CLAIMED, w.claim_expires_at < now)),
        w.program.in_(sorted(programs)),
    ]
    if search:
        digits = "".join(ch for ch in search if ch.isdigit())
        like = f"%{search.lower()}%"
        matches = [func.lower(Customer.name).like(like)]
        if digits:
            matches.append(Customer.account_number.like(f"%{digits}%"))
            matches.append(select(Phone.id).where(Phone.customer_id == Customer.id,
                                                  Phone.e164.like(f"%{digits}%")).exists())
        conditions.append(or_(*matches))
    return conditions


def legacy_page(database, agent_id, now, programs, search="", offset=0, limit=100):
    w = WorkItem
    stmt = (select(*_row_columns()).join(Customer, Customer.id == w.customer_id)
            .where(*_visible(agent_id, now, search, programs))
            .order_by(*_search_order(agent_id, now)).offset(offset).limit(limit))
    with database.session() as s:
        return s.execute(stmt).all()


def legacy_count(database, agent_id, now, programs, search=""):
    stmt = (select(func.count()).select_from(WorkItem).join(Customer, Customer.id == WorkItem.customer_id)
            .where(*_visible(agent_id, now, search, programs)))
    with database.session() as s:
        return s.scalar(stmt)
