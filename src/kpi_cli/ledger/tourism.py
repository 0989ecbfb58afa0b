"""Reading the report workbook of the 北海道観光入込客数調査 (its monthly sheet).

The 道 publishes a yearly report workbook (``.xls`` in older years, ``.xlsx`` later). Its monthly
sheet has a header row starting 「圏　域」, then blocks of six rows, one per type (入込総数, 内道外客,
内道内客, 内日帰客, 内宿泊客, 宿泊客延数): first the 「…圏域計」 of a 圏域, then each 「…振興局計」
(「…支庁計」 before the 2010 reorganisation) followed by its 市町村. Columns: 圏域, 振興局, 市町村,
区分, April … March (FY2003–2009 add 上期計 after September and 下期計 after March), 年計, 前年,
前年比; values in 千人. The layout is the one documented by the MIT-licensed
``colspan/hokkaido-opendata-extractor`` (``S02TourismStat.py``); none of its code is used here.

Everything here is pure except ``read_tourism_workbook``, which opens the file through
``tourism_workbook`` (python-calamine). The records, the matching of names, the exact values,
``municipal_sum`` and ``convert_thousands`` live in ``tourism_records`` and are named here too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.tourism_records import (
    AREA_TOTAL,
    MOVED_IN_2010,
    NO_FIGURE,
    OFFICE_TOTAL,
    TOTAL_TYPE,
    TYPES,
    UNIT,
    AreaTotal,
    MunicipalRow,
    OfficeTotal,
    TourismReport,
    area_name,
    cell_text,
    clean,
    convert_thousands,
    exact_number,
    municipal_name,
    municipal_sum,
    office_name,
    refused,
    years_named,
)

__all__ = [
    "UNIT",
    "AreaTotal",
    "MunicipalRow",
    "OfficeTotal",
    "TourismReport",
    "convert_thousands",
    "exact_number",
    "find_header",
    "municipal_sum",
    "parse_tourism_grid",
    "read_tourism_workbook",
    "sheet_year",
]

_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
_HEADER_STARTS = frozenset({"圏域", "圏域名"})
_YEAR_TOTAL_LABELS = frozenset({"年計", "年度計", "年間計", "合計", "計"})
_OFFICE_COLUMN_LABELS = ("振興局", "支庁")
_MUNICIPAL_COLUMN_LABELS = ("市町村",)
_HOKKAIDO_TOTALS = frozenset({"北海道計", "全道計", "北海道合計", "全道合計", "総計", "合計"})
_OLD_LAYOUT_LAST_YEAR = 2009  # FY2003–2009 sheets carry 上期計 and 下期計 columns
_HEADER_ROWS = 3  # a header may run over this many rows (a second line of month labels)


class _Columns(NamedTuple):
    area: int  # the column of 「圏　域」
    office: int
    municipal: int
    kind: int | None  # the 区分 column (入込総数, 内道外客, …); None when the sheet has one type only
    first_month: int
    year_total: int


# ----------------------------------------------------------------------------- the sheet grid


def parse_tourism_grid(cells: list[list[object]], sheet: str, *, year_hint: int | None = None) -> TourismReport:
    """Read the 入込総数 rows of a monthly sheet given as a grid of cell values.

    ``cells`` holds rows of str, int, float or None (empty cells may also be ""), as
    python-calamine returns them, starting at cell A1, so that row numbers are Excel's.
    ``year_hint`` is used when the sheet itself names no fiscal year (a year named on the
    workbook's cover sheet). Raises InputError for a grid that is not such a sheet, a year that
    cannot be told, a 振興局計 whose 年計 is not a number, and other damage, naming the row.
    """
    header = find_header(cells)
    if header is None:
        raise refused(
            Msg(
                "sheet {sheet!r}: no header row starting 「圏　域」, so it is not the monthly sheet "
                "of the 北海道観光入込客数調査 report; give the report workbook as the 道 publishes "
                "it",
                sheet=sheet,
            )
        )
    fiscal_year, year_text = _fiscal_year(cells[:header], sheet, year_hint)
    columns = _columns(cells, header, sheet, fiscal_year)
    rows = _total_rows(cells, header, columns, sheet)
    return _report(rows, sheet, fiscal_year, year_text)


def find_header(cells: list[list[object]]) -> int | None:
    """The index of the header row: the first row whose first non-empty cell reads 「圏　域」."""
    for index, row in enumerate(cells):
        for value in row[:4]:
            text = clean(cell_text(value))
            if text:
                if text in _HEADER_STARTS:
                    return index
                break
    return None


def sheet_year(cells: list[list[object]], sheet: str) -> tuple[int, str] | None:
    """The single fiscal year named above the header of a sheet (or in its first rows, or its
    name), as (year, printed text), if there is exactly one."""
    header = find_header(cells)
    top = cells[:header] if header is not None else cells[:10]
    found = years_named([*_texts(top), sheet])
    return found[0] if len({year for year, _ in found}) == 1 else None


def _texts(rows: list[list[object]]) -> list[str]:
    return [text for row in rows for value in row if (text := cell_text(value))]


def _fiscal_year(top: list[list[object]], sheet: str, year_hint: int | None) -> tuple[int, str]:
    found = years_named(_texts(top)) or years_named([sheet])
    years = sorted({year for year, _ in found})
    if len(years) == 1:
        return years[0], next(text for year, text in found if year == years[0])
    if year_hint is not None and (not years or year_hint in years):
        return year_hint, f"FY{year_hint}"
    if not years:
        raise refused(
            Msg(
                "sheet {sheet!r}: cannot tell its fiscal year (no 「平成NN年度」 or 「令和N年度」 "
                "above the header nor in the sheet name); keep the report's title row above the table",
                sheet=sheet,
            )
        )
    named = ", ".join(f"FY{year}" for year in years)
    raise refused(
        Msg(
            "sheet {sheet!r}: its title names several fiscal years ({named}); keep only the report's own",
            sheet=sheet,
            named=named,
        )
    )


def _header_rows(cells: list[list[object]], header: int) -> list[list[object]]:
    """The header row and the rows under it that continue it (no number, no type label)."""
    rows = [cells[header]]
    for row in cells[header + 1 : header + _HEADER_ROWS]:
        if any(exact_number(v) is not None or clean(cell_text(v)) in TYPES for v in row):
            break
        rows.append(row)
    return rows


def _columns(cells: list[list[object]], header: int, sheet: str, fiscal_year: int) -> _Columns:
    rows = _header_rows(cells, header)
    width = max(len(row) for row in rows)
    labels = [  # the labels of each column, top down
        [clean(cell_text(row[col])) if col < len(row) else "" for row in rows] for col in range(width)
    ]
    area = next(col for col, texts in enumerate(labels) if texts[0] in _HEADER_STARTS)
    months: dict[int, int] = {}
    year_total: int | None = None
    for col, texts in enumerate(labels):
        month = next((int(m.group(1)) for t in texts if (m := re.fullmatch(r"(\d{1,2})月分?", t))), None)
        if month is not None and 1 <= month <= 12 and month not in months:
            months[month] = col
        elif len(months) == 12 and year_total is None and "".join(texts) in _YEAR_TOTAL_LABELS:
            year_total = col
    office = _labelled(labels, _OFFICE_COLUMN_LABELS, area + 1)
    municipal = _labelled(labels, _MUNICIPAL_COLUMN_LABELS, area + 2)
    if not months:
        # No month labels: the positions of the documented layout.
        first_month = area + 4
        year_total = area + (18 if fiscal_year <= _OLD_LAYOUT_LAST_YEAR else 16)
    elif len(months) < 12:
        missing = "、".join(f"{m}月" for m in _MONTHS if m not in months)
        raise refused(
            Msg(
                "sheet {sheet!r}: the header has no column for {missing}; this is not the monthly sheet",
                sheet=sheet,
                missing=missing,
            )
        )
    elif year_total is None:
        raise refused(
            Msg(
                "sheet {sheet!r}: the header has no 年計 column after the months; this is not the monthly sheet",
                sheet=sheet,
            )
        )
    else:
        first_month = months[4]
    kind = _kind_column(cells, header, first_month)
    if kind is None and not _one_type_sheet([*_texts(cells[:header]), sheet]):
        raise refused(
            Msg(
                "sheet {sheet!r}: no 入込総数 rows under the header (the 区分 column is missing); "
                "this is not the monthly sheet of the report",
                sheet=sheet,
            )
        )
    return _Columns(area, office, municipal, kind, first_month, year_total)


def _one_type_sheet(texts: list[str]) -> bool:
    """Whether a sheet without a 区分 column is a table of 入込総数 (by its title or name)."""
    title = clean("".join(texts))
    others = [t for t in TYPES if t != TOTAL_TYPE]
    return ("入込総数" in title or "入込客数" in title) and not any(t in title for t in others)


def _labelled(labels: list[list[str]], names: tuple[str, ...], default: int) -> int:
    for col, texts in enumerate(labels):
        if any(name in text for text in texts for name in names):
            return col
    return default


def _kind_column(cells: list[list[object]], header: int, first_month: int) -> int | None:
    counts = [0] * first_month
    for row in cells[header + 1 :]:
        for col in range(min(first_month, len(row))):
            if clean(cell_text(row[col])) == TOTAL_TYPE:
                counts[col] += 1
    best = max(range(first_month), key=lambda col: counts[col], default=None)
    return best if best is not None and counts[best] else None


class _Row(NamedTuple):
    kind: str  # "hokkaido", "area", "office" or "municipal"
    label: str  # the printed label
    value: object  # the 年計 cell
    row: int


def _total_rows(cells: list[list[object]], header: int, columns: _Columns, sheet: str) -> list[_Row]:
    """The 入込総数 rows under the header, each with its label and 年計 cell. Other types, blank
    lines, notes and headers repeated on each printed page are passed over."""
    rows: list[_Row] = []
    label_cols = [c for c in range(columns.first_month) if c != columns.kind]
    for index in range(header + 1, len(cells)):
        row = cells[index]
        value = row[columns.year_total] if columns.year_total < len(row) else None
        if columns.kind is not None:
            if columns.kind >= len(row) or clean(cell_text(row[columns.kind])) != TOTAL_TYPE:
                continue
        elif not any(exact_number(v) is not None for v in row[columns.first_month : columns.year_total + 1]):
            continue  # a sheet of one type: a row without figures is a title, a note or a page header
        labels = {c: cell_text(row[c]).strip() for c in label_cols if c < len(row) and clean(cell_text(row[c]))}
        rows.append(_classify(labels, columns, value, index + 1, sheet))
    return rows


def _classify(labels: dict[int, str], columns: _Columns, value: object, row: int, sheet: str) -> _Row:
    for printed in labels.values():
        text = clean(printed)
        if re.fullmatch(OFFICE_TOTAL, text):
            return _Row("office", printed, value, row)
        if re.fullmatch(AREA_TOTAL, text):
            return _Row("area", printed, value, row)
        if text in _HOKKAIDO_TOTALS:
            return _Row("hokkaido", printed, value, row)
    if columns.municipal in labels:
        return _Row("municipal", labels[columns.municipal], value, row)
    if columns.area in labels:  # the 圏域 column holds nothing but 圏域 names (some printed in pieces)
        return _Row("area", labels[columns.area], value, row)
    raise refused(
        Msg(
            "sheet {sheet!r} row {row}: a 入込総数 row without a 圏域計, 振興局計 or 市町村 name;"
            " check that the sheet has not been edited",
            sheet=sheet,
            row=row,
        )
    )


def _report(rows: list[_Row], sheet: str, fiscal_year: int, year_text: str) -> TourismReport:
    hokkaido: Decimal | None = None
    areas: list[AreaTotal] = []
    offices: list[OfficeTotal] = []
    municipalities: list[MunicipalRow] = []
    area = ""
    office = ""
    seen: dict[str, int] = {}
    subprefectures = False
    for item in rows:
        where = Msg("sheet {sheet!r} row {row}", sheet=sheet, row=item.row)
        if item.kind == "municipal":
            if not office:
                raise refused(
                    Msg(
                        "{where}: 市町村 {label!r} comes before any 振興局計 row; the report prints each "
                        "振興局計 above its 市町村",
                        where=where,
                        label=item.label,
                    )
                )
            name, qualifier = municipal_name(item.label)
            today = office
            if name in MOVED_IN_2010 and MOVED_IN_2010[name][0] == office and subprefectures:
                today = MOVED_IN_2010[name][1]
            municipalities.append(
                MunicipalRow(name, item.label, qualifier, office, today, _municipal_value(item, where), item.row)
            )
            continue
        total = _total_value(item, where)
        if item.kind == "hokkaido":
            hokkaido = total
        elif item.kind == "area":
            area = area_name(item.label)
            areas.append(AreaTotal(area, item.label, total, item.row))
        else:
            found = re.fullmatch(OFFICE_TOTAL, clean(item.label))
            assert found is not None  # classified by this pattern
            try:
                office = office_name(found.group(1))
            except InputError as exc:
                raise refused(Msg("{where}: {problem}", where=where, problem=exc.message)) from None
            subprefectures = subprefectures or found.group(2) == "支庁"
            if office in seen:
                raise refused(
                    Msg(
                        "{where}: a second 振興局計 row for {office} (the first is row {first}); check that "
                        "the sheet has not been edited",
                        where=where,
                        office=office,
                        first=seen[office],
                    )
                )
            seen[office] = item.row
            offices.append(OfficeTotal(office, item.label, area, total, item.row))
    if not offices or not municipalities:
        raise refused(
            Msg(
                "sheet {sheet!r}: no 振興局計 and 市町村 rows of 入込総数 under the header; this is "
                "not the monthly sheet of the report",
                sheet=sheet,
            )
        )
    return TourismReport(
        sheet, fiscal_year, year_text, subprefectures, hokkaido, tuple(areas), tuple(offices), tuple(municipalities)
    )


def _total_value(item: _Row, where: Msg) -> Decimal:
    number = exact_number(item.value)
    if number is None:
        raise refused(
            Msg(
                "{where}: the 年計 of {label!r} is {value}, not a number of visitors; check that cell in the workbook",
                where=where,
                label=item.label,
                value=_shown(item.value),
            )
        )
    return number


def _municipal_value(item: _Row, where: Msg) -> Decimal | None:
    number = exact_number(item.value)
    if number is None and clean(cell_text(item.value)) not in NO_FIGURE:
        raise refused(
            Msg(
                "{where}: the 年計 of {label!r} is {value}, not a number of visitors; check that cell in the workbook",
                where=where,
                label=item.label,
                value=_shown(item.value),
            )
        )
    return number


def _shown(value: object) -> str | Msg:
    if value is None or value == "":
        return Msg("empty")
    return f"'{value}'" if isinstance(value, str) else f"'{value!r}'"


# ----------------------------------------------------------------------------- the workbook


def read_tourism_workbook(path: Path) -> list[TourismReport]:
    """Read every monthly 入込総数 sheet of a report workbook (.xls, .xlsx, .xlsm or .ods).

    The format is told from the content, not the name (a download saved as ``file.jsp`` or with
    the wrong extension reads all the same). Each sheet is tried; those that are the monthly
    table come back, each naming its sheet. A file that cannot be read, is not a workbook, or has
    no such sheet raises InputError with one line; no exception of the reader gets through.
    """
    from kpi_cli.ledger.tourism_workbook import read_sheets

    return _monthly_sheets(read_sheets(path), path.name)


def _monthly_sheets(sheets: list[tuple[str, list[list[object]]]], shown: str) -> list[TourismReport]:
    # A monthly sheet without a year of its own takes the one the workbook names (on its cover).
    named = {found for name, grid in sheets if (found := sheet_year(grid, name)) is not None}
    hint = min(named) if len({year for year, _ in named}) == 1 else None
    reports: list[TourismReport] = []
    failures: list[InputError] = []
    for name, grid in sheets:
        if find_header(grid) is None:
            continue
        try:
            report = parse_tourism_grid(grid, name, year_hint=hint[0] if hint else None)
        except InputError as exc:
            failures.append(exc)
            continue
        if hint and report.year_text == f"FY{hint[0]}":
            report = report._replace(year_text=hint[1])
        reports.append(report)
    if reports:
        return reports
    if len(failures) == 1:
        raise refused(Msg("{file}: {problem}", file=shown, problem=failures[0].message))
    names = ", ".join(f"'{name}'" for name, _ in sheets) or Msg("none")
    raise refused(
        Msg(
            "{shown}: no sheet is the monthly table of the 北海道観光入込客数調査 (a header row "
            "starting 「圏　域」 over 入込総数 rows; sheets: {names}); give the report workbook "
            "as the 道 publishes it",
            shown=shown,
            names=names,
        )
    )
