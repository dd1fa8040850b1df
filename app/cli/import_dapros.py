"""`sambung import FILE --program CT0|PRANPC --user NAME`: import a dapros file from a script.

`--user NAME` names the acting user (password from SAMBUNG_PASSWORD or asked); only roles allowed to import dapros (team
leader, admin) may.  Prints a summary in Indonesian.  Exit codes: 0 every row
imported, 1 rows were rejected (nothing imported unless --valid-only), 2 the file
cannot be read, the mapping is unusable or the user is unknown, 3 permission
denied, 4 the database cannot be opened.  The work is the use case
app.core.supervision.imports; this module only parses arguments and reports.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE, EXIT_DENIED, EXIT_DATABASE = 0, 1, 2, 3, 4


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="impor berkas dapros (XLSX/CSV)",
                              description="Impor berkas dapros (XLSX atau CSV) menjadi antrean panggilan.")
    p.add_argument("file", metavar="FILE", help="berkas dapros .xlsx atau .csv")
    p.add_argument("--program", required=True, type=str.upper, choices=("CT0", "PRANPC"),
                   help="program dapros")
    from app.cli.common import add_user_option
    add_user_option(p, required=True, what="mengimpor")
    p.add_argument("--valid-only", action="store_true",
                   help="impor baris yang valid saja (bawaan: semua atau tidak sama sekali)")
    p.add_argument("--errors-out", metavar="FILE", help="simpan daftar galat per baris (.csv atau .xlsx)")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=KOLOM",
                   help="pemetaan kolom eksplisit, mis. --map phones='No HP' (boleh diulang)")
    p.set_defaults(func=run)


def _mapping(pairs: list[str]) -> dict | None:
    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--map harus berbentuk FIELD=KOLOM, bukan {pair!r}.")
        key = key.strip()
        if key == "phones":
            out.setdefault("phones", []).append(value.strip())
        else:
            out[key] = value.strip()
    return out or None


def run(args: argparse.Namespace) -> int:
    from app.cli.common import run_as
    return run_as(args, lambda ctx: _import(ctx, args), database_exit=EXIT_DATABASE,
                  unknown_user_exit=EXIT_UNREADABLE)


def _import(ctx, args: argparse.Namespace) -> int:
    from app.core.supervision.imports import CheckProcessFailed, DaprosImport, ImportFileError
    from app.domain.roles import PermissionDenied

    importer = DaprosImport.for_context(ctx)
    mode = "valid_only" if args.valid_only else "all_or_nothing"
    try:
        # One pass: the rows are written while the rest of the file is checked (the mode is known).
        plan, counts = importer.import_file(args.file, args.program, mapping=_mapping(args.map), mode=mode)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DENIED
    except (ImportFileError, ValueError, CheckProcessFailed) as exc:
        print(f"Berkas tidak dapat diimpor: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(plan.summary())
    print(plan.zone_summary())
    if plan.program_mismatches:
        print(f"{plan.program_mismatches} baris tidak sesuai definisi program {args.program}.")
    for err in sorted(plan.errors + plan.duplicates, key=lambda e: e.row)[:20]:
        print(f"  baris {err.row}, kolom {err.column}: {err.message}")
    if plan.rejected_rows > 20:
        print("  ... dan lainnya (gunakan --errors-out untuk daftar lengkap)")
    if args.errors_out and not plan.is_clean:
        saved = plan.save_errors(args.errors_out)
        print(f"Daftar galat disimpan di {saved}")
    print(counts.message)
    if counts.status == "imported" and counts.rejected == 0:
        return EXIT_OK
    return EXIT_REJECTED
