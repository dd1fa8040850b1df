"""Importing a dapros file as a use case: who may, and the audit entry.

`DaprosImport(database, actor=user)` checks Permission.IMPORT_DAPROS before it
analyses or commits anything, has app.services.dapros_import read the file and
insert the rows, and adds one audit entry to the import's own transaction (an
import and its audit line commit together or not at all).  `actor=None` is the
database owner (a script run with the database's own credentials).  Screens and
the CLI use `for_context(ctx)`.  It must not read files or write rows itself.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

from app.core.context import AppContext, CurrentUser, NotLoggedIn
from app.domain.programs import Program, ProgramRules, rules_from_settings
from app.domain.roles import Permission, require
from app.services.dapros_import import DaprosImporter, ImportCounts, ImportFileError, ImportPlan, RowError
from app.store import audit
from app.store.db import Database

__all__ = ["DaprosImport", "ImportCounts", "ImportFileError", "ImportPlan", "RowError"]


class DaprosImport:
    """Analyse a dapros file, then commit the plan, as one actor."""

    def __init__(self, database: Database, *, actor: CurrentUser | None = None,
                 now: Callable[[], datetime] | None = None,
                 programs: Mapping[Program, ProgramRules] | None = None) -> None:
        """programs: the site's program definitions, which decide the arrears months of each."""
        self.actor = actor
        self._now = now
        self._rows = DaprosImporter(database, now=now, programs=programs)

    @classmethod
    def for_context(cls, ctx: AppContext) -> "DaprosImport":
        """As the logged-in user (refused later, with a message, when they may not import), with
        the site's program definitions."""
        if ctx.user is None:
            raise NotLoggedIn()
        return cls(ctx.database, actor=ctx.user, now=ctx.clock.now,
                   programs=rules_from_settings(ctx.settings.get("programs")))

    def _check(self) -> None:
        if self.actor is not None:
            require(self.actor.role, Permission.IMPORT_DAPROS)

    def analyse(self, path: str | Path, program: Program | str,
                mapping: Mapping[str, Any] | None = None) -> ImportPlan:
        self._check()
        return self._rows.analyse(path, program, mapping)

    def commit(self, plan: ImportPlan, mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
               progress: Callable[[int, int], None] | None = None,
               cancel: threading.Event | None = None) -> ImportCounts:
        self._check()

        def audited(session, counts: ImportCounts) -> None:
            audit.record(session, self.actor, "import_dapros", plan.source,
                         {"program": plan.program.value, "rows": counts.total_rows, "imported": counts.imported,
                          "rejected": counts.rejected, "mode": mode}, at=self._now() if self._now else None)
        return self._rows.commit(plan, mode, progress=progress, cancel=cancel, before_commit=audited)
