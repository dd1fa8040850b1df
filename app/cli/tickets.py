"""`sambung tickets pull|import`: bring Tier-2 callback tickets in from a script (e.g. cron).

`pull` takes every ticket the Callback app offers; `import FILE` reads a ticket
spreadsheet (XLSX/CSV).  `--user NAME` names the acting user (password from SAMBUNG_PASSWORD or asked; team leader, admin or
Tier-2 agent).  Exit codes: 0 all imported, 1 some records were refused (listed),
2 bad arguments, unknown user or unreadable file, 3 permission denied, 4 database
cannot be opened, 5 the Callback app cannot be reached.  The work is app.core.tier2.intake.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import add_user_option

EXIT_OK, EXIT_REFUSED, EXIT_BAD_ARGS, EXIT_DENIED, EXIT_DATABASE, EXIT_UNREACHABLE = 0, 1, 2, 3, 4, 5


def register(subparsers) -> None:
    p = subparsers.add_parser("tickets", help="ambil/impor tiket callback Tier-2",
                              description="Memasukkan tiket callback Tier-2 ke antrean: dari aplikasi Callback "
                              "(pull) atau dari berkas XLSX/CSV (import).")
    sub = p.add_subparsers(dest="tickets_command", metavar="AKSI", required=True)
    pull = sub.add_parser("pull", help="ambil semua tiket dari aplikasi Callback (api.callback_url)")
    imp = sub.add_parser("import", help="impor tiket dari berkas XLSX/CSV")
    imp.add_argument("file", metavar="FILE", help="berkas tiket .xlsx atau .csv")
    for q in (pull, imp):
        add_user_option(q, required=True, what="mengimpor")
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, lambda ctx: _bring_in(ctx, args), database_exit=EXIT_DATABASE,
                  unknown_user_exit=EXIT_BAD_ARGS)


def _bring_in(ctx, args: argparse.Namespace) -> int:
    from app.core.tier2.escalation import Tier2Error
    from app.core.tier2.intake import CallbackUnavailable, import_ticket_xlsx, pull_callback_tickets
    from app.domain.roles import PermissionDenied

    try:
        if args.tickets_command == "pull":
            summary = pull_callback_tickets(ctx)
        else:
            summary = import_ticket_xlsx(ctx, args.file)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DENIED
    except Tier2Error as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_ARGS
    except CallbackUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    print(summary.text())
    for line in summary.errors + summary.warnings:
        print(f"  {line}")
    return EXIT_REFUSED if summary.errors else EXIT_OK
