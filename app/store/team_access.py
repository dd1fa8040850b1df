"""Who may read and change what on a team's PostgreSQL: group roles, grants, row-level
security (RLS) and the SQL functions the desktops call where the database must check.

Each Sambung user is a PostgreSQL login role of the same name (made by the trigger on
`users`, so the admin's "add user" is one INSERT); it is a member of exactly one group
role, `sambung_<role>` (GROUP_OF), and every group is a member of `sambung_user`.
Three tables say everything: GRANTS (group → privileges per table), POLICIES (table →
command → row rule per Sambung role) and FUNCTIONS.  A new Sambung role gets its group
from `Role` by itself and nothing else until rows are added here.  Row rules name the
caller through `sambung_uid()`/`sambung_role()`/`sambung_team()`, which read the `users`
row of `session_user`: the identity PostgreSQL authenticated, never a value a client sets.

`apply(connection)` creates or updates all of it and is safe to repeat; the migration and
`sambung db upgrade` run it as the database owner (who needs CREATEROLE).  The owner
bypasses RLS (it owns the tables), which is how the first admin gets in.  This module must
not decide business rules (the desktop checks them first, with the clear message); it
only makes sure a user connected with `psql` cannot do more than their role.
"""

from __future__ import annotations

import re
from typing import Iterable

from sqlalchemy import text

from app.domain.roles import AGENT_ROLES, Role

BASE_GROUP = "sambung_user"
HELD_STATES = ("claimed", "in_call", "wrap_up")
WORKABLE_STATES = ("new", "retry_later", "pending_until", "returned")
# The work-item columns that say what the record is: only an admin or a team leader (on an item
# nobody holds) may change them; claims, calls and results change the rest (and may make an item
# more urgent: its priority may go down, never up).
CONTENT_COLUMNS = ("customer_id", "program", "priority", "arrears_months", "arrears_amount", "period",
                   "source", "external_ref", "team_id")


def group_of(role: Role | str) -> str:
    """The group role of a Sambung role (`sambung_agent`, `sambung_team_leader`, ...)."""
    return f"sambung_{Role(role).value}"


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


A, T2, TL, QC, ADM, HC = (Role.AGENT.value, Role.TIER2.value, Role.TEAM_LEADER.value, Role.QC.value,
                          Role.ADMIN.value, Role.SUPPORT_HC.value)
QUEUE_WORKERS = tuple(r.value for r in AGENT_ROLES) + (TL,)       # roles whose desk claims items
# The programs each queue role works (app.core.desk.desk.Desk.programs); others see every program.
PROGRAMS_OF = {A: ("CT0", "PRANPC"), T2: ("TIER2",)}

ME, TEAM = "(SELECT sambung_uid())", "(SELECT sambung_team())"
TEAM_AGENT = "EXISTS (SELECT 1 FROM users tu WHERE tu.id = {col} AND tu.team_id = " + TEAM + ")"

# -- grants: group -> [(privileges, table)]; "UPDATE (a, b)" is a column grant ------------------
_QUEUE_WORK = [
    ("SELECT, UPDATE", "work_items"), ("SELECT", "customers"),
    # A number the customer gives during the call joins their card (INSERT).
    ("SELECT, INSERT, UPDATE (invalid, invalid_reason, invalidated_at)", "phones"),
    # A Tier-2 call records the ticket's progress, a hard complaint and its routing, a TL escort.
    ("SELECT, UPDATE (status, progress_notes, hard_complaint, hard_complaint_criteria, routed_to, escort_tl_id)",
     "tickets"),
    # Hard complaints flagged at the desk, fault tickets filed during a call, the e-mail intake.
    ("SELECT, INSERT, UPDATE", "support_cases"), ("SELECT, INSERT, UPDATE", "fault_reports"),
    ("SELECT, INSERT, UPDATE", "mail_intake"),
    ("SELECT, INSERT, UPDATE", "call_attempts"), ("SELECT, INSERT", "results"),
    ("SELECT, INSERT, UPDATE, DELETE", "result_drafts"), ("SELECT", "reviews"),
    # UPDATE (result_id): a fault ticket filed during the call joins the result saved after it.
    ("SELECT, INSERT, UPDATE (result_id)", "outbox"), ("INSERT", "audit_log"),
    ("SELECT, INSERT, UPDATE", "agent_states"),
    ("SELECT, INSERT, UPDATE", "bill_cache"), ("SELECT, INSERT", "recordings"),
]
_DATA_ENTRY = [
    ("SELECT, INSERT, UPDATE", "customers"), ("SELECT, INSERT, UPDATE", "phones"),
    ("SELECT, INSERT, UPDATE", "work_items"), ("SELECT, INSERT, UPDATE", "tickets"),
    ("SELECT, INSERT, UPDATE, DELETE", "import_layouts"),
]
GRANTS: dict[str, list[tuple[str, str]]] = {
    BASE_GROUP: [("SELECT", "users"), ("SELECT", "teams"), ("SELECT", "alembic_version")],
    group_of(Role.AGENT): _QUEUE_WORK,
    group_of(Role.TIER2): _QUEUE_WORK,
    group_of(Role.TEAM_LEADER): _QUEUE_WORK + _DATA_ENTRY + [
        ("UPDATE (review_status)", "results"), ("INSERT", "reviews"), ("UPDATE", "outbox"),
    ],
    group_of(Role.QC): [
        ("SELECT, UPDATE", "work_items"), ("SELECT", "customers"), ("SELECT", "phones"), ("SELECT", "tickets"),
        ("SELECT", "call_attempts"), ("SELECT, UPDATE (qc_status)", "results"), ("SELECT, INSERT", "reviews"),
        ("SELECT", "recordings"), ("INSERT", "audit_log"), ("SELECT", "agent_states"), ("SELECT", "outbox"),
    ],
    group_of(Role.ADMIN): _DATA_ENTRY + [
        ("INSERT, UPDATE (full_name, role, team_id, active)", "users"), ("INSERT, UPDATE", "teams"),
        ("SELECT, UPDATE (recording_path)", "call_attempts"), ("SELECT", "results"),
        ("SELECT, DELETE", "reviews"), ("SELECT, UPDATE", "outbox"), ("SELECT, INSERT", "audit_log"),
        ("SELECT", "agent_states"), ("SELECT", "bill_cache"), ("SELECT, DELETE", "recordings"),
        ("SELECT", "support_cases"), ("SELECT", "fault_reports"), ("SELECT", "mail_intake"),
    ],
    # Support HC escorts hard complaints and promise tickets to the units (W-24).
    group_of(Role.SUPPORT_HC): [
        ("SELECT, INSERT, UPDATE", "support_cases"), ("SELECT, UPDATE (status, progress_notes)", "tickets"),
        ("SELECT", "work_items"), ("SELECT", "customers"), ("SELECT", "mail_intake"),
        ("SELECT, INSERT", "outbox"), ("INSERT", "audit_log"),
    ],
}

# -- row rules: table -> command -> {role: predicate}; "*" is every Sambung role -------------------
def _item_scope(role: str) -> str:
    # The programs are literals, not a function's answer: the planner reads them against the
    # table's statistics and so knows most of the queue passes (a parameter it would guess at 0.5 %,
    # and then sort thousands of due items instead of walking the index to the first one).
    return (f"(program IN ({_sql_list(PROGRAMS_OF[role])}) AND (team_id IS NULL OR team_id = {TEAM}))"
            f" OR claimed_by_id = {ME} OR assigned_agent_id = {ME}")


_ITEM_VISIBLE = {A: _item_scope(A), T2: _item_scope(T2),
                 TL: f"team_id IS NULL OR team_id = {TEAM} OR claimed_by_id = {ME}",
                 QC: "EXISTS (SELECT 1 FROM results r WHERE r.work_item_id = work_items.id AND r.qc_status <> 'n/a')",
                 # Support HC: the customers of tickets and of its cases (it changes no work item).
                 HC: "EXISTS (SELECT 1 FROM tickets t WHERE t.work_item_id = work_items.id) OR EXISTS "
                     "(SELECT 1 FROM support_cases c WHERE c.work_item_id = work_items.id)",
                 ADM: "true"}
# A customer is visible through a work item the caller may see.  A function, not a sub-query: a
# sub-query would carry work_items' own policy into every plan that reads customers (the claim reads
# them four times), and planning those plans cost more than running them.
_VISIBLE_CUSTOMER = "sambung_sees_customer({table}.customer_id)"
# Through a function, not a sub-query: work_items' own policy reads results (QC), and a policy of
# results reading work_items back would be a cycle PostgreSQL refuses.
_HOLDS_ITEM = "sambung_holds({col})"


def _each(roles: Iterable[str], predicate: str) -> dict[str, str]:
    return {r: predicate for r in roles}


POLICIES: dict[str, dict[str, dict[str, str]]] = {
    "users": {"SELECT": {"*": "true"}, "INSERT": {ADM: "true"}, "UPDATE": {ADM: "true"}},
    "teams": {"SELECT": {"*": "true"}, "INSERT": {ADM: "true"}, "UPDATE": {ADM: "true"}},
    "work_items": {
        "SELECT": _ITEM_VISIBLE, "UPDATE": _ITEM_VISIBLE,
        "INSERT": {TL: f"team_id IS NULL OR team_id = {TEAM}", ADM: "true"},
    },
    "customers": {
        "SELECT": {**_each((A, T2, QC, TL, HC), "sambung_sees_customer(id)"), ADM: "true"},
        "INSERT": {TL: "true", ADM: "true"},
        "UPDATE": {TL: "sambung_sees_customer(id)", ADM: "true"},
    },
    "phones": {
        "SELECT": {**_each((A, T2, QC, TL), _VISIBLE_CUSTOMER.format(table="phones")), ADM: "true"},
        "INSERT": {**_each((A, T2), "EXISTS (SELECT 1 FROM work_items w WHERE w.customer_id = phones.customer_id"
                                    f" AND w.claimed_by_id = {ME})"),
                   TL: "true", ADM: "true"},
        "UPDATE": {**_each((A, T2), "EXISTS (SELECT 1 FROM work_items w WHERE w.customer_id = phones.customer_id"
                                    f" AND w.claimed_by_id = {ME})"),
                   TL: _VISIBLE_CUSTOMER.format(table="phones"), ADM: "true"},
    },
    "tickets": {
        "SELECT": {**_each((A, T2, TL, QC), "EXISTS (SELECT 1 FROM work_items w WHERE w.id = tickets.work_item_id)"),
                   HC: "true", ADM: "true"},
        "INSERT": {TL: "true", ADM: "true"},
        "UPDATE": {**_each((A, T2), _HOLDS_ITEM.format(col="tickets.work_item_id")),
                   TL: "EXISTS (SELECT 1 FROM work_items w WHERE w.id = tickets.work_item_id)",
                   HC: "EXISTS (SELECT 1 FROM support_cases c WHERE c.ticket_id = tickets.id)", ADM: "true"},
    },
    "call_attempts": {
        "SELECT": {**_each((A, T2, QC), f"agent_id = {ME} OR EXISTS (SELECT 1 FROM work_items w "
                                        "WHERE w.id = call_attempts.work_item_id)"),
                   TL: f"agent_id = {ME} OR {TEAM_AGENT.format(col='call_attempts.agent_id')} OR EXISTS "
                       "(SELECT 1 FROM work_items w WHERE w.id = call_attempts.work_item_id)",
                   ADM: "true"},
        "INSERT": _each(QUEUE_WORKERS, f"agent_id = {ME} AND " + _HOLDS_ITEM.format(col="work_item_id")),
        "UPDATE": {**_each(QUEUE_WORKERS, f"agent_id = {ME}"), ADM: "true"},
    },
    "results": {
        "SELECT": {**_each((A, T2), f"agent_id = {ME}"),
                   TL: f"agent_id = {ME} OR {TEAM_AGENT.format(col='results.agent_id')}",
                   QC: "qc_status <> 'n/a'", ADM: "true"},
        "INSERT": _each(QUEUE_WORKERS, f"agent_id = {ME} AND " + _HOLDS_ITEM.format(col="work_item_id")),
        "UPDATE": {TL: TEAM_AGENT.format(col="results.agent_id"), QC: "qc_status <> 'n/a'"},
    },
    "result_drafts": {cmd: _each(QUEUE_WORKERS, f"agent_id = {ME}") for cmd in ("SELECT", "INSERT", "UPDATE",
                                                                               "DELETE")},
    "reviews": {
        "SELECT": {"*": "EXISTS (SELECT 1 FROM results r WHERE r.id = reviews.result_id)"},
        "INSERT": {TL: f"reviewer_id = {ME} AND kind = 'tl_return' AND EXISTS (SELECT 1 FROM results r "
                       "WHERE r.id = reviews.result_id)",
                   QC: f"reviewer_id = {ME} AND kind LIKE 'qc\\_%' AND EXISTS (SELECT 1 FROM results r "
                       "WHERE r.id = reviews.result_id)"},
        "DELETE": {ADM: "kind LIKE 'qc\\_%'"},
    },
    # A message that carries no result (an escalation, a fault ticket, a pick notice, an e-mail...)
    # is its author's: created_by_id is set by the database (sambung_outbox_author), never by a client.
    "outbox": {
        "SELECT": {**_each((A, T2), "EXISTS (SELECT 1 FROM results r WHERE r.id = outbox.result_id) OR "
                                    "(destination = 'recording' AND EXISTS (SELECT 1 FROM call_attempts a WHERE "
                                    f"a.id = (outbox.payload->>'attempt_id')::integer AND a.agent_id = {ME})) OR "
                                    f"created_by_id = {ME}"),
                   QC: f"EXISTS (SELECT 1 FROM results r WHERE r.id = outbox.result_id) OR created_by_id = {ME}",
                   TL: "result_id IS NULL OR EXISTS (SELECT 1 FROM results r WHERE r.id = outbox.result_id)",
                   HC: f"created_by_id = {ME}",
                   ADM: "true"},
        "INSERT": {**_each(QUEUE_WORKERS,
                           "EXISTS (SELECT 1 FROM results r WHERE r.id = outbox.result_id AND r.agent_id = "
                           f"{ME}) OR (destination = 'recording' AND EXISTS (SELECT 1 FROM call_attempts a "
                           f"WHERE a.id = (outbox.payload->>'attempt_id')::integer AND a.agent_id = {ME})) OR "
                           f"(result_id IS NULL AND created_by_id = {ME})"),
                   HC: f"result_id IS NULL AND created_by_id = {ME}",
                   TL: "true", ADM: "true"},
        "UPDATE": {**_each((A, T2), f"created_by_id = {ME}"),
                   TL: "result_id IS NULL OR EXISTS (SELECT 1 FROM results r WHERE r.id = outbox.result_id)",
                   ADM: "true"},
    },
    "audit_log": {"INSERT": {"*": f"user_id = {ME}"}, "SELECT": {ADM: "true"}},
    "agent_states": {
        "SELECT": {**_each(QUEUE_WORKERS, f"agent_id = {ME}"),
                   TL: f"agent_id = {ME} OR {TEAM_AGENT.format(col='agent_states.agent_id')}",
                   QC: "true", ADM: "true"},
        "INSERT": _each(QUEUE_WORKERS, f"agent_id = {ME}"),
        "UPDATE": _each(QUEUE_WORKERS, f"agent_id = {ME}"),
    },
    "import_layouts": {cmd: {TL: "true", ADM: "true"} for cmd in ("SELECT", "INSERT", "UPDATE", "DELETE")},
    "bill_cache": {cmd: {**_each(QUEUE_WORKERS, "EXISTS (SELECT 1 FROM customers c "
                                                "WHERE c.account_number = bill_cache.account_number)"),
                         ADM: "true"} for cmd in ("SELECT", "INSERT", "UPDATE")},
    "support_cases": {
        "SELECT": {**_each((A, T2), f"created_by_id = {ME} OR " + _HOLDS_ITEM.format(col="support_cases.work_item_id")),
                   TL: f"created_by_id = {ME} OR {TEAM_AGENT.format(col='support_cases.created_by_id')} OR "
                       + _HOLDS_ITEM.format(col="support_cases.work_item_id"),
                   HC: "true", ADM: "true"},
        "INSERT": {**_each(QUEUE_WORKERS, f"created_by_id = {ME}"), HC: "true"},
        "UPDATE": {**_each(QUEUE_WORKERS, f"created_by_id = {ME} OR "
                                          + _HOLDS_ITEM.format(col="support_cases.work_item_id")),
                   HC: "true"},
    },
    "fault_reports": {
        "SELECT": {**_each((A, T2), f"agent_id = {ME} OR " + _HOLDS_ITEM.format(col="fault_reports.work_item_id")),
                   TL: f"agent_id = {ME} OR {TEAM_AGENT.format(col='fault_reports.agent_id')} OR "
                       + _HOLDS_ITEM.format(col="fault_reports.work_item_id"),
                   ADM: "true"},
        "INSERT": _each(QUEUE_WORKERS, f"agent_id = {ME} AND " + _HOLDS_ITEM.format(col="work_item_id")),
        "UPDATE": _each(QUEUE_WORKERS, f"agent_id = {ME}"),
    },
    # The site mailbox is shared: whoever runs the intake (an e-mail agent) reads and records it.
    "mail_intake": {"SELECT": {**_each(QUEUE_WORKERS, "true"), HC: "true", ADM: "true"},
                    "INSERT": _each(QUEUE_WORKERS, "true"), "UPDATE": _each(QUEUE_WORKERS, "true")},
    "recordings": {
        "SELECT": {**_each((A, T2), f"agent_id = {ME}"),
                   TL: f"agent_id = {ME} OR {TEAM_AGENT.format(col='recordings.agent_id')}",
                   QC: "EXISTS (SELECT 1 FROM results r WHERE r.attempt_id = recordings.attempt_id)",
                   ADM: "true"},
        "INSERT": _each(QUEUE_WORKERS, f"agent_id = {ME} AND EXISTS (SELECT 1 FROM call_attempts a "
                                       f"WHERE a.id = recordings.attempt_id AND a.agent_id = {ME})"),
        "DELETE": {ADM: "true"},
    },
}
# Tables no group role may touch at all, RLS on as a second lock.
CLOSED_TABLES = ("user_passwords",)
# Single-PC tables with nothing to hide between users are not listed: every table Sambung has is.


def _definer(name: str, signature: str, returns: str, body: str, language: str = "plpgsql",
             volatility: str = "VOLATILE", cost: int | None = None) -> str:
    if language == "sql" and not returns.startswith(("TABLE", "SETOF")):
        # PL/pgSQL keeps each query's plan for the session; a SQL function that cannot be inlined
        # (SECURITY DEFINER never is) plans its query at every call, and policies call these per row.
        language, body = "plpgsql", f"BEGIN RETURN ({body}); END"
    costs = f" COST {cost}" if cost else ""
    return (f"CREATE OR REPLACE FUNCTION {name}({signature}) RETURNS {returns} LANGUAGE {language} "
            f"{volatility}{costs} SECURITY DEFINER SET search_path = public, pg_temp AS $fn$\n{body}\n$fn$")


def _sees_customer_body() -> str:
    """Whether the caller may see a customer: one of its work items is visible to them (the work
    items' own rules, _ITEM_VISIBLE, applied to `w`); a team leader also sees a customer with no
    work item yet (an import in progress).  One look-up of the caller per call: policies call it
    per row."""
    def scope(role: str) -> str:
        # The same rule, its columns read from `w`, the caller from the variables.
        text = _ITEM_VISIBLE[role].replace("work_items.", "w.").replace(ME, "v_me").replace(TEAM, "v_team")
        return re.sub(r"(?<![.\w])(program|team_id|claimed_by_id|assigned_agent_id|id)(?![\w(])", r"w.\1", text)
    extra = {TL: " OR NOT EXISTS (SELECT 1 FROM work_items w WHERE w.customer_id = p_customer)"}
    branches = "\n".join(f"  ELSIF v_role = '{role}' THEN\n    RETURN EXISTS (SELECT 1 FROM work_items w "
                         f"WHERE w.customer_id = p_customer AND ({scope(role)})){extra.get(role, '')};"
                         for role in (A, T2, QC, TL, HC))
    return f"""
DECLARE
  v_me integer;
  v_role text;
  v_team integer;
BEGIN
  SELECT id, role, team_id INTO v_me, v_role, v_team FROM users WHERE username = session_user::text AND active;
  IF v_role IS NULL THEN
    RETURN false;
  ELSIF v_role = '{ADM}' THEN
    RETURN true;
{branches}
  END IF;
  RETURN false;
END"""


_PRIVILEGED_SESSION = ("(SELECT rolsuper FROM pg_roles WHERE rolname = session_user) OR session_user = "
                       "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())")
_REFUSE = "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = "

FUNCTIONS: list[tuple[str, str, str]] = [
    # (name, signature, full CREATE statement)
    ("sambung_uid", "", _definer("sambung_uid", "", "integer",
                                 "SELECT id FROM users WHERE username = session_user::text AND active",
                                 "sql", "STABLE")),
    ("sambung_role", "", _definer("sambung_role", "", "text",
                                  "SELECT role FROM users WHERE username = session_user::text AND active",
                                  "sql", "STABLE")),
    ("sambung_team", "", _definer("sambung_team", "", "integer",
                                  "SELECT team_id FROM users WHERE username = session_user::text AND active",
                                  "sql", "STABLE")),
    ("sambung_privileged", "", _definer("sambung_privileged", "", "boolean",
                                        f"SELECT coalesce({_PRIVILEGED_SESSION}, false)", "sql", "STABLE")),
    ("sambung_holds", "integer", _definer(
        "sambung_holds", "p_item integer", "boolean",
        "SELECT EXISTS (SELECT 1 FROM work_items WHERE id = p_item AND claimed_by_id = sambung_uid())",
        "sql", "STABLE")),
    ("sambung_sees_customer", "integer", _definer(
        "sambung_sees_customer", "p_customer integer", "boolean", _sees_customer_body(), "plpgsql", "STABLE",
        # Dear on purpose: the planner must check it on the few customers a plan reaches by key
        # (a claim's candidates), never on a scan of every customer (seen: 820,000 calls per claim).
        cost=10000)),
    ("sambung_guard_work_item", "", _definer("sambung_guard_work_item", "", "trigger", f"""
DECLARE
  me integer := sambung_uid();
  my_role text := sambung_role();
  held_before boolean := OLD.state IN ({_sql_list(HELD_STATES)});
  held_after boolean := NEW.state IN ({_sql_list(HELD_STATES)});
  expired boolean := OLD.claim_expires_at < now() OR (OLD.claim_expires_at IS NULL
                     AND coalesce(OLD.claimed_at, OLD.updated_at) < now() - interval '30 minutes');
  -- Priority may only rise (a lower number): a hard complaint or a super emergency makes it urgent.
  same_content boolean := ({", ".join("NEW." + c for c in CONTENT_COLUMNS if c != "priority")}) IS NOT DISTINCT FROM
                          ({", ".join("OLD." + c for c in CONTENT_COLUMNS if c != "priority")})
                          AND NEW.priority <= OLD.priority;
BEGIN
  IF me IS NULL THEN
    RETURN NEW;   -- the owner or a DBA (anyone else sees no row to update)
  END IF;
  IF my_role = '{ADM}' THEN
    RETURN NEW;
  END IF;
  IF held_before AND OLD.claimed_by_id = me THEN
    IF same_content AND (NEW.claimed_by_id IS NULL OR NEW.claimed_by_id = me) THEN
      RETURN NEW;
    END IF;
  ELSIF my_role IN ({_sql_list(QUEUE_WORKERS)}) AND NEW.state = 'claimed' AND NEW.claimed_by_id = me
        AND same_content AND (OLD.assigned_agent_id IS NULL OR OLD.assigned_agent_id = me)
        AND (OLD.state IN ({_sql_list(WORKABLE_STATES)}) OR (held_before AND expired)) THEN
    RETURN NEW;
  ELSIF held_before AND expired AND NOT held_after AND NEW.claimed_by_id IS NULL AND same_content
        AND NEW.state = coalesce(OLD.claimed_from_state, 'new') THEN
    RETURN NEW;   -- an expired hold goes back where it was claimed from
  ELSIF my_role = '{TL}' AND (NOT held_before OR (NOT held_after AND NEW.claimed_by_id IS NULL)) THEN
    RETURN NEW;   -- a team leader returns a finished item or takes one from its holder
  ELSIF my_role = '{QC}' AND NOT held_before AND NEW.state = 'returned' AND same_content THEN
    RETURN NEW;   -- QC hands an agree back for re-input
  END IF;
  {_REFUSE}format('Data #%s tidak Anda pegang: basis data menolak perubahan ini.', OLD.id);
END""")),
    ("sambung_sync_login", "", _definer("sambung_sync_login", "", "trigger", f"""
DECLARE
  grp text := 'sambung_' || NEW.role;
  existing pg_roles%ROWTYPE;
  g text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.username <> OLD.username THEN
    {_REFUSE}'Nama pengguna tidak dapat diubah.';
  END IF;
  IF NEW.username LIKE 'pg\\_%' OR NEW.username LIKE 'sambung\\_%' OR NEW.username IN ('public', 'postgres')
     OR NEW.username = (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) THEN
    {_REFUSE}format('Nama pengguna %s dicadangkan oleh basis data.', NEW.username);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = grp) THEN
    RAISE EXCEPTION 'Peran % belum punya grup di basis data; jalankan "sambung db upgrade".', NEW.role;
  END IF;
  SELECT * INTO existing FROM pg_roles WHERE rolname = NEW.username;
  IF NOT FOUND THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', NEW.username);
  ELSIF existing.rolsuper OR existing.rolcreaterole OR existing.rolbypassrls OR existing.rolreplication THEN
    {_REFUSE}format('Nama pengguna %s milik peran basis data istimewa.', NEW.username);
  END IF;
  EXECUTE format('ALTER ROLE %I %s', NEW.username, CASE WHEN NEW.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
  FOR g IN SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid
           JOIN pg_roles u ON u.oid = m.member
           WHERE u.rolname = NEW.username AND b.rolname LIKE 'sambung\\_%' AND b.rolname <> grp LOOP
    EXECUTE format('REVOKE %I FROM %I', g, NEW.username);
  END LOOP;
  EXECUTE format('GRANT %I TO %I', grp, NEW.username);
  RETURN NULL;
END""")),
    ("sambung_set_password", "text, text", _definer("sambung_set_password", "p_username text, p_verifier text",
                                                    "void", f"""
BEGIN
  IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'Kata sandi hanya dikirim sebagai verifier SCRAM, tidak pernah sebagai teks.';
  END IF;
  IF NOT (p_username = session_user::text OR sambung_role() = '{ADM}' OR sambung_privileged()) THEN
    {_REFUSE}'Hanya admin yang boleh mengganti kata sandi pengguna lain.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM users WHERE username = p_username) THEN
    RAISE EXCEPTION 'Pengguna % tidak ditemukan.', p_username;
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_username, p_verifier);
END""")),
    ("sambung_outbox_claim", "text[], text[], text, integer, timestamptz, double precision", _definer(
        "sambung_outbox_claim", "p_destinations text[], p_known text[], p_origin text, p_limit integer, "
        "p_now timestamptz, p_lease_seconds double precision", "SETOF outbox", f"""
BEGIN
  IF sambung_uid() IS NULL AND NOT sambung_privileged() THEN
    {_REFUSE}'Hanya pengguna Sambung yang boleh mengirim pesan outbox.';
  END IF;
  -- Picked once (MATERIALIZED): as `WHERE id IN (SELECT … LIMIT …)` the planner may run the
  -- subquery again per row, and a claim of one message took six.
  RETURN QUERY
  WITH picked AS MATERIALIZED (
    SELECT o.id FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= p_now
      AND (p_destinations IS NULL OR o.destination = ANY(p_destinations)
           OR NOT (o.destination = ANY(p_known)))
      AND (o.origin IS NULL OR o.origin = p_origin)
    ORDER BY o.next_attempt_at, o.id LIMIT p_limit FOR UPDATE SKIP LOCKED)
  UPDATE outbox SET next_attempt_at = p_now + make_interval(secs => p_lease_seconds), attempts = attempts + 1
  FROM picked WHERE outbox.id = picked.id AND outbox.status = 'pending'
  RETURNING outbox.*;
END""")),
    ("sambung_outbox_settle", "integer, text, timestamptz, text, integer, json, timestamptz", _definer(
        "sambung_outbox_settle", "p_id integer, p_status text, p_next timestamptz, p_error text, p_code integer, "
        "p_response json, p_now timestamptz", "boolean", f"""
DECLARE
  msg outbox%ROWTYPE;
BEGIN
  IF sambung_uid() IS NULL AND NOT sambung_privileged() THEN
    {_REFUSE}'Hanya pengguna Sambung yang boleh mencatat pengiriman outbox.';
  END IF;
  UPDATE outbox SET status = coalesce(p_status, status), next_attempt_at = coalesce(p_next, next_attempt_at),
         last_error = p_error, last_status_code = p_code, response = coalesce(p_response, response),
         delivered_at = CASE WHEN p_status = 'delivered' THEN p_now ELSE delivered_at END
  WHERE id = p_id AND status = 'pending' RETURNING * INTO msg;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF msg.destination = 'recording' AND p_status = 'delivered' THEN
    UPDATE recordings SET stored_at = p_now WHERE attempt_id = (msg.payload->>'attempt_id')::integer;
  END IF;
  RETURN true;
END""")),
    ("sambung_number_usage", "text[], timestamptz", _definer(
        "sambung_number_usage", "p_forms text[], p_day_start timestamptz", "TABLE(today bigint, in_round bigint)", """
  SELECT (SELECT count(*) FROM call_attempts a WHERE a.dialled = ANY(p_forms) AND a.started_at >= p_day_start
            AND (a.counts IS NULL OR a.counts)),
         (SELECT count(*) FROM call_attempts a JOIN work_items w ON w.id = a.work_item_id
           WHERE a.dialled = ANY(p_forms) AND a.round_no = w.round_no AND w.closed_at IS NULL
             AND (a.counts IS NULL OR a.counts))""", "sql", "STABLE")),
    ("sambung_holiday_consent", "integer", _definer(
        "sambung_holiday_consent", "p_customer integer", "boolean", """
  SELECT EXISTS (SELECT 1 FROM results r JOIN work_items w ON w.id = r.work_item_id
                 WHERE w.customer_id = p_customer AND r.is_current AND r.holiday_consent)""", "sql", "STABLE")),
    ("sambung_outbox_author", "", _definer("sambung_outbox_author", "", "trigger", """
BEGIN
  NEW.created_by_id := sambung_uid();
  RETURN NEW;
END""")),
    ("sambung_supersede_result", "", _definer("sambung_supersede_result", "", "trigger", """
BEGIN
  IF NEW.supersedes_id IS NOT NULL THEN
    UPDATE results SET is_current = false WHERE id = NEW.supersedes_id AND work_item_id = NEW.work_item_id;
  END IF;
  RETURN NULL;
END""")),
]

TRIGGERS = (
    ("work_items_guard", "work_items", "BEFORE UPDATE", "sambung_guard_work_item"),
    ("users_sync_login", "users", "AFTER INSERT OR UPDATE", "sambung_sync_login"),
    ("results_supersede", "results", "AFTER INSERT", "sambung_supersede_result"),
    ("outbox_author", "outbox", "BEFORE INSERT", "sambung_outbox_author"),
)


def policy_statements() -> list[str]:
    """One policy per table, command and Sambung role, `TO` that role's group: PostgreSQL then
    plans only the caller's own rules (an agent's claim never carries QC's sub-queries).  The group
    is the role: the `users` trigger keeps each login role in exactly its own role's group.  (A
    `role = 'agent'` test in the rule would be a parameter the planner guesses at 0.5 % selective,
    and its plans would go wrong with it.)"""
    out = [
        # Policies of earlier versions (or of a renamed role) go first: what is left is exactly the table.
        "DO $$ DECLARE p record; BEGIN FOR p IN SELECT policyname, tablename FROM pg_policies "
        "WHERE schemaname = 'public' AND policyname LIKE 'sambung\\_%' LOOP "
        "EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename); END LOOP; END $$",
    ]
    for table, commands in POLICIES.items():
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for command, roles in commands.items():
            for role, predicate in roles.items():
                if role == "*":
                    name, to, condition = f"sambung_{command.lower()}", BASE_GROUP, predicate
                else:
                    name, to, condition = f"sambung_{command.lower()}_{role}", group_of(role), predicate
                clause = f"WITH CHECK ({condition})" if command == "INSERT" else f"USING ({condition})"
                out.append(f"CREATE POLICY {name} ON {table} FOR {command} TO {to} {clause}")
    for table in CLOSED_TABLES:
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    return out


def role_statements() -> list[str]:
    groups = [group_of(r) for r in Role]
    out = []
    for name in (BASE_GROUP, *groups):
        out.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
                   f"CREATE ROLE {name} NOLOGIN; END IF; END $$")
    out += [f"GRANT {BASE_GROUP} TO {g}" for g in groups]
    return out


def grant_statements() -> list[str]:
    everyone = [BASE_GROUP, *(group_of(r) for r in Role)]
    tables = sorted({t for grants in GRANTS.values() for _p, t in grants} | set(POLICIES) | set(CLOSED_TABLES))
    out = [f"REVOKE ALL ON {t} FROM PUBLIC, {', '.join(everyone)}" for t in tables]
    for group, grants in GRANTS.items():
        out += [f"GRANT {privileges} ON {table} TO {group}" for privileges, table in grants]
    out.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {BASE_GROUP}")
    return out


def plain_function_statements() -> list[str]:
    """The functions the store calls (outbox, number usage, ...), without triggers, grants or roles:
    what a schema made by `create_all` needs to run the same queries as a migrated one."""
    triggers = {function for *_rest, function in TRIGGERS}
    return [create for name, _signature, create in FUNCTIONS if name not in triggers]


def function_statements() -> list[str]:
    out = []
    for name, signature, create in FUNCTIONS:
        out.append(create)
        out.append(f"REVOKE ALL ON FUNCTION {name}({signature}) FROM PUBLIC")
        out.append(f"GRANT EXECUTE ON FUNCTION {name}({signature}) TO {BASE_GROUP}")
    for trigger, table, when, function in TRIGGERS:
        out.append(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        out.append(f"CREATE TRIGGER {trigger} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
    return out


def statements() -> list[str]:
    """Every statement `apply` runs, in order (for review: `sambung db upgrade` prints none of them)."""
    return role_statements() + function_statements() + grant_statements() + policy_statements()


def apply(connection) -> None:
    """Create or update the group roles, functions, grants and policies (PostgreSQL only; idempotent).

    Existing Sambung users are re-synced to their group (the `users` trigger), so a database
    restored on a new cluster gets its login roles back (without passwords: set them again)."""
    if connection.dialect.name != "postgresql":
        return
    for sql in statements():
        connection.execute(text(sql))
    connection.execute(text("UPDATE users SET active = active"))


def rls_enabled(connection, enabled: bool) -> None:
    """Turn row-level security on or off on every table (the benchmark's comparison only)."""
    verb = "ENABLE" if enabled else "DISABLE"
    for table in POLICIES:
        connection.execute(text(f"ALTER TABLE {table} {verb} ROW LEVEL SECURITY"))
