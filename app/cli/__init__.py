"""The `sambung` command: the window by default, headless sub-commands for admins,
scripts and tests.

Each sub-command lives in its own module of this package and exposes
`register(subparsers)`; the module sets `func` on its parser.  A module that is
missing is simply not offered, so the command grows one file at a time.  The
global options (--db, --lang, -v) are accepted before or after any sub-command:
`add_global_options` gives them to every parser of the tree, so no module
declares them itself.
"""

from __future__ import annotations

import argparse
import importlib
import sys


# Order is the order shown by --help.
SUBCOMMAND_MODULES = (
    "db", "call", "sip_check", "standin", "outbox", "import_dapros", "dapros", "export",
    "retention", "users", "tickets", "mail", "demo_backends", "announcements",
)


def add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # SUPPRESS under a sub-command: an option left out there must not overwrite the
    # value given before the sub-command.
    default = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--db", metavar="URL", help="database URL (sqlite:///FILE or postgresql://...)", **default)
    parser.add_argument("--lang", choices=("id", "en"), help="user-interface language (default id)", **default)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr", **default)


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:          # argparse has no public walk of its tree
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.values()


def _share_global_options(parser: argparse.ArgumentParser) -> None:
    for sub in _subparsers(parser):
        add_global_options(sub, suppress=True)
        _share_global_options(sub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sambung",
        description="Sambung - klien panggilan keluar untuk agen call center "
        "(CT-0, PRANPC, callback Tier-2). Tanpa sub-perintah: membuka jendela aplikasi.",
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--demo", action="store_true",
                        help="run on embedded demo back-ends: sample data in local SQLite, "
                        "stand-in server, local SIP customer simulator")
    add_global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue
        module.register(sub)
    _share_global_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--simulator"]:          # the demo's customer simulator inside a frozen build
        from app.core.demo import run_simulator
        return run_simulator(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    from app.platform.logging_setup import configure
    configure(verbose=args.verbose)
    if args.version:
        from app.core.diagnostics import version_report
        print(version_report(args.db))
        return 0
    if args.command is None:
        # The one edge from the CLI to the views: without a command, `sambung` is the window.
        from app.views.main import run_gui
        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
