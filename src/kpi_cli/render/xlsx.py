"""Excel workbooks (.xlsx): numbers as numbers, Japanese headers with the machine names kept.

openpyxl is imported here only, when an .xlsx is written (about 90 ms; every other output
starts without it). Each header cell reads ``基準値`` over ``baseline_value`` (two lines),
so people read Japanese and ``kpi import`` finds the machine name; the header row is frozen
and filtered. Text that a spreadsheet would take for a formula is stored as text.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.render.labels import PERCENT_COLUMNS, YEAR_COLUMNS, label

RATING_FILLS = {  # as in the terminal: greens, yellow, reds, grey
    "achieved": "A9D08E",
    "on_track": "C6EFCE",
    "nearly": "FFEB9C",
    "behind": "FFC7CE",
    "worse": "FF8B8B",
    "no_data": "E7E6E6",
    "達成": "A9D08E",
    "順調": "C6EFCE",
    "概ね順調": "FFEB9C",
    "遅れ": "FFC7CE",
    "悪化": "FF8B8B",
    "未記録": "E7E6E6",
}
INPUT_FILL = "FFF2CC"  # cells a person fills in (templates)
MAX_WIDTH = 60


class Sheet(NamedTuple):
    """One worksheet: a title, machine columns in order, and records keyed by them."""

    title: str
    columns: Sequence[str]
    records: Sequence[Mapping[str, Any]]
    inputs: frozenset[str] = frozenset()  # columns a person fills in: highlighted
    notes: Sequence[str] = ()  # lines below the table (a caption, how to fill it in)


def header_text(column: str) -> str:
    shown = label(column)
    return shown if shown == column else f"{shown}\n{column}"


def cells_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def number_format(column: str, value: int | Decimal) -> str:
    if column in PERCENT_COLUMNS:
        return "0.0%"
    if column in YEAR_COLUMNS:
        return "0"
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return "#,##0" + ("." + "0" * places if places else "")
    return "#,##0"


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    for existing in list(book.worksheets):
        book.remove(existing)
    used: set[str] = set()
    for sheet in sheets:
        _fill(book.create_sheet(_title(sheet.title, used)), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(ws: Any, sheet: Sheet) -> None:
    """One worksheet: the two-line header, the records, widths, the frozen and filtered header, notes."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [max(cells_width(line) for line in header_text(c).split("\n")) for c in sheet.columns]
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col, value=header_text(column))
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for row, record in enumerate(sheet.records, start=2):
        for col, column in enumerate(sheet.columns, start=1):
            shown = _put(ws.cell(row=row, column=col), column, record.get(column), sheet.inputs)
            widths[col - 1] = max(widths[col - 1], shown)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width + 2
    last = get_column_letter(max(1, len(sheet.columns)))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.records) + 1)}"
    for row, note in enumerate(sheet.notes, start=len(sheet.records) + 3):
        ws.cell(row=row, column=1, value=note).data_type = "s"


def _put(cell: Any, column: str, raw: Any, inputs: frozenset[str]) -> int:
    """Write one value (text as text, numbers with their format, ratings coloured); its width in cells."""
    from openpyxl.styles import PatternFill

    value = _cell_value(raw)
    cell.value = value
    shown = 0
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        shown = min(MAX_WIDTH, cells_width(value))
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        cell.number_format = number_format(column, value)
        shown = len(f"{value:,}") + 1
    if column in ("rating", "rating_ja") and value in RATING_FILLS:
        cell.fill = PatternFill("solid", fgColor=RATING_FILLS[str(value)])
    elif column in inputs:
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
    return shown


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, (bool, int, Decimal)):
        return value
    text = str(value)
    # Characters XML 1.0 cannot hold (openpyxl refuses them): shown as U+FFFD.
    return "".join("\ufffd" if (ord(ch) < 32 and ch not in "\t\n\r") else ch for ch in text)


def _title(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Sheet"
    clean = clean[:31]
    name, n = clean, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


RATING_CODES = ("achieved", "on_track", "nearly", "behind", "worse", "no_data")
RATING_LABELS = dict(zip(RATING_CODES, ("達成", "順調", "概ね順調", "遅れ", "悪化", "未記録"), strict=True))


def status_sheets(records: Sequence[Mapping[str, Any]], caption: str) -> list[Sheet]:
    """A summary sheet (ratings counted per 連携地域), then one sheet per 連携地域."""
    columns = list(records[0].keys()) if records else []
    if "rating" in columns:
        columns.insert(columns.index("rating") + 1, "rating_ja")
    by_region: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        row = dict(r)
        row["rating_ja"] = RATING_LABELS.get(str(row.get("rating")), "")
        by_region.setdefault(str(row.get("region", "")), []).append(row)
    summary = []
    for region, rows in by_region.items():
        counts: dict[str, Any] = {"region": region, "total": len(rows)}
        for code in RATING_CODES:
            counts[code] = sum(1 for x in rows if x.get("rating") == code)
        summary.append(counts)
    sheets = [Sheet("概要", ("region", "total", *RATING_CODES), summary, notes=(caption,))]
    sheets += [Sheet(region, columns, rows, notes=(caption,)) for region, rows in by_region.items()]
    return sheets
