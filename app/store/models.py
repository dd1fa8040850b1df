"""The persistent model of Sambung: customers, work items, call attempts, results.

Results are never overwritten: a re-input after a return is a new revision that
supersedes the old one (`is_current`).  State and code columns hold the string
values of the domain enums (app.domain.*), so the domain stays free of the ORM.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import (DDL, JSON, Boolean, Date, ForeignKey, Index, Integer, MetaData, Numeric, String,
                        Text, UniqueConstraint, event, false, func, text)
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.store.queue_states import DATED, DUE_STATES, HELD, NEW, RETURNED, SCHEDULED, UNDATED, index_where
from app.store.types import UTCDateTime


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# Named constraints, so later Alembic migrations (batch mode on SQLite) can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, Decimal: Numeric(14, 2)}


# The search indexes need pg_trgm (shipped with PostgreSQL; trusted, so a database
# owner may create it).  create_all() and the migration both make sure it is there.
event.listen(Base.metadata, "before_create",
             DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    members: Mapped[list["User"]] = relationship(back_populates="team")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))          # app.domain.roles.Role
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    team: Mapped[Team | None] = relationship(back_populates="members")


class UserPassword(Base):
    """Single-PC mode's password hash of a user (app.store.passwords), and the failures that slow
    the next try.  A team's PostgreSQL keeps passwords as its own login roles: this table stays
    empty there, and no group role may read it."""

    __tablename__ = "user_passwords"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    hash: Mapped[str | None] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime | None]
    changed_at: Mapped[datetime | None]


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_number: Mapped[str] = mapped_column(String(20), unique=True)   # internet number / SND
    name: Mapped[str] = mapped_column(String(120))
    segment: Mapped[str] = mapped_column(String(8), default="DCS")          # DES/DGS/DBS/DCS
    # app.domain.time_zones.CustomerZone: WIB/WITA/WIT, or UNK ("zona tidak diketahui"), read
    # with CustomerZone.parse.  zone_source says how the import found it (column/area_code/address/unknown).
    region: Mapped[str] = mapped_column(String(4), default="WIB")
    zone_source: Mapped[str | None] = mapped_column(String(12))
    address: Mapped[str | None] = mapped_column(String(250))
    email: Mapped[str | None] = mapped_column(String(120))
    phones: Mapped[list["Phone"]] = relationship(back_populates="customer", order_by="Phone.id",
                                                 cascade="all, delete-orphan")
    # Account-digit search (LIKE '%1234%'): a trigram index on PostgreSQL.  SQLite cannot seek a
    # middle match and scans the unique index of account numbers instead (its id is the row id).
    __table_args__ = (
        Index("ix_customers_account_search", "account_number", postgresql_using="gin",
              postgresql_ops={"account_number": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
    )


# Name search (lower(name) LIKE '%rahma%'): trigram on PostgreSQL.  SQLite scans the table for
# a middle match whatever its indexes.
Index("ix_customers_name_search", func.lower(Customer.name).label("name_lower"), postgresql_using="gin",
      postgresql_ops={"name_lower": "gin_trgm_ops"}).ddl_if(dialect="postgresql")
# SQLAlchemy cannot reflect an index on an expression and says so each time a schema is
# inspected (the demo's start, `db upgrade`): this one is ours and declared here.
warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index "
                        "ix_customers_name_search", category=SAWarning)


class Phone(Base):
    __tablename__ = "phones"
    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique (customer_id, e164) index starts with it.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    e164: Mapped[str] = mapped_column(String(20))
    label: Mapped[str | None] = mapped_column(String(40))       # "seluler", "rumah", "kantor"
    invalid: Mapped[bool] = mapped_column(Boolean, default=False)
    invalid_reason: Mapped[str | None] = mapped_column(String(200))
    invalidated_at: Mapped[datetime | None]
    customer: Mapped[Customer] = relationship(back_populates="phones")
    __table_args__ = (
        UniqueConstraint("customer_id", "e164"),
        # Phone-digit search (LIKE '%812987%'): a trigram index on PostgreSQL; SQLite scans the
        # unique (customer_id, e164) index, which holds all the search reads.
        Index("ix_phones_e164_search", "e164", postgresql_using="gin",
              postgresql_ops={"e164": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
    )


class WorkItem(Base):
    """One prospect (CT-0/PRANPC dapros) or one Tier-2 ticket to be called."""

    __tablename__ = "work_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    program: Mapped[str] = mapped_column(String(10))             # app.domain.programs.Program
    state: Mapped[str] = mapped_column(String(20), default="new")  # app.domain.workitem.WorkItemState
    priority: Mapped[int] = mapped_column(Integer, default=100)  # lower = earlier
    arrears_months: Mapped[int] = mapped_column(Integer, default=0)
    arrears_amount: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    period: Mapped[str | None] = mapped_column(String(6))        # dapros period YYYYMM
    source: Mapped[str | None] = mapped_column(String(120))      # file name or "mycx"
    external_ref: Mapped[str | None] = mapped_column(String(60))
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # owner after a return
    # The team whose agents work it (None: every team's); row-level security reads it on PostgreSQL.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    claim_expires_at: Mapped[datetime | None]
    claimed_from_state: Mapped[str | None] = mapped_column(String(20))
    next_attempt_at: Mapped[datetime | None]
    round_no: Mapped[int] = mapped_column(Integer, default=1)
    attempts_in_round: Mapped[int] = mapped_column(Integer, default=0)
    attempts_total: Mapped[int] = mapped_column(Integer, default=0)
    returned_comment: Mapped[str | None] = mapped_column(Text)
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    customer: Mapped[Customer] = relationship()
    ticket: Mapped["Ticket | None"] = relationship(back_populates="work_item", uselist=False)
    __table_args__ = (
        # Only the items someone holds (migration 0010): no query looks for a NULL holder.
        Index("ix_work_items_claimed_by", "claimed_by_id", postgresql_where=text("claimed_by_id IS NOT NULL"),
              sqlite_where=text("claimed_by_id IS NOT NULL")),
        # The queue's partial indexes (migration 0004): claim_next and the agent's
        # list read each in order, one program at a time, and stop after a page; the
        # states are literals in both the index and the queries (app.store.queue_states).
        Index("ix_work_items_new", "program", "priority", "id",
              postgresql_where=text(index_where(NEW)), sqlite_where=text(index_where(NEW))),
        # Dated rows only: the million new rows without a date would otherwise sit in its
        # NULL range, and a look for undated retries would walk them all.
        Index("ix_work_items_due", "program", "next_attempt_at", "priority", "id",
              postgresql_where=text(index_where(*DUE_STATES, extra=DATED)),
              sqlite_where=text(index_where(*DUE_STATES, extra=DATED))),
        Index("ix_work_items_undated", "program", "priority", "id",
              postgresql_where=text(index_where(*SCHEDULED, extra=UNDATED)),
              sqlite_where=text(index_where(*SCHEDULED, extra=UNDATED))),
        Index("ix_work_items_returned", "assigned_agent_id", "program", "priority", "id",
              postgresql_where=text(index_where(RETURNED)), sqlite_where=text(index_where(RETURNED))),
        Index("ix_work_items_held_by", "claimed_by_id",
              postgresql_where=text(index_where(*HELD)), sqlite_where=text(index_where(*HELD))),
        Index("ix_work_items_held_expiry", "claim_expires_at",
              postgresql_where=text(index_where(*HELD)), sqlite_where=text(index_where(*HELD))),
    )


class Ticket(Base):
    """The Tier-2 part of a work item: the escalated or repaired ticket to confirm."""

    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id"), unique=True)
    ticket_number: Mapped[str] = mapped_column(String(30), unique=True)
    ticket_type: Mapped[str] = mapped_column(String(20))          # app.domain.tier2.TicketType
    service: Mapped[str] = mapped_column(String(10))              # INDIHOME / POTS / DATIN
    rfo_cause: Mapped[str | None] = mapped_column(Text)
    rfo_repair: Mapped[str | None] = mapped_column(Text)
    repeat_reports: Mapped[int] = mapped_column(Integer, default=0)
    progress_notes: Mapped[str | None] = mapped_column(Text)
    escort_tl_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hard_complaint: Mapped[bool] = mapped_column(Boolean, default=False)
    hard_complaint_criteria: Mapped[dict[str, Any] | None]
    routed_to: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open/pending/closed/back_to_repair
    work_item: Mapped[WorkItem] = relationship(back_populates="ticket")


class CallAttempt(Base):
    """Written before the INVITE leaves, so a crash still counts the attempt."""

    __tablename__ = "call_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    phone_id: Mapped[int | None] = mapped_column(ForeignKey("phones.id"))
    dialled: Mapped[str] = mapped_column(String(40))
    round_no: Mapped[int] = mapped_column(Integer, default=1)
    attempt_no: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)   # dashboards by day
    ended_at: Mapped[datetime | None]
    answered: Mapped[bool | None] = mapped_column(Boolean)
    sip_status: Mapped[int | None] = mapped_column(Integer)
    sip_reason: Mapped[str | None] = mapped_column(String(120))
    ring_seconds: Mapped[float | None]
    talk_seconds: Mapped[float | None]
    recording_path: Mapped[str | None] = mapped_column(String(400))
    recording_error: Mapped[str | None] = mapped_column(String(400))
    suggested_reason: Mapped[str | None] = mapped_column(String(12))
    # Whether the attempt counts against the customer (app.domain.attempt_counting): None while
    # the call is on or its end is unknown (counted, the safe side), False for a site fault.
    counts: Mapped[bool | None] = mapped_column(Boolean)
    # Placed on a holiday on the strength of the customer's agreement (POJK: holidays need it).
    holiday_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # What call-progress analysis heard (app.domain.call_progress): ringback, busy, congestion,
    # sit, silence, speech or announcement; the announcement's library label; 0..1.
    cpa_class: Mapped[str | None] = mapped_column(String(16))
    cpa_label: Mapped[str | None] = mapped_column(String(40))
    cpa_confidence: Mapped[float | None]
    # Per-number limits count calls to one E.164 across records (app.store.attempt_facts).
    __table_args__ = (Index("ix_call_attempts_dialled_started", "dialled", "started_at"),)


class Result(Base):
    """A reason recorded for an attempt.  Revisions are appended, never updated."""

    __tablename__ = "results"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("call_attempts.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("results.id"))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    program: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(12), index=True)
    contacted: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    promise_date: Mapped[date | None] = mapped_column(Date)
    promise_amount: Mapped[Decimal | None]
    next_state: Mapped[str] = mapped_column(String(20))
    next_attempt_at: Mapped[datetime | None]
    summary: Mapped[str | None] = mapped_column(String(200))
    wrapup_seconds: Mapped[float | None]
    review_status: Mapped[str] = mapped_column(String(12), default="none")  # none/returned/reinput
    qc_status: Mapped[str] = mapped_column(String(12), default="n/a", index=True)  # n/a/pending/approved/returned
    # The customer agreed in this call to be called on holidays (POJK 22/2023 art. 62).
    holiday_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)   # indexed by ix_results_created_reason
    attempt: Mapped[CallAttempt | None] = relationship(foreign_keys=[attempt_id])
    work_item: Mapped[WorkItem] = relationship()
    __table_args__ = (Index("ix_results_created_reason", "created_at", "reason_code"),)


def _supersede_trigger(target, connection, **_kw) -> None:
    from app.store.revisions import statements
    for sql in statements(connection.dialect.name):
        connection.execute(text(sql))


event.listen(Result.__table__, "after_create", _supersede_trigger)


class ResultDraft(Base):
    """The wrap-up form as the agent types it, so a crash loses nothing."""

    __tablename__ = "result_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("call_attempts.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    __table_args__ = (UniqueConstraint("work_item_id", "agent_id"),)


class Review(Base):
    """A team leader's return or a QC officer's verdict on one result."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("results.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(12))      # tl_return / qc_approve / qc_return
    comment: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None]
    checklist: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # A QC verdict's listening (app.domain.qc_listening): seconds heard, the recording's length,
    # or why the officer did not listen.  None for team-leader returns and older reviews.
    heard_seconds: Mapped[float | None]
    recording_seconds: Mapped[float | None]
    unheard_reason: Mapped[str | None] = mapped_column(Text)


class OutboxMessage(Base):
    """One delivery owed to one destination; committed with the result it carries."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int | None] = mapped_column(ForeignKey("results.id"), index=True)
    destination: Mapped[str] = mapped_column(String(20))   # mycx/tamara/callback/mycx_ticket/email
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending/delivered/failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
    # The one desktop that can deliver it (a recording's file is on that PC only); None: any desktop.
    origin: Mapped[str | None] = mapped_column(String(64))
    # Who queued it (a team's PostgreSQL sets it itself: app.store.team_access); None on one PC.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)


class Recording(Base):
    """Where an attempt's recording lives in the site's recording store, and what it must hash to.

    Written with the attempt's end (the file is still only on the agent's PC: `stored_at` None);
    the outbox's upload sets `stored_at`.  QC checks the bytes it fetches against `sha256`."""

    __tablename__ = "recordings"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("call_attempts.id"), unique=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    location: Mapped[str] = mapped_column(String(400))       # the key inside the store
    size_bytes: Mapped[int] = mapped_column(Integer)
    duration_seconds: Mapped[float | None]
    sha256: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    stored_at: Mapped[datetime | None]


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[dict[str, Any] | None]
    # Written without RETURNING: on a team's PostgreSQL nobody but an admin may read the trail back,
    # not even the line they just wrote.
    __table_args__ = {"implicit_returning": False}


class AgentStateSpan(Base):
    """Time an agent spent in one state (ready, paused and why, in call, wrap-up)."""

    __tablename__ = "agent_states"
    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))        # ready/not_ready/in_call/wrap_up/logged_out
    pause_reason: Mapped[str | None] = mapped_column(String(30))  # break/prayer/coaching/system
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class ImportLayout(Base):
    """A remembered column mapping, keyed by the header signature of a file layout."""

    __tablename__ = "import_layouts"
    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    mapping: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class BillSnapshot(Base):
    """The last i-payment answer per account, shown as stale when the server fails."""

    __tablename__ = "bill_cache"
    account_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    payload: Mapped[dict[str, Any]]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportCase(Base):
    """A case Support HC escorts to the units (W-24): a hard complaint (from a call, a ticket, an
    e-mail or Sephia) or a promise ticket a team leader sent (super emergency, buzzer)."""

    __tablename__ = "support_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))              # hard_complaint / super_emergency / buzzer...
    source: Mapped[str] = mapped_column(String(12))            # call / ticket / email / sephia / tl
    status: Mapped[str] = mapped_column(String(12), default="reported")   # reported/forwarded/in_progress/closed
    work_item_id: Mapped[int | None] = mapped_column(ForeignKey("work_items.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    account_number: Mapped[str] = mapped_column(String(20))
    customer_name: Mapped[str] = mapped_column(String(120))
    segment: Mapped[str] = mapped_column(String(8))
    criteria: Mapped[dict[str, Any]] = mapped_column(default=dict)   # {"met": [...], ...} (rule 7)
    note: Mapped[str | None] = mapped_column(Text)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    sephia_id: Mapped[str | None] = mapped_column(String(30), unique=True)
    ticket_number: Mapped[str | None] = mapped_column(String(30))
    progress: Mapped[str | None] = mapped_column(Text)          # one line per update, oldest first
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    __table_args__ = (Index("ix_support_cases_open", "status", "id"),)


class FaultReport(Base):
    """A new fault reported to MyCX during a call (W-08 1.2.6): the outbox row that carries it,
    so the desk can show the ticket number the moment MyCX answers."""

    __tablename__ = "fault_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("call_attempts.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"))
    product_id: Mapped[str] = mapped_column(String(30))
    result_id: Mapped[int | None] = mapped_column(ForeignKey("results.id"))   # the wrap-up it belongs to
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MailIntake(Base):
    """One customer e-mail read from the site mailbox and routed by segment (W-89); the unique
    Message-ID makes a second read of the same mail a no-op."""

    __tablename__ = "mail_intake"
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    mailbox: Mapped[str] = mapped_column(String(80))
    sender: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(250))
    segment: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(12))               # complaint / request / information
    hard_complaint: Mapped[bool] = mapped_column(Boolean, default=False)
    routing: Mapped[str] = mapped_column(String(60))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("support_cases.id"))
    received_at: Mapped[datetime | None]
    processed_at: Mapped[datetime] = mapped_column(default=utcnow)


def _store_functions(target, connection, **_kw) -> None:
    # The SQL functions the store calls on PostgreSQL (app.store.team_access), so a schema made by
    # create_all answers the same queries as a migrated one; roles, grants and RLS stay the migration's.
    if connection.dialect.name == "postgresql":
        from app.store.team_access import plain_function_statements
        for sql in plain_function_statements():
            connection.execute(text(sql))


event.listen(Base.metadata, "after_create", _store_functions)
