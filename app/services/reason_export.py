"""Writing the "all reasons" export (DOMAIN.md rule 4) to a CSV or XLSX file.

Rows stream from a server-side cursor straight into the file, so a million results
keep memory flat; the file is written under a temporary name in the target folder
and renamed only when complete, so a cancel or a crash never leaves a half file
under the chosen name.  Who may export, which team they see and the audit entry
are the use case's (app.core.supervision.export): this module is handed a team
already decided and checks no permission.  It must not load all rows into memory
nor build ORM objects.
"""

from __future__ import annotations

import csv
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import DateTime, func, select, type_coerce

from app.domain.phone import InvalidPhoneNumber, normalize
from app.domain.reasons import ReasonCatalogue
from app.domain.text import Text, TextError
from app.store.db import Database
from app.store.models import CallAttempt, Customer, Result, Team, User, WorkItem

log = logging.getLogger(__name__)

#: Indonesia keeps no daylight saving; the site's zone is WIB unless the caller says otherwise.
WIB = timezone(timedelta(hours=7), "WIB")
COLUMNS = ("Tanggal", "Jam", "Agen", "Nama Agen", "Tim", "Program", "No Internet", "Nama Pelanggan",
           "Telepon", "Kode Alasan", "Alasan", "Terhubung", "Tgl Janji Bayar", "Nominal Janji", "Catatan",
           "Revisi", "Status QC", "Durasi Bicara (detik)", "Status SIP", "Panggilan Tersambung",
           "CPA Terdengar", "CPA Label", "CPA Keyakinan")
_WIDTHS = (11, 9, 14, 22, 14, 9, 15, 26, 16, 11, 28, 10, 14, 14, 40, 7, 13, 12, 22, 12, 14, 22, 10)
_ACCOUNT = COLUMNS.index("No Internet")
_QC_LABELS = {"n/a": "-", "pending": "menunggu", "approved": "disetujui", "returned": "dikembalikan"}
_YIELD = 5000
_PROGRESS_EVERY = 10000

_R, _U, _T, _W, _C, _A = (Result.__table__, User.__table__, Team.__table__, WorkItem.__table__,
                          Customer.__table__, CallAttempt.__table__)


@dataclass(frozen=True)
class ExportFilters:
    date_from: date
    date_to: date                       # inclusive
    program: str | None = None
    team: str | int | None = None       # team name or id
    agent: str | None = None            # username
    reason: str | None = None           # reason code
    current_only: bool = True           # superseded revisions left out


@dataclass
class ExportSummary:
    path: Path
    rows: int
    cancelled: bool = False
    seconds: float = 0.0


class ExportError(TextError, ValueError):
    """The export cannot run as asked (unknown team or agent, bad dates)."""


def mask_phone(text: str | None) -> str:
    """'081234567890' -> '0812****7890'; whatever cannot be parsed keeps only its last 4 digits."""
    if not text:
        return ""
    try:
        return normalize(text).masked()
    except (InvalidPhoneNumber, ValueError):
        digits = "".join(ch for ch in text if ch.isdigit())
        return "*" * max(len(digits) - 4, 0) + digits[-4:]


def mask_name(text: str | None) -> str:
    """'Budi Santoso' -> 'Bu*** Sa***'."""
    return " ".join(word[:2] + "***" for word in (text or "").split())


def _national(dialled: str | None) -> str:
    if not dialled:
        return ""
    try:
        return normalize(dialled).national
    except (InvalidPhoneNumber, ValueError):
        return dialled


def export_format(path: Path, fmt: str | None, filters: ExportFilters) -> str:
    """The file format asked for (or told by the suffix), once the request makes sense."""
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt not in ("csv", "xlsx"):
        raise ExportError(Text(f"Format ekspor tidak dikenal: {fmt!r}; gunakan csv atau xlsx.",
                               f"Unknown export format: {fmt!r}; use csv or xlsx."))
    if filters.date_to < filters.date_from:
        raise ExportError(Text("Tanggal akhir ekspor lebih awal dari tanggal mulai.",
                               "The export's end date is before its start date."))
    return fmt


def team_id_of(database: Database, team: str | int | None) -> int | None:
    """The id of a team given by name or id; None when no team is asked for."""
    if team in (None, ""):
        return None
    col = _T.c.id if isinstance(team, int) or str(team).isdigit() else _T.c.name
    value = int(team) if col is _T.c.id else str(team)
    with database.engine.connect() as conn:
        found = conn.execute(select(_T.c.id).where(col == value)).scalar()
    if found is None:
        raise ExportError(Text(f"Tim {team!r} tidak ditemukan.", f"Team {team!r} not found."))
    return found


def write_reasons(database: Database, path: str | Path, *, filters: ExportFilters, team_id: int | None,
                  fmt: str | None = None, mask: bool = False, delimiter: str = ";", tz: timezone = WIB,
                  catalogue: ReasonCatalogue | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancel: threading.Event | None = None) -> ExportSummary:
    """Write the reasons matching `filters` (limited to `team_id` when given) to `path`;
    progress(done, total) every 10,000 rows.  A cancel leaves no file and says so."""
    path = Path(path)
    fmt = export_format(path, fmt, filters)
    with database.engine.connect() as conn:
        stmt, count = _query(conn, filters, team_id, tz)
        total = conn.execute(count).scalar_one()
    labels = {r.code: r.label_id for r in (catalogue or ReasonCatalogue.default())}
    shape = _Shape(labels, tz, mask)
    raw = _stream(database, stmt, cancel)
    writer = _write_xlsx if fmt == "xlsx" else _write_csv
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(Text(f"Tidak dapat menulis di folder {path.parent}: {exc.strerror or exc}.",
                               f"Cannot write in the folder {path.parent}: {exc.strerror or exc}.")) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        written = writer(tmp, raw, shape, total, progress, delimiter)
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise ExportError(Text(f"Berkas {path.name} tidak dapat ditimpa; mungkin sedang dibuka di Excel. "
                                   "Tutup berkas itu lalu ulangi.",
                                   f"The file {path.name} cannot be overwritten; it may be open in Excel. "
                                   "Close it and try again.")) from exc
    except _Cancelled:
        tmp.unlink(missing_ok=True)
        log.info("reason export to %s cancelled", path.name)
        return ExportSummary(path, 0, cancelled=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("reason export: %d rows to %s (%s)", written, path.name, fmt)
    return ExportSummary(path, written)


def _query(conn, f: ExportFilters, team_id: int | None, tz: timezone):
    """The export SELECT and a cheaper COUNT of the same rows (for progress)."""
    start = datetime.combine(f.date_from, time.min, tz).astimezone(timezone.utc)
    end = datetime.combine(f.date_to + timedelta(days=1), time.min, tz).astimezone(timezone.utc)
    where = [_R.c.created_at >= start, _R.c.created_at < end]
    if f.current_only:
        where.append(_R.c.is_current.is_(True))
    if f.program:
        where.append(_R.c.program == str(f.program).upper().replace("-", ""))
    if f.reason:
        where.append(_R.c.reason_code == f.reason.upper())
    if team_id is not None:
        where.append(_U.c.team_id == team_id)
    if f.agent:
        if conn.execute(select(_U.c.id).where(_U.c.username == f.agent)).scalar() is None:
            raise ExportError(Text(f"Agen {f.agent!r} tidak ditemukan.", f"Agent {f.agent!r} not found."))
        where.append(_U.c.username == f.agent)
    # Plain DateTime (naive UTC) instead of UTCDateTime: the shift to local time is done once
    # per row below, without making an aware datetime first (a measurable share of 1M rows).
    stmt = (select(type_coerce(_R.c.created_at, DateTime()), _U.c.username, _U.c.full_name, _T.c.name,
                   _R.c.program, _C.c.account_number, _C.c.name, _A.c.dialled, _R.c.reason_code,
                   _R.c.contacted, _R.c.promise_date, _R.c.promise_amount, _R.c.notes, _R.c.revision,
                   _R.c.qc_status, _A.c.talk_seconds, _A.c.sip_status, _A.c.sip_reason, _A.c.answered,
                   _A.c.cpa_class, _A.c.cpa_label, _A.c.cpa_confidence)
            .select_from(_R.join(_U, _U.c.id == _R.c.agent_id).outerjoin(_T, _T.c.id == _U.c.team_id)
                         .join(_W, _W.c.id == _R.c.work_item_id).join(_C, _C.c.id == _W.c.customer_id)
                         .outerjoin(_A, _A.c.id == _R.c.attempt_id))
            .where(*where).order_by(_R.c.created_at, _R.c.id))
    # Every result has its agent, work item and customer (NOT NULL foreign keys), so the
    # count needs the users join only when filtering on the agent or team.
    source = _R.join(_U, _U.c.id == _R.c.agent_id) if (team_id is not None or f.agent) else _R
    count = select(func.count()).select_from(source).where(*where)
    return stmt, count


class _Cancelled(Exception):
    pass


def _stream(database: Database, stmt, cancel: threading.Event | None) -> Iterator[tuple]:
    """Database rows as they come from a server-side cursor, _YIELD at a time."""
    with database.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=_YIELD).execute(stmt)
        for part in result.partitions():
            if cancel is not None and cancel.is_set():
                raise _Cancelled
            yield from part


@dataclass(frozen=True)
class _Shape:
    """How database values become export values: labels, time zone, masking."""

    labels: dict[str, str]
    tz: timezone
    mask: bool

    def local_time(self) -> Callable[[datetime], datetime]:
        """Naive UTC from the database -> naive local time of the site (a fixed offset: one addition)."""
        tz = self.tz
        offset = tz.utcoffset(None) if isinstance(tz, timezone) else None
        if offset is not None:
            return lambda utc_naive: utc_naive + offset
        return lambda utc_naive: utc_naive.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None)

    def phone(self, dialled: str | None) -> str:
        return mask_phone(dialled) if self.mask else _national(dialled)

    def name(self, name: str) -> str:
        return mask_name(name) if self.mask else name


def _sip_text(status: int | None, reason: str | None) -> str:
    """"486 Busy Here"; "-" for a result without a call (re-input, no number)."""
    return "-" if status is None else f"{status} {reason or ''}".strip()


def _connected(answered: bool | None, talk: float | None) -> str:
    """Whether the call itself connected — apart from "Terhubung", which is what the reason says."""
    return "Ya" if answered or (talk or 0) > 0 else "Tidak"


def _typed_rows(raw: Iterator[tuple], shape: _Shape) -> Iterator[tuple]:
    """Export rows as Python values (date, time, Decimal...), in COLUMNS order."""
    labels, local_time = shape.labels, shape.local_time()
    for (at, username, full_name, team, program, account, name, dialled, code, contacted,
         p_date, p_amount, notes, revision, qc, talk, sip, sip_reason, answered,
         cpa, cpa_label, cpa_conf) in raw:
        local = local_time(at)
        yield (local.date(), local.time().replace(microsecond=0), username, full_name, team or "",
               program, account, shape.name(name), shape.phone(dialled), code, labels.get(code, ""),
               "Ya" if contacted else "Tidak", p_date, None if p_amount is None else Decimal(p_amount),
               notes or "", revision, _QC_LABELS.get(qc, qc), None if talk is None else round(talk),
               _sip_text(sip, sip_reason), _connected(answered, talk),
               cpa or "", cpa_label or "", None if cpa_conf is None else round(cpa_conf, 2))


def _decimal(value: float, comma: bool) -> str:
    return str(value).replace(".", ",") if comma else str(value)


# Characters that make a spreadsheet read a CSV cell as a formula (CSV injection), also
# after leading blanks, tabs or line breaks, and in their full-width forms.
_FORMULA_START = frozenset("=+-@＝＋－＠")
_LEADING_BLANKS = " \t\r\n\u3000"
_RISKY_FIRST = _FORMULA_START | frozenset(_LEADING_BLANKS)


def _formula_safe(text: str) -> str:
    """The one rule for every text cell of a CSV export: a cell that a spreadsheet could
    run as a formula gets a leading apostrophe (shown as text, the content unchanged)."""
    if text[:1] not in _RISKY_FIRST:
        return text
    first = text.lstrip(_LEADING_BLANKS)[:1]
    return "'" + text if first in _FORMULA_START or text[:1] in "\t\r\n" else text


def _safe_row(row: tuple) -> list:
    return [_formula_safe(v) if v.__class__ is str else v for v in row]


def _stays_text(digits: str) -> str:
    """An identifier of digits as a spreadsheet keeps it: a leading tab makes Excel read the cell as
    text, so 131100000001 does not become 1.31E+11 and a leading 0 is not dropped.  Applied after
    the formula rule (a tab-led cell is not a formula)."""
    return "\t" + digits if digits.isdigit() else digits


def _write_csv(path: Path, raw: Iterator[tuple], shape: _Shape, total: int, progress,
               delimiter: str) -> int:
    if delimiter not in (";", ",", "\t"):
        raise ExportError(Text("Pemisah CSV harus ';', ',' atau tab.", "The CSV separator must be ';', ',' or tab."))
    comma_decimal = delimiter == ";"    # Indonesian-locale Excel reads ';' files with decimal commas
    labels, local_time, qc_labels = shape.labels, shape.local_time(), _QC_LABELS
    n = 0
    # Plain utf-8 plus a BOM written once: Excel needs the BOM, the utf-8-sig codec is slower.
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        writerow = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerow
        writerow(COLUMNS)
        for (at, username, full_name, team, program, account, name, dialled, code, contacted,
             p_date, p_amount, notes, revision, qc, talk, sip, sip_reason, answered,
             cpa, cpa_label, cpa_conf) in raw:
            stamp = local_time(at).isoformat(" ", "seconds")     # "2026-10-01 08:00:00"
            if p_amount is None:
                amount = ""
            else:
                amount = str(p_amount)
                if comma_decimal:
                    amount = amount.replace(".", ",")
            row = _safe_row((stamp[:10], stamp[11:19], username, full_name, team or "", program, account,
                             shape.name(name), shape.phone(dialled) if dialled else "", code,
                             labels.get(code, ""), "Ya" if contacted else "Tidak",
                             "" if p_date is None else p_date.isoformat(), amount,
                             notes or "", revision, qc_labels.get(qc, qc),
                             "" if talk is None else round(talk), _sip_text(sip, sip_reason),
                             _connected(answered, talk), cpa or "", cpa_label or "",
                             "" if cpa_conf is None else _decimal(round(cpa_conf, 2), comma_decimal)))
            row[_ACCOUNT] = _stays_text(account)
            writerow(row)
            n += 1
            if progress and n % _PROGRESS_EVERY == 0:
                progress(n, total)
    if progress:
        progress(n, total)
    return n


# --- XLSX -------------------------------------------------------------------
# Written directly as SpreadsheetML into a zip, row by row.  Why not openpyxl's
# write-only mode: measured here at 4,000-12,000 rows/s (its per-cell element
# serialisation), i.e. 2-4 minutes for a million rows; this writer does the same
# job (frozen header, autofilter, widths, date/number formats) several times faster.
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = _HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
_ROOT_RELS = _HEAD + (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                      '</Relationships>')
_BOOK_RELS = _HEAD + (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                      f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
# Style ids used below: 1 bold header, 2 date, 3 time, 4 amount (#,##0).
_STYLES = _HEAD + (
    f'<styleSheet {_NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_LETTERS = [chr(65 + i) for i in range(len(COLUMNS))]
_EPOCH = date(1899, 12, 30)                         # Excel's day 0 (1900 date system)
_BAD_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _xml_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not text.isprintable():
        text = text.translate(_BAD_XML)             # control characters are not allowed in XML
    return text


def _xlsx_row(r: int, row: tuple) -> str:
    """One <row>: dates/times/amounts styled numbers, text as inline strings, None omitted."""
    cells = []
    for i, value in enumerate(row):
        if value is None or value == "":
            continue
        ref = f"{_LETTERS[i]}{r}"
        if isinstance(value, str):
            space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>')
        elif isinstance(value, date):
            cells.append(f'<c r="{ref}" s="2"><v>{(value - _EPOCH).days}</v></c>')
        elif isinstance(value, time):
            seconds = value.hour * 3600 + value.minute * 60 + value.second
            cells.append(f'<c r="{ref}" s="3"><v>{seconds / 86400!r}</v></c>')
        elif isinstance(value, Decimal):
            cells.append(f'<c r="{ref}" s="4"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'


def _write_xlsx(path: Path, raw: Iterator[tuple], shape: _Shape, total: int, progress,
                _delimiter: str) -> int:
    import zipfile

    last = _LETTERS[-1]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(_WIDTHS, start=1))
    header = "".join(f'<c r="{_LETTERS[i]}1" t="inlineStr" s="1"><is><t>{_xml_text(t)}</t></is></c>'
                     for i, t in enumerate(COLUMNS))
    n = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((_HEAD + f'<worksheet {_NS} {_NS_R}><sheetViews><sheetView workbookViewId="0">'
                         '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                         '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                         f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
                         f'<row r="1">{header}</row>').encode())
            buffer: list[str] = []
            for row in _typed_rows(raw, shape):
                n += 1
                buffer.append(_xlsx_row(n + 1, row))
                if n % 2000 == 0:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
                    if progress and n % _PROGRESS_EVERY == 0:
                        progress(n, total)
            sheet.write(("".join(buffer) + f'</sheetData><autoFilter ref="A1:{last}{n + 1}"/></worksheet>')
                        .encode())
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        zf.writestr("xl/workbook.xml", _HEAD + (
            f'<workbook {_NS} {_NS_R}><sheets><sheet name="Reason" sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"Reason!$A$1:${last}${n + 1}</definedName></definedNames></workbook>"))
    if progress:
        progress(n, total)
    return n
