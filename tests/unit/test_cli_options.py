"""The global options (--db, --lang, -v) work before or after any sub-command."""

from __future__ import annotations

import pytest

from app.cli import _subparsers, build_parser

URL = "sqlite:///x.db"


def _leaves(parser, path=()):
    subs = list(_subparsers(parser))
    if not subs:
        yield path, parser
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*path, name))


@pytest.mark.parametrize("argv", [
    ["--db", URL, "outbox", "status"],
    ["outbox", "--db", URL, "status"],
    ["outbox", "status", "--db", URL],
    ["db", "upgrade", "--db", URL],
    ["--db", URL, "db", "upgrade"],
])
def test_db_is_accepted_wherever_a_user_types_it(argv):
    assert build_parser().parse_args(argv).db == URL


def test_an_option_before_the_sub_command_is_not_overwritten_by_its_absence_after():
    args = build_parser().parse_args(["-v", "--lang", "en", "--db", URL, "users", "list"])
    assert (args.verbose, args.lang, args.db) == (True, "en", URL)


def test_every_command_offers_the_global_options():
    for path, parser in _leaves(build_parser()):
        options = {o for a in parser._actions for o in a.option_strings}
        assert {"--db", "--lang", "-v"} <= options, " ".join(path)
