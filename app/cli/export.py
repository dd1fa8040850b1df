"""`sambung export`: the team leader's reason export (CSV/XLSX) from a script.

`--user NAME` names the acting user (password from SAMBUNG_PASSWORD or asked); their role decides whether they may export
and a team leader gets their own team only.  Exit codes: 0 written, 2 bad
arguments (dates, unknown user, team or agent), 3 permission denied, 4 database
cannot be opened, 130 interrupted (no file left behind).  The work is the use case
app.core.supervision.export; this module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys
import threading
from datetime import date

EXIT_OK, EXIT_BAD_ARGS, EXIT_DENIED, EXIT_DATABASE, EXIT_INTERRUPTED = 0, 2, 3, 4, 130


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal harus berbentuk YYYY-MM-DD, bukan {text!r}") from None


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="ekspor semua reason (CSV/XLSX) untuk team leader",
                              description="Ekspor hasil panggilan (reason) ke CSV atau XLSX.")
    p.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("csv", "xlsx"), help="bawaan: dari akhiran nama berkas")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="berkas tujuan")
    p.add_argument("--program", type=str.upper, choices=("CT0", "PRANPC", "TIER2"))
    p.add_argument("--team", metavar="T", help="nama atau id tim")
    p.add_argument("--agent", metavar="USERNAME")
    p.add_argument("--reason", metavar="CODE", help="kode alasan, mis. CT-AGR")
    p.add_argument("--mask", action="store_true", help="samarkan nomor telepon dan nama pelanggan")
    p.add_argument("--all-revisions", action="store_true", help="sertakan revisi yang sudah digantikan")
    p.add_argument("--delimiter", choices=(";", ","), default=";", help="pemisah CSV (bawaan ;)")
    from app.cli.common import add_user_option
    add_user_option(p, required=True, what="mengekspor")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, lambda ctx: _export(ctx, args), database_exit=EXIT_DATABASE, unknown_user_exit=EXIT_BAD_ARGS)


def _export(ctx, args: argparse.Namespace) -> int:
    from app.core.supervision.export import ExportError, ExportFilters, export_reasons
    from app.domain.roles import PermissionDenied

    cancel = threading.Event()
    filters = ExportFilters(args.date_from, args.date_to, program=args.program, team=args.team,
                            agent=args.agent, reason=args.reason, current_only=not args.all_revisions)
    try:
        summary = export_reasons(ctx, args.output, filters, fmt=args.format, mask=args.mask,
                                 delimiter=args.delimiter, cancel=cancel)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DENIED
    except ExportError as exc:
        print(f"Ekspor gagal: {exc}", file=sys.stderr)
        return EXIT_BAD_ARGS
    except KeyboardInterrupt:
        cancel.set()
        print("Ekspor dibatalkan; tidak ada berkas yang ditulis.", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"{summary.rows} baris diekspor ke {summary.path} ({summary.seconds:.1f} detik).")
    return EXIT_OK
