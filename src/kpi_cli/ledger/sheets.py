"""Workbooks to import (.xlsx, .xlsm, .xls, .ods): every worksheet as rows of text cells, as a
person typed them, read with python-calamine.

A number is the text Excel shows in full (at most 15 significant digits: 1372.6, never a
binary fraction's residue); a number formatted as a percentage is read as typed, with its sign
(0.5 shown as 50% → "50%", which a ％ KPI takes as 50 and any other KPI refuses); a date is ISO
text (2020-02-14). The kind is told from the content, not the name. Hostile files are refused in
one line before calamine would spend the memory or time on them (``workbook_parts``), and no
exception of calamine, nor a Rust panic, gets out. calamine is imported only here, only when a
workbook is read.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger import workbook_parts as parts_of
from kpi_cli.ledger.workbook_parts import NO_MARKS, Damaged, Marks

MAX_SHEET_CELLS = 10_000_000  # rows × columns of one sheet: 200,000 rows of 50 columns
MAX_WORKBOOK_CELLS = 2 * MAX_SHEET_CELLS  # of every sheet together (calamine holds every sheet of an .xls or .ods)
HEAD_ROWS = 10  # rows of a hidden sheet kept (to say whether it has the header)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (a compound document)
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods
SUFFIXES = {".xlsx": ".xlsx", ".xlsm": ".xlsx", ".xls": ".xls", ".ods": ".ods"}


class Sheet(NamedTuple):
    """One worksheet: its rows of text cells from A1 (a hidden sheet: its first rows only)."""

    name: str
    visible: bool
    rows: list[list[str]]
    uncached: tuple[tuple[int, int], ...]  # (row, column) from 0: formulas without a saved value


def workbook_kind(data: bytes, shown: str) -> str:
    """ ".xlsx", ".xls" or ".ods" from the content; "" for text (CSV). A file named like a workbook
    that does not start like one is refused."""
    if data.startswith(OLE_MAGIC):
        return ".xls"
    if data.startswith(ZIP_MAGIC):
        return ".zip"  # which workbook: from its parts (``read_workbook``)
    suffix = "." + shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
    if suffix in SUFFIXES:
        raise InputError(
            Msg(
                "{shown}: not an {kind} workbook (it does not start like one); open it in Excel and save it again",
                shown=shown,
                kind=suffix,
            )
        )
    return ""


def cell_name(row: int, column: int) -> str:
    """C5 for (4, 2)."""
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def read_workbook(data: bytes, shown: str) -> list[Sheet]:
    """Every worksheet of a workbook (chart sheets and macro sheets left out), in the workbook's order."""
    kind, marks = _marks(data, shown)
    for name, mark in marks.items():  # before calamine opens it: it reads an .xls or .ods whole at once
        if mark.rows * mark.columns > MAX_SHEET_CELLS:
            raise _too_large(shown, name, mark.rows, mark.columns)
    _check_total(shown, sum(mark.rows * mark.columns for mark in marks.values()), len(marks))
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a broken install
        raise InputError(
            Msg("reading workbooks needs python-calamine; install kpi again with its dependencies")
        ) from None
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            sheets: list[Sheet] = []
            cells = 0  # of the sheets read (a sheet named twice is read twice)
            for meta in book.sheets_metadata:
                if _is_worksheet(meta):
                    sheet, size = _sheet(book, meta, marks, shown, kind)
                    cells += size
                    _check_total(shown, cells, len(sheets) + 1)
                    sheets.append(sheet)
            return sheets
    except InputError:
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        if type(exc).__name__ == "PasswordError":
            raise InputError(
                Msg(
                    "{shown}: the workbook is protected by a password; save a copy without it and import that",
                    shown=shown,
                )
            ) from None
        raise unreadable(shown, kind, type(exc).__name__) from None


def unreadable(shown: str, kind: str, why: object) -> InputError:
    return InputError(
        Msg(
            "{shown}: cannot be read as an {kind} workbook ({why}); open it in Excel and save it again",
            shown=shown,
            kind=kind,
            why=why,
        )
    )


def _is_worksheet(meta: Any) -> bool:
    return str(getattr(meta, "typ", "WorkSheet")).rsplit(".", 1)[-1] == "WorkSheet"


def _marks(data: bytes, shown: str) -> tuple[str, dict[str, Marks]]:
    """The workbook's kind and, for .xlsx and .ods, what its parts say of each sheet."""
    if data.startswith(OLE_MAGIC):
        from kpi_cli.ledger.xls_parts import xls_marks

        try:
            return ".xls", xls_marks(data)
        except Damaged as exc:
            raise unreadable(shown, ".xls", exc) from None
    try:
        parts, names = parts_of.read_parts(data, parts_of.is_xml)
    except Damaged as exc:
        raise unreadable(shown, ".xlsx", exc) from None
    except ValueError as exc:
        raise InputError(
            Msg("{shown}: a workbook far larger than a sheet of values ({size}); it is refused", shown=shown, size=exc)
        ) from None
    try:
        if "xl/workbook.xml" in names:
            parts_of.check_shared_strings(parts)
            percent = parts_of.percent_styles(parts.get("xl/styles.xml"))
            by_part = {
                p: parts_of.xlsx_marks(xml, percent, MAX_SHEET_CELLS) for p, xml in parts.items() if b"sheetData" in xml
            }
            named = {name: by_part.pop(part, NO_MARKS) for name, part in parts_of.xlsx_sheet_parts(parts).items()}
            return ".xlsx", {**by_part, **named}  # every part with cells is measured, named or not
        if "content.xml" in names:
            return ".ods", parts_of.ods_marks(parts["content.xml"])
    except Damaged as exc:
        raise unreadable(shown, ".ods" if "content.xml" in names else ".xlsx", exc) from None
    if "xl/workbook.bin" in names:
        raise InputError(
            Msg("{shown}: an .xlsb workbook; save it as .xlsx (Excel Workbook) and import that", shown=shown)
        )
    raise InputError(
        Msg("{shown}: a zip archive but not a workbook; give an .xlsx, .xls, .ods or CSV file", shown=shown)
    )


def _sheet(book: Any, meta: Any, marks: dict[str, Marks], shown: str, kind: str) -> tuple[Sheet, int]:
    """A sheet and the cells of its grid."""
    name = str(meta.name)
    visible = str(meta.visible).rsplit(".", 1)[-1] == "Visible"
    mark = marks.get(name, NO_MARKS)
    sheet = book.get_sheet_by_name(name)
    end = sheet.end
    if end is None:
        return Sheet(name, visible, [], mark.uncached), 0
    if (end[0] + 1) * (end[1] + 1) > MAX_SHEET_CELLS:
        raise _too_large(shown, name, end[0] + 1, end[1] + 1)
    grid = sheet.to_python(skip_empty_area=False)
    size = (end[0] + 1) * (end[1] + 1)
    if not visible:
        grid = grid[:HEAD_ROWS]
    percent = mark.percent
    if not percent:
        return Sheet(name, visible, [[cell_text(v) for v in row] for row in grid], mark.uncached), size
    rows = [[cell_text(v, (r, c) in percent) for c, v in enumerate(row)] for r, row in enumerate(grid)]
    return Sheet(name, visible, rows, mark.uncached), size


def _check_total(shown: str, cells: int, sheets: int) -> None:
    """Sheets each within MAX_SHEET_CELLS, together far beyond (a file of 6 kB of 20 sheets of 9 million
    cells each made calamine and kpi hold 7 GB)."""
    if cells > MAX_WORKBOOK_CELLS:
        raise InputError(
            Msg(
                "{shown}: a workbook far larger than a sheet of values ({size}); it is refused",
                shown=shown,
                size=f"{cells:,} cells in {sheets} sheets",
            )
        )


def _too_large(shown: str, name: str, rows: int, columns: int) -> InputError:
    return InputError(
        Msg(
            "{shown}: sheet {name!r} reaches {rows:,} rows × {columns:,} columns, far more than a sheet of values; "
            "delete what lies outside the table (or copy the table to a new workbook) and import again",
            shown=shown,
            name=name,
            rows=rows,
            columns=columns,
        )
    )


def cell_text(value: object, percent: bool = False) -> str:
    """A cell as the text a person typed: numbers as Excel shows them in full, a percentage with its
    sign, a date as ISO text."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        if percent:
            return _decimal_text(number * 100) + "%"
        return _decimal_text(number)
    import datetime

    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _decimal_text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "-0.0") else text
