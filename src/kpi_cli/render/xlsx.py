"""Excel workbooks (.xlsx) that print: numbers as numbers, Japanese headers and words, A4 pages.

openpyxl is imported here only, when an .xlsx is written (about 90 ms; every other output
starts without it). A sheet is written for people (``people``): Japanese headers, codes in
Japanese words (達成, 単年, 累計), years as era years (R1); a sheet that ``kpi import`` reads back keeps the
machine name under each header (``実績値`` over ``value``, ``keys``). Every sheet has column widths
for its content, a wrapped header row with the height it needs, a frozen and filtered header,
and a page set-up: A4 landscape, one page wide, the header repeated on every page, page numbers
in the footer. Cells a person fills in are yellow, with drop-down lists where the plan has the
words. Text that a spreadsheet would take for a formula is stored as text.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.render.labels import PERCENT_COLUMNS, YEAR_COLUMNS, label, value_label

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
HEADER_FILL = "D9E1F2"
MAX_WIDTH = 60  # cells: the widest a column of short text gets
WRAP_WIDTH = 20  # cells: a column of long text wraps at this width
LONG_TEXT = frozenset({"instructions", "actions", "results", "next", "kpis", "project", "kpi_name", "note", "source"})
POINTS_PER_LINE = 15
DERIVED = frozenset({"expected", "gap", "pace", "needed_per_year", "projected"})


class Sheet(NamedTuple):
    """One worksheet: a title, machine columns in order, and records keyed by them."""

    title: str
    columns: Sequence[str]
    records: Sequence[Mapping[str, Any]]
    inputs: frozenset[str] = frozenset()  # columns a person fills in: highlighted
    notes: Sequence[str] = ()  # lines below the table (a caption, how to fill it in)
    people: bool = False  # Japanese words for codes, years as era years (R1)
    keys: bool = True  # the machine name under each header (a sheet kpi reads back)
    choices: Mapping[str, Sequence[str]] = {}  # column -> the words a drop-down list offers
    headers: Mapping[str, str] = {}  # column -> a header of this sheet's own (instead of the label)


def header_text(column: str, keys: bool = True, own: str = "") -> str:
    shown = own or label(column)
    return f"{shown}\n{column}" if keys and shown != column else shown


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
    lists = None
    for sheet in sheets:
        ws = book.create_sheet(_title(sheet.title, used))
        _fill(ws, sheet)
        if sheet.choices:
            if lists is None:
                lists = book.create_sheet(_title("選択肢", used))
                lists.sheet_state = "hidden"
            _drop_downs(ws, lists, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(ws: Any, sheet: Sheet) -> None:
    """One worksheet: the header, the records, widths, the frozen and filtered header, notes, page set-up."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    heads = [header_text(c, sheet.keys, sheet.headers.get(c, "")) for c in sheet.columns]
    widths = [_header_floor(h) for h in heads]  # a header wraps: its content sets the width
    thin = Side(style="thin", color="B4B4B4")
    for col, text in enumerate(heads, start=1):
        cell = ws.cell(row=1, column=col, value=text)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        cell.fill, cell.border = PatternFill("solid", fgColor=HEADER_FILL), Border(bottom=thin)
    texts: list[list[str]] = []  # each row's cells as shown (for its height)
    for row, record in enumerate(sheet.records, start=2):
        shown_row = []
        for col, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=row, column=col)
            shown = _put(cell, column, record, sheet)
            widths[col - 1] = max(widths[col - 1], shown)
            shown_row.append(cell.value if isinstance(cell.value, str) else "")
        texts.append(shown_row)
    for col, column in enumerate(sheet.columns, start=1):
        wide = WRAP_WIDTH if column in LONG_TEXT else MAX_WIDTH
        widths[col - 1] = min(widths[col - 1], max(wide, _header_floor(heads[col - 1])))
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1] + 2
    for row, cells in enumerate([heads, *texts], start=1):  # rows as high as their wrapped text
        lines = max((_lines(t, w) for t, w in zip(cells, widths, strict=True)), default=1)
        if lines > 1 or row == 1:
            ws.row_dimensions[row].height = POINTS_PER_LINE * lines
    last = get_column_letter(max(1, len(sheet.columns)))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.records) + 1)}"
    across = sum(widths) + 2 * len(widths)
    for row, note in enumerate(sheet.notes, start=len(sheet.records) + 3):  # across the table, wrapped
        cell = ws.cell(row=row, column=1, value=note)
        cell.data_type, cell.alignment = "s", Alignment(wrap_text=True, vertical="top")
        if len(sheet.columns) > 1:
            ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = POINTS_PER_LINE * _lines(note, across)
    _page_setup(ws, sheet.title)


def _header_floor(text: str) -> int:
    """A header's narrowest width: four Japanese characters a line, a machine name whole."""
    return max(cells_width(line) if line.isascii() else min(cells_width(line), 8) for line in text.split("\n"))


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped cell takes at a column width (in cells)."""
    return sum(max(1, -(-cells_width(line) // max(width, 1))) for line in text.split("\n"))


def _page_setup(ws: Any, title: str) -> None:
    """A4 landscape, one page wide, the header row on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.6
    ws.print_title_rows = "1:1"
    ws.oddHeader.left.text = title.replace("&", "&&")
    ws.oddHeader.left.size = 9
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 9


def _put(cell: Any, column: str, record: Mapping[str, Any], sheet: Sheet) -> int:
    """Write one value (text as text, numbers with their format, ratings coloured); its width in cells."""
    from openpyxl.styles import Alignment, PatternFill

    value = _cell_value(column, record.get(column), sheet.people)
    cell.value = value
    if sheet.people and column == "target_value" and record.get("target_op") == ">=" and value is not None:
        cell.number_format = '#,##0"以上"'  # an at-least target, still a number
        return len(f"{value:,}") + 5
    shown = 0
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        shown = min(MAX_WIDTH, max((cells_width(line) for line in value.split("\n")), default=0))
        if column in LONG_TEXT or "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        cell.number_format = number_format(column, value)
        if sheet.people and column in DERIVED and isinstance(value, Decimal) and "." in cell.number_format:
            cell.number_format = "#,##0.0"  # figures kpi computes: one decimal, as people read them
        shown = 7 if column in PERCENT_COLUMNS else len(f"{_as_shown(value, cell.number_format):,}") + 1
    if column in ("rating", "rating_ja") and value in RATING_FILLS:
        cell.fill = PatternFill("solid", fgColor=RATING_FILLS[str(value)])
    elif column in sheet.inputs:
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
    return shown


def _as_shown(value: int | Decimal, fmt: str) -> int | Decimal:
    """A number as its format shows it (the decimals it keeps)."""
    places = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    return round(value, places) if isinstance(value, Decimal) else value


def _cell_value(column: str, value: Any, people: bool) -> Any:
    if value is None:
        return None
    if people:
        if column in YEAR_COLUMNS and isinstance(value, int) and not isinstance(value, bool):
            from kpi_cli.core.years import era

            return era(value)  # R1: the era year, as 評価シート print it
        if isinstance(value, (str, bool)):
            value = value_label(column, value)
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, (bool, int, Decimal)):
        return value
    text = str(value)
    # Characters XML 1.0 cannot hold (openpyxl refuses them): shown as U+FFFD.
    return "".join("\ufffd" if (ord(ch) < 32 and ch not in "\t\n\r") else ch for ch in text)


def _drop_downs(ws: Any, lists: Any, sheet: Sheet) -> None:
    """A drop-down list of the plan's words in each column that has them (the words on a hidden sheet:
    no length limit, commas allowed); any other entry is refused by the spreadsheet, with a hint."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = max(len(sheet.records), 1) + 1
    for column, words in sheet.choices.items():
        if column not in sheet.columns:
            continue
        at = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
        letter = get_column_letter(at)
        lists.cell(row=1, column=at, value=label(column))
        for i, word in enumerate(words, start=2):
            lists.cell(row=i, column=at, value=word).data_type = "s"
        source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(words) + 1}"
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.error, check.errorTitle = "一覧から選んでください（" + "、".join(words) + "）", label(column)
        check.prompt, check.promptTitle = "一覧から選んでください", label(column)
        check.showErrorMessage = check.showInputMessage = True
        col = get_column_letter(list(sheet.columns).index(column) + 1)
        check.add(f"{col}2:{col}{rows}")
        ws.add_data_validation(check)


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
# What a person reads of a KPI's status, in the order of a 評価シート (the rest stays in CSV and JSON)
PEOPLE_STATUS_COLUMNS = (
    "project",
    "kpi_name",
    "unit",
    "kind",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "as_of_year",
    "actual",
    "change",
    "change_rate",
    "expected",
    "gap",
    "progress",
    "achievement",
    "rating",
)
STATUS_HEADERS = {"change": "前年度比", "change_rate": "前年度比（率）", "as_of_year": "時点"}


def status_sheets(records: Sequence[Mapping[str, Any]], caption: str, *, raw: bool = False) -> list[Sheet]:
    """A summary sheet (ratings counted per 連携地域), then one sheet per 連携地域: for people, or with
    every machine column and code (``raw``, for scripts)."""
    columns = list(records[0].keys()) if records else []
    if raw and "rating" in columns:
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
    people = not raw
    kept = columns if raw else [c for c in PEOPLE_STATUS_COLUMNS if c in columns or not columns]
    sheets = [Sheet("概要", ("region", "total", *RATING_CODES), summary, notes=(caption,), people=people, keys=raw)]
    sheets += [
        Sheet(region, kept, rows, notes=(caption,), people=people, keys=raw, headers={} if raw else STATUS_HEADERS)
        for region, rows in by_region.items()
    ]
    return sheets
