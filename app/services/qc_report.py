"""Writing the QC agree-validation report form to CSV or XLSX.

Takes rows already read and checked by app.core.supervision.qc (it does no
permission checks and never touches the database); the column order follows the
paper form: tanggal, agen, pelanggan, no internet, tgl janji, nominal, one
column per checklist parameter, skor total, hasil, catatan, QC officer.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable
from zoneinfo import ZoneInfo

VERDICTS = {"approved": "Disetujui", "returned": "Dikembalikan"}


def report_header(checklist) -> list[str]:
    return (["Tanggal", "Agen", "Pelanggan", "No Internet", "Tgl Janji", "Nominal"]
            + [item.label_id for item in checklist.items]
            + ["Skor Total", "Hasil", "Catatan", "QC Officer"])


def report_values(checklist, row, zone: ZoneInfo) -> list:
    return ([row.reviewed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), row.agent, row.customer,
             row.account_number, row.promise_date.isoformat() if row.promise_date else "",
             float(row.promise_amount) if row.promise_amount is not None else ""]
            + [row.scores.get(item.key, "") for item in checklist.items]
            + [row.total if row.total is not None else "", VERDICTS.get(row.verdict, row.verdict),
               row.notes or "", row.qc_officer])


def write_qc_report(path: Path, checklist, rows: Iterable, zone: ZoneInfo) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Validasi QC")
        sheet.append(report_header(checklist))
        for row in rows:
            sheet.append(report_values(checklist, row, zone))
        book.save(tmp)
    else:
        with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh, delimiter=";")    # Excel in the id-ID locale splits on ';'
            writer.writerow(report_header(checklist))
            for row in rows:
                writer.writerow(report_values(checklist, row, zone))
    tmp.replace(path)
