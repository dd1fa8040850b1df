"""`sambung mail intake`: read the site mailbox and route each new e-mail by segment (W-89), e.g. from cron.

`--user NAME` names the e-mail agent (password from SAMBUNG_PASSWORD or asked; none:
the system).  Exit codes: 0 done, 2 bad arguments, a refused login or the units'
addresses not set, 3 permission denied, 4 database cannot be opened, 5 the mailbox cannot be reached.  The work is
app.core.tier2.email_intake; the forwards leave through the outbox (`sambung outbox deliver`).
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_BAD_ARGS, EXIT_DENIED, EXIT_DATABASE, EXIT_UNREACHABLE = 0, 2, 3, 4, 5


def register(subparsers) -> None:
    p = subparsers.add_parser("mail", help="baca kotak surat pelanggan dan teruskan per segmen",
                              description="Membaca e-mail pelanggan dari kotak surat situs (IMAP) dan "
                              "meneruskannya sesuai segmen (W-89).")
    sub = p.add_subparsers(dest="mail_command", metavar="AKSI", required=True)
    intake = sub.add_parser("intake", help="baca e-mail baru dan teruskan (pengaturan mail_intake)")
    from app.cli.common import add_user_option
    add_user_option(intake, what="membaca (agen e-mail)")
    intake.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, _intake, database_exit=EXIT_DATABASE, unknown_user_exit=EXIT_BAD_ARGS)


def _intake(ctx) -> int:
    from app.core.tier2.email_intake import IntakeNotConfigured, MailboxUnreachable, take_in_site_mailbox
    from app.domain.roles import PermissionDenied
    try:
        summary = take_in_site_mailbox(ctx)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DENIED
    except IntakeNotConfigured as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_ARGS
    except MailboxUnreachable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    print(summary.text())
    return EXIT_OK
