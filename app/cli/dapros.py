"""`sambung dapros pull --program CT0|PRANPC --user NAME`: take MyCX's dapros batch instead of a file (P-01 5.1).

Rows outside the program's definition (P-01 6.1-6.2), duplicates and bad data are
refused and listed; the rest join the queue, and each pick is told to MyCX through
the outbox.  `--user NAME` names the acting user (password from SAMBUNG_PASSWORD or
asked).  Exit codes: 0 all imported, 1 rows refused (listed), 2 unknown user or
refused login, 3 permission denied, 4 database cannot be opened, 5 MyCX cannot be
reached.  The work is app.core.supervision.dapros_pull.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_REFUSED, EXIT_BAD_ARGS, EXIT_DENIED, EXIT_DATABASE, EXIT_UNREACHABLE = 0, 1, 2, 3, 4, 5


def register(subparsers) -> None:
    p = subparsers.add_parser("dapros", help="ambil dapros dari MyCX (pick order)",
                              description="Mengambil dapros dari MyCX langsung, tanpa berkas.")
    sub = p.add_subparsers(dest="dapros_command", metavar="AKSI", required=True)
    pull = sub.add_parser("pull", help="ambil semua dapros satu program dari MyCX (api.mycx_url)")
    pull.add_argument("--program", required=True, type=str.upper, choices=("CT0", "PRANPC"), help="program dapros")
    from app.cli.common import add_user_option
    add_user_option(pull, required=True, what="mengimpor")
    pull.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, lambda ctx: _pull(ctx, args.program), database_exit=EXIT_DATABASE,
                  unknown_user_exit=EXIT_BAD_ARGS)


def _pull(ctx, program: str) -> int:
    from app.core.supervision.dapros_pull import MycxUnavailable, pull_dapros_from_settings
    from app.domain.roles import PermissionDenied
    try:
        result = pull_dapros_from_settings(ctx, program)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DENIED
    except MycxUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    print(result.text())
    for line in result.messages:
        print(f"  {line}")
    return EXIT_REFUSED if result.rejected else EXIT_OK
