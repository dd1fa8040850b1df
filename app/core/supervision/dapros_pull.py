"""Dapros from MyCX's pick order (P-01 5.1) instead of a file, with the program definitions checked.

`pull_dapros(ctx, program, client)` reads every page MyCX offers for a program and
imports it through the same analyse-then-commit path as a file
(app.core.supervision.imports), so the program's definition (P-01 6.1-6.2: CT-0 is
N+2, PRANPC N/N+1; site setting `programs.<P>.arrears_months_allowed`), duplicates and
bad numbers are refused the same way and listed.  Rows come in as source "mycx:…";
when an agent picks one, MyCX hears it through the outbox (app.core.mycx_picks), so
MyCX offers it to nobody else.  No Qt here; the HTTP is the
client's.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.core.context import AppContext
from app.core.mycx_picks import SOURCE_PREFIX
from app.core.supervision.imports import DaprosImport
from app.domain.programs import Program
from app.domain.text import Text, TextError
from app.services.import_readers import FIELD_LABELS

_COLUMNS = ("account_number", "name", "phones", "segment", "arrears_amount", "arrears_months", "period",
            "address", "email", "region")


@dataclass(frozen=True)
class PullResult:
    program: str
    offered: int
    imported: int
    outside_program: int          # refused: arrears months outside the program's definition
    rejected: int                 # every refused row (outside the program, duplicates, bad data)
    messages: tuple[str, ...]     # the first refusals, "baris N: …"

    def text(self) -> str:
        return (f"MyCX {self.program}: {self.offered} prospek, {self.imported} diimpor, {self.rejected} ditolak"
                + (f" ({self.outside_program} di luar definisi program)" if self.outside_program else ""))


def pull_dapros(ctx: AppContext, program: Program | str, client, page_size: int = 200) -> PullResult:
    program = Program(program)
    importer = DaprosImport.for_context(ctx)
    importer._check()                     # refused before anything is read
    prospects, cursor = [], None
    while True:
        page = client.fetch_dapros(program.value, page_size, cursor)
        prospects += page.items
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    if not prospects:
        return PullResult(program.value, 0, 0, 0, 0, ())
    with tempfile.TemporaryDirectory(prefix="sambung-mycx-") as folder:
        # The batch becomes a table in the file importer's own header names: one set of checks.
        path = Path(folder) / f"{SOURCE_PREFIX}{program.value}-{ctx.clock.now():%Y%m%d%H%M}.csv".replace(":", "_")
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow([FIELD_LABELS[c] for c in _COLUMNS])
            for p in prospects:
                writer.writerow([p.get("account_number"), p.get("name"),
                                 ",".join(ph["number"] for ph in p.get("phones") or []), p.get("segment"),
                                 p.get("arrears_amount"), p.get("arrears_months"), p.get("period") or "",
                                 p.get("address") or "", p.get("email") or "", p.get("region") or ""])
        plan = importer.analyse(path, program)
        plan.source = f"{SOURCE_PREFIX}{program.value}"
        counts = importer.commit(plan, "valid_only")
    refusals = sorted(plan.errors + plan.duplicates, key=lambda e: e.row)
    return PullResult(program.value, len(prospects), counts.imported, plan.program_mismatches,
                      plan.rejected_rows, tuple(f"baris {e.row}: {e.message}" for e in refusals[:20]))


class MycxUnavailable(TextError):
    """MyCX could not be reached or refused us; the message is for people."""


def pull_dapros_from_settings(ctx: AppContext, program: Program | str) -> PullResult:
    """`pull_dapros` with a MyCX client of its own, from the settings (api.mycx_url)."""
    if not ctx.settings.get("api.mycx_url"):
        raise MycxUnavailable(Text("Alamat MyCX belum diatur (api.mycx_url).",
                                   "The MyCX address is not set (api.mycx_url)."))
    from app.services.errors import ServiceError
    from app.services.mycx import MyCXClient
    client = MyCXClient.from_settings(ctx.settings)
    try:
        return pull_dapros(ctx, program, client)
    except ServiceError as exc:
        raise MycxUnavailable(exc.user_text or exc.user_message) from exc
    finally:
        client.close()
