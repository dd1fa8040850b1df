"""Result revisions are appended, never updated: the database itself marks the superseded one.

A re-input inserts a new `results` row whose `supersedes_id` names the returned one; the
trigger made here clears the old row's `is_current` in the same statement, so no desktop
needs (or, on a team's PostgreSQL, has) the right to update a result.  The statements
are shared by the models' `create_all` and migration 0008; app.store.team_access
replaces the PostgreSQL function with a SECURITY DEFINER twin.  Nothing else here.
"""

from __future__ import annotations

SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS results_supersede AFTER INSERT ON results "
    "WHEN NEW.supersedes_id IS NOT NULL BEGIN "
    "UPDATE results SET is_current = 0 WHERE id = NEW.supersedes_id AND work_item_id = NEW.work_item_id; END",
]
POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION sambung_supersede_result() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
    "IF NEW.supersedes_id IS NOT NULL THEN UPDATE results SET is_current = false "
    "WHERE id = NEW.supersedes_id AND work_item_id = NEW.work_item_id; END IF; RETURN NULL; END $fn$",
    "DROP TRIGGER IF EXISTS results_supersede ON results",
    "CREATE TRIGGER results_supersede AFTER INSERT ON results FOR EACH ROW EXECUTE FUNCTION "
    "sambung_supersede_result()",
]


def statements(dialect: str) -> list[str]:
    return POSTGRESQL if dialect == "postgresql" else SQLITE
