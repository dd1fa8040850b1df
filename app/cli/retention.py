"""`sambung retention --dry-run|--apply`: delete recordings and QC records past the
retention period (DOMAIN.md rule 5; Settings `retention_days`, default 730).

--dry-run only reports what would go.  The command acts as the database owner.
Exit codes: 0 done, 1 some recording files could not be deleted (kept for the next
run), 2 bad arguments, 4 database error.  The work is the use case
app.core.supervision.retention.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("retention", help="hapus rekaman dan catatan QC yang melewati masa retensi",
                              description="Retensi data: rekaman panggilan dan catatan QC lebih tua dari "
                              "masa retensi (bawaan 730 hari) dihapus.")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="tampilkan saja, jangan hapus")
    mode.add_argument("--apply", action="store_true", help="hapus sekarang")
    p.add_argument("--days", type=int, help="masa retensi dalam hari (bawaan: pengaturan retention_days)")
    from app.cli.common import add_user_option
    add_user_option(p, what="menjalankan retensi (admin)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    if args.days is not None and args.days < 1:
        print("Masa retensi minimal 1 hari.", file=sys.stderr)
        return 2
    return run_as(args, lambda ctx: _retention(ctx, args), database_exit=4, unknown_user_exit=2)


def _retention(ctx, args: argparse.Namespace) -> int:
    from app.core.supervision.retention import retention_plan, run_retention

    try:
        plan = retention_plan(ctx, args.days)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(plan.summary())
    if args.dry_run:
        print("Uji coba (--dry-run): tidak ada yang dihapus.")
        return 0
    outcome = run_retention(ctx, plan)
    print(outcome.summary())
    return 1 if outcome.files_failed else 0
