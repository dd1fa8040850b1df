"""A dapros file's rows checked by a process of its own, handed back a block at a time.

`CheckProcess()` starts `python -m app.services.dapros_check_process` (a frozen build:
`sambung --dapros-check`); `check(path, header, columns, program, rules, encoding, start)` has it
reopen the file at the header the caller found, runs app.services.dapros_plan.RowChecks and sends
each block of valid rows, with the errors and duplicates found since the previous one, as soon
as it holds it.  `messages()` yields them: ("block", ValidColumns, errors, duplicates), then
("done", total_rows, empty_rows, errors, duplicates).  A file that turns out unreadable half way
raises ImportFileError; a process that stops without its last message, CheckProcessFailed.

Why a process: the checks are Python and hold the interpreter lock; so do the parts of the
database writes around SQLite's own work, and a thread beside a busy one waits up to the lock's
switch interval (5 ms) every time SQLite hands the lock back — measured, a 1 s write of 100,000
rows beside a busy thread took 82 s.  In a process of its own the checks run on the second core
while the importing process writes the previous blocks.  Only the importing process writes to
the database; this one reads the file and nothing else.

The messages are pickles between this program and a copy of itself started by it: nothing
else writes to the pipe.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Iterator

try:
    from fcntl import F_SETPIPE_SZ, fcntl
except ImportError:         # Windows; Linux before Python 3.10
    F_SETPIPE_SZ = None

from app.domain.programs import Program, ProgramRules
from app.domain.text import Text, TextError
from app.platform.own_program import frozen, own_program
from app.services.dapros_rows import ValidColumns
from app.services.import_readers import ColumnIndex, ImportFileError

_PROTOCOL = pickle.HIGHEST_PROTOCOL
# The pipe this process writes into holds a few blocks (about 300 kB each) where Linux's own
# holds 64 kB: the checks run ahead while the importing process is slow on a block (its
# look-ups, a moment without a core), instead of waiting for it to read (an import of 100,000
# rows 4 % faster).  At most /proc/sys/fs/pipe-max-size, 1 MiB unless raised.
_PIPE_BYTES = 1 << 20


class CheckProcessFailed(TextError):
    """The checking process stopped without its result."""


def command() -> list[str]:
    # Without site-packages: the checks need the standard library and this package only (on
    # PYTHONPATH), and Python starts a third faster (the dapros import waits for this process).
    return own_program("--dapros-check", "app.services.dapros_check_process", site_packages=False)


def _environment() -> dict[str, str] | None:
    """From source, this program's with its own package first on the path (the interpreter has
    no site-packages; a checkout may be run from elsewhere); a build's as it is."""
    if frozen():
        return None
    root = str(Path(__file__).resolve().parents[2])
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))


class CheckProcess:
    """Started at once (it takes a tenth of a second to be ready); `check()` then names the file."""

    def __init__(self) -> None:
        # Its error output goes to a file: a pipe nobody reads until the end could fill and stop it.
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._errors, env=_environment())
        if F_SETPIPE_SZ is not None:
            try:
                fcntl(self._process.stdout.fileno(), F_SETPIPE_SZ, _PIPE_BYTES)
            except OSError:
                pass        # a lower limit on this machine: the default pipe works, a little slower

    def check(self, path: Path, header: list[str], columns: ColumnIndex, program: Program,
              rules: ProgramRules | None, encoding: str | None, start: int = 0) -> None:
        """From the `start`th data row on (RowChecks.check): the rows before are the caller's."""
        try:
            pickle.dump((str(Path(path).resolve()), header, columns, program.value, rules, encoding, start),
                        self._process.stdin, _PROTOCOL)
            self._process.stdin.close()
        except OSError:
            pass            # it died at once: messages() says so with its error output

    def messages(self) -> Iterator[tuple]:
        out = self._process.stdout
        while True:
            try:
                message = pickle.load(out)
            except EOFError:
                self._process.wait()
                self._errors.seek(0)
                why = self._errors.read().decode("utf-8", "replace").strip().splitlines()
                raise CheckProcessFailed(Text(
                    "Pemeriksaan berkas berhenti tanpa hasil (kode keluar {code}{why}); tidak ada yang diimpor.",
                    "Checking the file stopped without a result (exit code {code}{why}); nothing was imported.")
                    .format(code=self._process.returncode, why=f": {why[-1]}" if why else "")) from None
            if message[0] == "refused":
                raise ImportFileError(message[1])
            if message[0] == "block":
                message = ("block", _received(message[1]), *message[2:])
            yield message
            if message[0] == "done":
                return

    def close(self) -> None:
        """Stop the process if it still runs (the import was cancelled or failed) and wait for it."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._errors):
            stream.close()


def _check(request: tuple, out: BinaryIO) -> None:
    from app.services.dapros_plan import ImportPlan, RowChecks
    from app.services.dapros_rows import RowValidator
    from app.services.import_readers import normalise_header, open_table

    path, header, columns, program, rules, encoding, start = request
    path, program = Path(path), Program(program)
    wanted = [normalise_header(text) for text in header]

    def at_the_header(cells: list[str]) -> int:
        # The caller found the header already: the first row that reads like it is the one.
        end = len(cells)
        while end and not cells[end - 1]:
            end -= 1
        return 1 if cells[:end] == wanted else 0
    table = open_table(path, at_the_header, encoding)
    plan = ImportPlan(path, program, path.name, header, {}, "", "", account_column=columns.label(
        columns.single["account_number"]))
    told = [0, 0]               # errors and duplicates already sent

    def news() -> tuple[list, list]:
        errors, duplicates = plan.errors[told[0]:], plan.duplicates[told[1]:]
        told[:] = len(plan.errors), len(plan.duplicates)
        return errors, duplicates

    def send(block) -> None:
        pickle.dump(("block", _sendable(block), *news()), out, _PROTOCOL)
        out.flush()
    RowChecks(table, RowValidator(columns, program, rules), columns.single["account_number"]).check(
        plan, send, start)
    pickle.dump(("done", plan.total_rows, plan.empty_rows, *news()), out, _PROTOCOL)
    out.flush()


def _sendable(block: ValidColumns) -> ValidColumns:
    # The amounts as their text: pickle writes a Decimal as a call of its class, one per value,
    # which was half of this process's pickling (4 % of its time); the text is exact both ways.
    return block._replace(amount=tuple(map(str, block.amount)))


def _received(block: ValidColumns) -> ValidColumns:
    return block._replace(amount=tuple(map(Decimal, block.amount)))


def main() -> int:
    import gc
    gc.disable()            # a million short-lived objects, none in a cycle (app.platform.collection)
    out = sys.stdout.buffer
    request = pickle.load(sys.stdin.buffer)
    try:
        _check(request, out)
    except ImportFileError as exc:
        pickle.dump(("refused", str(exc)), out, _PROTOCOL)
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
