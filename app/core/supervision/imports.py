"""Importing a dapros file as a use case: who may, and the audit entry.

`DaprosImport(database, actor=user)` checks Permission.IMPORT_DAPROS before it
analyses or commits anything, says when a file looks like another program's
(`program_doubt`: most rows' arrears months belong elsewhere, e.g. a PRANPC file
checked as CT-0), has app.services.dapros_import read the file and
insert the rows, and adds one audit entry to the import's own transaction (an
import and its audit line commit together or not at all).  `actor=None` is the
database owner (a script run with the database's own credentials).  Screens and
the CLI use `for_context(ctx)`.  It must not read files or write rows itself.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

from app.core.context import AppContext, CurrentUser, NotLoggedIn
from app.domain.programs import DEFAULT_RULES, Program, ProgramRules, rules_from_settings
from app.domain.roles import Permission, Role, require
from app.services.dapros_check_process import CheckProcessFailed
from app.services.dapros_import import DaprosImporter, ImportCounts, ImportFileError, ImportPlan, RowError
from app.store import audit
from app.store.db import Database

__all__ = ["CheckProcessFailed", "DaprosImport", "ImportCounts", "ImportFileError", "ImportPlan", "ProgramDoubt",
           "RowError", "program_doubt"]


@dataclass(frozen=True)
class ProgramDoubt:
    """Most rows of a file disagree with the program it is checked as."""

    program: Program                 # the program chosen
    disagreeing: int                 # rows whose arrears months are outside it
    rows: int                        # data rows in the file
    likely: Program | None           # the program those months belong to, when one does


def program_doubt(plan: ImportPlan, programs: dict[Program, ProgramRules] | None = None) -> ProgramDoubt | None:
    """A doubt when more than half of the data rows have arrears months of another program."""
    rows = plan.total_rows
    disagreeing = plan.program_mismatches
    if not rows or disagreeing * 2 <= rows:
        return None
    programs = programs or DEFAULT_RULES
    months = Counter(int(str(e.value).strip()) for e in plan.errors
                     if e.kind == "program" and str(e.value).strip().isdigit())
    fits = {p: sum(n for m, n in months.items() if m in rules.arrears_months_allowed)
            for p, rules in programs.items() if p != plan.program and rules.arrears_months_allowed}
    likely = max(fits, key=fits.get) if fits and max(fits.values()) > 0 else None
    return ProgramDoubt(plan.program, disagreeing, rows, likely)


class DaprosImport:
    """Analyse a dapros file, then commit the plan, as one actor."""

    def __init__(self, database: Database, *, actor: CurrentUser | None = None,
                 now: Callable[[], datetime] | None = None,
                 programs: Mapping[Program, ProgramRules] | None = None) -> None:
        """programs: the site's program definitions, which decide the arrears months of each."""
        self.actor = actor
        self._now = now
        self._programs = dict(programs) if programs else None
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

    def program_doubt(self, plan: ImportPlan) -> ProgramDoubt | None:
        """Whether the file looks like another program's (by the site's program definitions)."""
        return program_doubt(plan, self._programs)

    def commit(self, plan: ImportPlan, mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
               progress: Callable[[int, int], None] | None = None,
               cancel: threading.Event | None = None) -> ImportCounts:
        self._check()
        return self._rows.commit(plan, mode, progress=progress, cancel=cancel, before_commit=self._audited(mode),
                                 team_id=self._team_id())

    def import_file(self, path: str | Path, program: Program | str, mapping: Mapping[str, Any] | None = None,
                    mode: Literal["all_or_nothing", "valid_only"] = "all_or_nothing",
                    cancel: threading.Event | None = None) -> tuple[ImportPlan, ImportCounts]:
        """analyse() and commit() in one pass, the mode chosen up front (a script's import)."""
        self._check()
        return self._rows.import_file(path, program, mapping, mode, cancel=cancel, before_commit=self._audited(mode),
                                      team_id=self._team_id())

    def _audited(self, mode: str) -> Callable:
        """The audit entry, added to the import's own transaction."""
        def audited(session, plan: ImportPlan, counts: ImportCounts) -> None:
            audit.record(session, self.actor, "import_dapros", plan.source,
                         {"program": plan.program.value, "rows": counts.total_rows, "imported": counts.imported,
                          "rejected": counts.rejected, "mode": mode}, at=self._now() if self._now else None)
        return audited

    def _team_id(self) -> int | None:
        # A team leader's records go to their own team's agents (row-level security reads it on a team database).
        return self.actor.team_id if self.actor is not None and self.actor.role == Role.TEAM_LEADER.value else None
