"""`sambung tickets pull|import`: bring Tier-2 callback tickets in from a script (e.g. cron).

`pull` takes every ticket the Callback app offers; `import FILE` reads a ticket
spreadsheet (XLSX/CSV).  `--as USERNAME` names the acting user (team leader, admin or
Tier-2 agent).  Exit codes: 0 all imported, 1 some records were refused (listed),
2 bad arguments, unknown user or unreadable file, 3 permission denied, 4 database
cannot be opened, 5 the Callback app cannot be reached.  The work is app.core.tier2.intake.
"""

from __future__ import annotations

import argparse
import sys

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
        q.add_argument("--as", dest="actor", required=True, metavar="USERNAME", help="pengguna yang mengimpor")
        q.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import acting_user, open_database
    from app.platform.config import Settings
    from app.core.context import AppContext, CurrentUser
    from app.domain.clock import SystemClock
    from app.domain.reasons import ReasonCatalogue
    from app.domain.roles import PermissionDenied
    from app.services.errors import ServiceError
    from app.store.db import DatabaseUrlError
    from app.core.tier2.escalation import Tier2Error
    from app.core.tier2.intake import import_callback_tickets, import_ticket_xlsx

    settings = Settings.load()
    try:
        database = open_database(args)
    except DatabaseUrlError as exc:
        print(f"Galat basis data: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    client = None
    try:
        user = acting_user(database, args.actor)
        if user is None:
            print(f"Pengguna {args.actor!r} tidak ditemukan atau tidak aktif.", file=sys.stderr)
            return EXIT_BAD_ARGS
        actor = CurrentUser(user.id, user.username, user.full_name, user.role, user.team_id)
        ctx = AppContext(database=database, settings=settings, clock=SystemClock(),
                         catalogue=ReasonCatalogue.default(), user=actor)
        try:
            if args.tickets_command == "pull":
                if not settings.get("api.callback_url"):
                    print("Alamat aplikasi Callback belum diatur (api.callback_url).", file=sys.stderr)
                    return EXIT_BAD_ARGS
                from app.services.callback import CallbackClient
                client = CallbackClient.from_settings(settings)
                summary = import_callback_tickets(ctx, client)
            else:
                summary = import_ticket_xlsx(ctx, args.file)
        except PermissionDenied as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_DENIED
        except Tier2Error as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_BAD_ARGS
        except ServiceError as exc:
            print(exc.user_message, file=sys.stderr)
            return EXIT_UNREACHABLE
        print(summary.text())
        for line in summary.errors + summary.warnings:
            print(f"  {line}")
        return EXIT_REFUSED if summary.errors else EXIT_OK
    finally:
        if client is not None:
            client.close()
        database.dispose()
