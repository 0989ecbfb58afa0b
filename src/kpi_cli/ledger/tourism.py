"""Reading the report workbook of the 北海道観光入込客数調査 (its monthly sheet).

The 道 publishes a yearly report workbook (``.xls`` in older years, ``.xlsx`` later). Its monthly
sheet has a header row starting 「圏　域」, then blocks of six rows, one per type (入込総数, 内道外客,
内道内客, 内日帰客, 内宿泊客, 宿泊客延数): first the 「…圏域計」 of a 圏域, then each 「…振興局計」
(「…支庁計」 before the 2010 reorganisation) followed by its 市町村. Columns: 圏域, 振興局, 市町村,
区分, April … March (FY2003–2009 add 上期計 after September and 下期計 after March), 年計, 前年,
前年比; values in 千人. The layout is the one documented by the MIT-licensed
``colspan/hokkaido-opendata-extractor`` (``S02TourismStat.py``); none of its code is used here.

Everything here is pure except ``read_tourism_workbook``, which opens the file with
python-calamine (imported there only: it is a Rust extension). Values are ``Decimal`` read from
the cell's exact text or number, never through binary floating point arithmetic.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from decimal import Context, Decimal
from pathlib import Path
from typing import NamedTuple

from kpi_cli.errors import InputError

UNIT = "千人"  # the unit of every figure in the report

TYPES = ("入込総数", "内道外客", "内道内客", "内日帰客", "内宿泊客", "宿泊客延数")
TOTAL_TYPE = "入込総数"

# The 14 振興局 as named since April 2010, in the report's order.
OFFICES = (
    "空知",
    "石狩",
    "後志",
    "胆振",
    "日高",
    "渡島",
    "檜山",
    "上川",
    "留萌",
    "宗谷",
    "オホーツク",
    "十勝",
    "釧路",
    "根室",
)
# Printed names that are not today's 振興局 name: 網走支庁 became オホーツク総合振興局 in 2010;
# 桧山 is the common simplified form of 檜山. Every other 支庁 kept its name.
OFFICE_ALIASES = {"網走": "オホーツク", "桧山": "檜山"}
# The 2010 reorganisation also moved two municipalities (checked against the report's rows for
# FY2009 and FY2010): 幌加内町 from 空知 to 上川, 幌延町 from 留萌 to 宗谷. A 支庁計 of FY2009 or
# before covers the old boundary.
MOVED_IN_2010 = {"幌加内町": ("空知", "上川"), "幌延町": ("留萌", "宗谷")}
# Known misprints of municipal names in the report.
NAME_FIXES = {"中礼内": "中札内"}
# A municipal 年計 printed as one of these has no figure (not surveyed, not published).
NO_FIGURE = frozenset({"", "-", "‐", "―", "—", "−", "…", "...", "x", "X", "*", "***", "ー"})

_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
_HEADER_STARTS = frozenset({"圏域", "圏域名"})
_YEAR_TOTAL_LABELS = frozenset({"年計", "年度計", "年間計", "合計", "計"})
_OFFICE_COLUMN_LABELS = ("振興局", "支庁")
_MUNICIPAL_COLUMN_LABELS = ("市町村",)
_HOKKAIDO_TOTALS = frozenset({"北海道計", "全道計", "北海道合計", "全道合計", "総計", "合計"})
_OFFICE_TOTAL = r"^(.+?)(総合振興局|振興局|支庁)計?$"
_AREA_TOTAL = r"^(.+?)圏域計?$"
# Old sheets print the longer 圏域 names in two pieces (as the extractor found): the first piece
# stands on the 圏域計 row.
AREA_FIXES = {"オホーツ": "オホーツク", "釧路・根": "釧路・根室"}
_ERA_YEAR = r"(平成|令和|H|R)(元|\d{1,2})年度"
_WESTERN_YEAR = r"((?:19|20)\d{2})年度"
_ERA_BASE = {"平成": 1988, "H": 1988, "令和": 2018, "R": 2018}
_OLD_LAYOUT_LAST_YEAR = 2009  # FY2003–2009 sheets carry 上期計 and 下期計 columns
_HEADER_ROWS = 3  # a header may run over this many rows (a second line of month labels)

MAX_FILE_BYTES = 100 * 1024 * 1024  # a report workbook is a few MB
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # declared size of an .xlsx/.ods archive's parts
MAX_SHEET_CELLS = 4_000_000  # the monthly sheet has about 30,000
SUFFIXES = (".xls", ".xlsx", ".xlsm", ".ods")


class AreaTotal(NamedTuple):
    """A 「…圏域計」 row: the printed 入込総数 年計 of a 圏域, in 千人."""

    area: str  # 道央, 道南, 道北, オホーツク, 十勝, 釧路・根室
    printed: str  # the cell as printed: 道央圏域計
    total: Decimal
    row: int  # 1-based, as Excel shows it


class OfficeTotal(NamedTuple):
    """A 「…振興局計」 (or 「…支庁計」) row: the printed 入込総数 年計 of a 振興局, in 千人."""

    office: str  # today's name of the 振興局: 渡島, オホーツク (for 網走支庁計)
    printed: str  # the cell as printed: 渡島総合振興局計, 網走支庁計
    area: str  # the 圏域 it is printed under ("" when no 圏域計 row came first)
    total: Decimal
    row: int


class MunicipalRow(NamedTuple):
    """A 市町村 row: its printed 入込総数 年計, in 千人 (None when printed as a dash)."""

    name: str  # for matching: NFKC, no spaces, misprints fixed, qualifier removed (中札内村, 札幌市)
    printed: str  # the cell as printed: 中礼内村, 札幌市（定山渓を除く）
    qualifier: str  # a printed parenthesis such as 定山渓を除く, else ""
    office: str  # the 振興局 it is printed under (today's name)
    office_today: str  # the 振興局 it belongs to today (differs for 幌加内町, 幌延町 before FY2010)
    total: Decimal | None
    row: int


class TourismReport(NamedTuple):
    """The 入込総数 rows of one monthly sheet of a report workbook. Figures in 千人 as printed."""

    sheet: str
    fiscal_year: int  # the Western year in which the fiscal year starts (令和元年度 = 2019)
    year_text: str  # the year as printed: 令和元年度
    subprefectures: bool  # True when totals are 支庁計 (before April 2010: old boundaries)
    hokkaido: Decimal | None  # the printed 北海道計, if the sheet has one
    areas: tuple[AreaTotal, ...]
    offices: tuple[OfficeTotal, ...]
    municipalities: tuple[MunicipalRow, ...]

    def office(self, name: str) -> OfficeTotal:
        """The printed total of a 振興局, by today's name (オホーツク) or as printed (網走, 桧山)."""
        wanted = office_name(name)
        for total in self.offices:
            if total.office == wanted:
                return total
        have = ", ".join(t.office for t in self.offices)
        raise _error(f"{self.sheet} (FY{self.fiscal_year}) has no 振興局計 row for '{name}'; it has {have}")


class _Columns(NamedTuple):
    area: int  # the column of 「圏　域」
    office: int
    municipal: int
    kind: int | None  # the 区分 column (入込総数, 内道外客, …); None when the sheet has one type only
    first_month: int
    year_total: int


# ---------------------------------------------------------------------------------- cell values


def _error(message: str) -> InputError:
    """An InputError on one line, whatever a quoted cell, sheet or file name holds (a line break
    in a cell, a control character in a sheet name)."""
    return InputError("".join(_visible(ch) for ch in message))


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    return f"\\u{ord(ch):04x}" if category[0] == "C" or category in {"Zl", "Zp"} else ch


def clean(text: str) -> str:
    """The form in which labels are compared: NFKC (full-width and half-width alike), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        number = exact_number(value)
        return "" if number is None else str(number)
    return ""


def exact_number(value: object) -> Decimal | None:
    """A cell's value as the decimal number a person reads in it, or None if it holds no number.

    A float cell becomes the decimal text of at most 15 significant digits that Excel shows
    (``format(x, ".15g")``): 1203.7 → Decimal('1203.7'), and a formula result 771.5000000000001
    → Decimal('771.5'). A float is never passed to Decimal directly. Text is read as typed, with
    thousands separators and full-width digits (「１２,０３６.８」 → 12036.8). Negative numbers,
    booleans, dates, NaN and infinities are not numbers of visitors: None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if value >= 0 else None
    if isinstance(value, float):
        if not math.isfinite(value) or value < 0:
            return None
        return Decimal(format(value, ".15g")) if value else Decimal(0)  # -0.0 is 0
    if isinstance(value, str):
        text = clean(value)
        if re.fullmatch(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", text):
            return Decimal(text.replace(",", ""))
    return None


def office_name(printed: str) -> str:
    """Today's name of a 振興局 from a printed name: 網走支庁 → オホーツク, 渡島総合振興局 → 渡島."""
    name = clean(printed)
    for suffix in ("総合振興局", "振興局", "支庁"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    name = OFFICE_ALIASES.get(name, name)
    if name not in OFFICES:
        near = difflib.get_close_matches(name, OFFICES, n=1)
        hint = f"; did you mean {near[0]}?" if near else f"; the 振興局 are {'、'.join(OFFICES)}"
        raise _error(f"unknown 振興局 '{printed}'{hint}")
    return name


def municipal_name(printed: str) -> tuple[str, str]:
    """The name used for matching, and the printed qualifier: 「札幌市（定山渓を除く）」 →
    ('札幌市', '定山渓を除く'); 「中礼内村」 → ('中札内村', ''); 「ﾆｾｺ町」 → ('ニセコ町', '')."""
    name = clean(printed)
    qualifier = ""
    found = re.fullmatch(r"(.+?)\((.+)\)", name)
    if found:
        name, qualifier = found.group(1), found.group(2)
    for wrong, right in NAME_FIXES.items():
        name = name.replace(wrong, right)
    return name, qualifier


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
        raise _error(
            f"sheet '{sheet}': no header row starting 「圏　域」, so it is not the monthly sheet of the "
            "北海道観光入込客数調査 report; give the report workbook as the 道 publishes it"
        )
    fiscal_year, year_text = _fiscal_year(cells[:header], sheet, year_hint)
    columns = _columns(cells, header, sheet, fiscal_year)
    rows = _total_rows(cells, header, columns, sheet)
    return _report(rows, sheet, fiscal_year, year_text)


def find_header(cells: list[list[object]]) -> int | None:
    """The index of the header row: the first row whose first non-empty cell reads 「圏　域」."""
    for index, row in enumerate(cells):
        for value in row[:4]:
            text = clean(_text(value))
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
    found = _years_named([*_texts(top), sheet])
    return found[0] if len({year for year, _ in found}) == 1 else None


def _texts(rows: list[list[object]]) -> list[str]:
    return [text for row in rows for value in row if (text := _text(value))]


def _years_named(texts: list[str]) -> list[tuple[int, str]]:
    """The fiscal years named in some texts, as (year, text): 「令和元年度」 → (2019, '令和元年度')."""
    found: list[tuple[int, str]] = []
    for text in texts:
        norm = clean(text)
        for match in re.finditer(_ERA_YEAR, norm):
            number = 1 if match.group(2) == "元" else int(match.group(2))
            if number >= 1:
                found.append((_ERA_BASE[match.group(1)] + number, match.group(0)))
        for match in re.finditer(_WESTERN_YEAR, norm):
            found.append((int(match.group(1)), match.group(0)))
    return found


def _fiscal_year(top: list[list[object]], sheet: str, year_hint: int | None) -> tuple[int, str]:
    found = _years_named(_texts(top)) or _years_named([sheet])
    years = sorted({year for year, _ in found})
    if len(years) == 1:
        return years[0], next(text for year, text in found if year == years[0])
    if year_hint is not None and (not years or year_hint in years):
        return year_hint, f"FY{year_hint}"
    if not years:
        raise _error(
            f"sheet '{sheet}': cannot tell its fiscal year (no 「平成NN年度」 or 「令和N年度」 above the "
            "header nor in the sheet name); keep the report's title row above the table"
        )
    named = ", ".join(f"FY{year}" for year in years)
    raise _error(f"sheet '{sheet}': its title names several fiscal years ({named}); keep only the report's own")


def _header_rows(cells: list[list[object]], header: int) -> list[list[object]]:
    """The header row and the rows under it that continue it (no number, no type label)."""
    rows = [cells[header]]
    for row in cells[header + 1 : header + _HEADER_ROWS]:
        if any(exact_number(v) is not None or clean(_text(v)) in TYPES for v in row):
            break
        rows.append(row)
    return rows


def _columns(cells: list[list[object]], header: int, sheet: str, fiscal_year: int) -> _Columns:
    rows = _header_rows(cells, header)
    width = max(len(row) for row in rows)
    labels = [  # the labels of each column, top down
        [clean(_text(row[col])) if col < len(row) else "" for row in rows] for col in range(width)
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
        raise _error(f"sheet '{sheet}': the header has no column for {missing}; this is not the monthly sheet")
    elif year_total is None:
        raise _error(f"sheet '{sheet}': the header has no 年計 column after the months; this is not the monthly sheet")
    else:
        first_month = months[4]
    kind = _kind_column(cells, header, first_month)
    if kind is None and not _one_type_sheet([*_texts(cells[:header]), sheet]):
        raise _error(
            f"sheet '{sheet}': no 入込総数 rows under the header (the 区分 column is missing); "
            "this is not the monthly sheet of the report"
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
            if clean(_text(row[col])) == TOTAL_TYPE:
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
            if columns.kind >= len(row) or clean(_text(row[columns.kind])) != TOTAL_TYPE:
                continue
        elif not any(exact_number(v) is not None for v in row[columns.first_month : columns.year_total + 1]):
            continue  # a sheet of one type: a row without figures is a title, a note or a page header
        labels = {c: _text(row[c]).strip() for c in label_cols if c < len(row) and clean(_text(row[c]))}
        rows.append(_classify(labels, columns, value, index + 1, sheet))
    return rows


def _classify(labels: dict[int, str], columns: _Columns, value: object, row: int, sheet: str) -> _Row:
    for printed in labels.values():
        text = clean(printed)
        if re.fullmatch(_OFFICE_TOTAL, text):
            return _Row("office", printed, value, row)
        if re.fullmatch(_AREA_TOTAL, text):
            return _Row("area", printed, value, row)
        if text in _HOKKAIDO_TOTALS:
            return _Row("hokkaido", printed, value, row)
    if columns.municipal in labels:
        return _Row("municipal", labels[columns.municipal], value, row)
    if columns.area in labels:  # the 圏域 column holds nothing but 圏域 names (some printed in pieces)
        return _Row("area", labels[columns.area], value, row)
    raise _error(
        f"sheet '{sheet}' row {row}: a 入込総数 row without a 圏域計, 振興局計 or 市町村 name; "
        "check that the sheet has not been edited"
    )


def area_name(printed: str) -> str:
    """The 圏域 of a printed 圏域計 label: 「道央圏域計」 → 道央; 「ｵﾎｰﾂｸ圏域計」 → オホーツク."""
    text = clean(printed)
    found = re.fullmatch(_AREA_TOTAL, text)
    name = found.group(1) if found else text.removesuffix("計")
    return AREA_FIXES.get(name, name)


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
        where = f"sheet '{sheet}' row {item.row}"
        if item.kind == "municipal":
            if not office:
                raise _error(
                    f"{where}: 市町村 '{item.label}' comes before any 振興局計 row; "
                    "the report prints each 振興局計 above its 市町村"
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
            found = re.fullmatch(_OFFICE_TOTAL, clean(item.label))
            assert found is not None  # classified by this pattern
            try:
                office = office_name(found.group(1))
            except InputError as exc:
                raise _error(f"{where}: {exc.message}") from None
            subprefectures = subprefectures or found.group(2) == "支庁"
            if office in seen:
                raise _error(
                    f"{where}: a second 振興局計 row for {office} (the first is row {seen[office]}); "
                    "check that the sheet has not been edited"
                )
            seen[office] = item.row
            offices.append(OfficeTotal(office, item.label, area, total, item.row))
    if not offices or not municipalities:
        raise _error(
            f"sheet '{sheet}': no 振興局計 and 市町村 rows of 入込総数 under the header; "
            "this is not the monthly sheet of the report"
        )
    return TourismReport(
        sheet, fiscal_year, year_text, subprefectures, hokkaido, tuple(areas), tuple(offices), tuple(municipalities)
    )


def _total_value(item: _Row, where: str) -> Decimal:
    number = exact_number(item.value)
    if number is None:
        raise _error(
            f"{where}: the 年計 of '{item.label}' is {_shown(item.value)}, not a number of visitors; "
            "check that cell in the workbook"
        )
    return number


def _municipal_value(item: _Row, where: str) -> Decimal | None:
    number = exact_number(item.value)
    if number is None and clean(_text(item.value)) not in NO_FIGURE:
        raise _error(
            f"{where}: the 年計 of '{item.label}' is {_shown(item.value)}, not a number of visitors; "
            "check that cell in the workbook"
        )
    return number


def _shown(value: object) -> str:
    if value is None or value == "":
        return "empty"
    return f"'{value}'" if isinstance(value, str) else f"'{value!r}'"


# ------------------------------------------------------------------------------ sums and units


def municipal_sum(report: TourismReport, municipalities: list[str]) -> tuple[Decimal, list[tuple[str, Decimal, int]]]:
    """The sum of the printed 入込総数 年計 of a set of 市町村 (千人), with each part as
    (printed name, value, row). Names match in any width (ﾆｾｺ町 = ニセコ町) and with the known
    misprints fixed; an unknown name, a name given twice, or a 市町村 without a figure is refused."""
    if not municipalities:
        raise _error("no 市町村 given to sum; name at least one")
    by_name: dict[str, list[MunicipalRow]] = {}
    for row in report.municipalities:
        by_name.setdefault(row.name, []).append(row)
    total = Decimal(0)
    parts: list[tuple[str, Decimal, int]] = []
    asked: set[str] = set()
    where = f"{report.sheet} (FY{report.fiscal_year})"
    for wanted in municipalities:
        name, _ = municipal_name(wanted)
        if name in asked:
            raise _error(f"'{wanted}' is named twice in the set of 市町村; name each once")
        asked.add(name)
        rows = by_name.get(name, [])
        if not rows:
            near = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.5)
            near += [n for n in by_name if name and n.startswith(name) and n not in near][:3]
            hint = f"; did you mean {' or '.join(near)}?" if near else "; check the spelling against the report"
            raise _error(f"no 市町村 '{wanted}' in {where}{hint}")
        if len(rows) > 1:
            lines = ", ".join(str(r.row) for r in rows)
            raise _error(f"'{wanted}' appears on several rows of {where} ({lines}); check the workbook")
        row = rows[0]
        if row.total is None:
            raise _error(f"'{row.printed}' has no 年計 in {where} (row {row.row}); it cannot be summed")
        total += row.total
        parts.append((row.printed, row.total, row.row))
    return total, parts


def convert_thousands(value: Decimal, unit: str) -> Decimal:
    """A figure in 千人 in a KPI's unit, exactly: 万人 divides by 10 (12036.8 → 1203.68),
    千人 keeps it, 人 multiplies by 1000 (12036.8 → 12036800). No rounding ever happens."""
    key = clean(unit)
    if key == "千人":
        return value
    if key == "万人":
        return _shifted(value, -1)
    if key == "人":
        return _shifted(value, 3)
    raise _error(
        f"cannot convert the report's 千人 to '{unit}'; the report counts people: give a KPI in 人, 千人 or 万人"
    )


def _shifted(value: Decimal, places: int) -> Decimal:
    """``value`` × 10**places, exactly (a context wide enough that nothing is rounded)."""
    digits = len(value.as_tuple().digits)
    moved = value.scaleb(places, context=Context(prec=digits + abs(places) + 2))
    exponent = moved.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:  # an integer: written out (12036800, not 1.20368E+7)
        moved = moved.quantize(Decimal(1), context=Context(prec=digits + exponent + 2))
    return moved


# ----------------------------------------------------------------------------- the workbook


def read_tourism_workbook(path: Path) -> list[TourismReport]:
    """Read every monthly 入込総数 sheet of a report workbook (.xls, .xlsx, .xlsm or .ods).

    The format is told from the content, not the name (a download saved as ``file.jsp`` or with
    the wrong extension reads all the same). Each sheet is tried; those that are the monthly
    table come back, each naming its sheet. A file that cannot be read, is not a workbook, or has
    no such sheet raises InputError with one line; no exception of the reader gets through.
    """
    shown = path.name
    data = _read_file(path, shown)
    kind = _workbook_kind(data, shown, path.suffix.lower())
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a broken install
        raise _error(
            "reading the report workbook needs python-calamine; install kpi again with its dependencies"
        ) from None
    import io

    sheets: list[tuple[str, list[list[object]]]] = []
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            for name in book.sheet_names:
                sheet = book.get_sheet_by_name(name)
                end = sheet.end
                if end is None:
                    continue
                if (end[0] + 1) * (end[1] + 1) > MAX_SHEET_CELLS:
                    raise _error(
                        f"{shown}: sheet '{name}' spans {end[0] + 1} rows × {end[1] + 1} columns, "
                        "far more than a report sheet; give the workbook as the 道 publishes it"
                    )
                grid: list[list[object]] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
                sheets.append((name, grid))
    except InputError:
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _unreadable(shown, kind, type(exc).__name__) from None
    return _monthly_sheets(sheets, shown)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (a compound document)
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods


def _unreadable(shown: str, kind: str, why: str) -> InputError:
    return _error(f"{shown}: cannot be read as an {kind} workbook ({why}); open it in Excel and save it again")


def _read_file(path: Path, shown: str) -> bytes:
    try:
        if not path.is_file():
            raise _error(
                f"{shown}: no such file; check the path"
                if not path.exists()
                else f"{shown}: not a file; give the report workbook"
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(f"{shown}: {size:,} bytes, far more than a report workbook; give the file the 道 publishes")
        return path.read_bytes()
    except OSError as exc:
        raise _error(f"{shown}: cannot be read ({exc.strerror or type(exc).__name__}); check the path") from None


def _workbook_kind(data: bytes, shown: str, suffix: str) -> str:
    """'.xls', '.xlsx' or '.ods' from the content; refuses what is none of them, and an archive
    that would unpack to far more than a report workbook."""
    if data.startswith(_OLE_MAGIC):
        return ".xls"
    if not data.startswith(_ZIP_MAGIC):
        if suffix in SUFFIXES:
            raise _unreadable(shown, suffix, "not an Excel or OpenDocument file")
        raise _error(f"{shown}: not a report workbook; give the .xls or .xlsx file the 道 publishes (or an .ods)")
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise _unreadable(shown, suffix if suffix in SUFFIXES else ".xlsx", type(exc).__name__) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _error(f"{shown}: unpacks to {unpacked:,} bytes, far more than a report workbook; it is refused")
    if "xl/workbook.xml" in names:
        return ".xlsx"
    if "content.xml" in names:
        return ".ods"
    raise _error(f"{shown}: a zip archive but not a workbook; give the .xls or .xlsx file the 道 publishes")


def _monthly_sheets(sheets: list[tuple[str, list[list[object]]]], shown: str) -> list[TourismReport]:
    # A monthly sheet without a year of its own takes the one the workbook names (on its cover).
    named = {found for name, grid in sheets if (found := sheet_year(grid, name)) is not None}
    hint = named.pop() if len({year for year, _ in named}) == 1 else None
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
        raise _error(f"{shown}: {failures[0].message}")
    names = ", ".join(f"'{name}'" for name, _ in sheets) or "none"
    raise _error(
        f"{shown}: no sheet is the monthly table of the 北海道観光入込客数調査 (a header row starting 「圏　域」 "
        f"over 入込総数 rows; sheets: {names}); give the report workbook as the 道 publishes it"
    )
