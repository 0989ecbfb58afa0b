"""The records of the 北海道観光入込客数調査 report, and its names, numbers and units.

What one monthly sheet of the report says, as typed records (NamedTuple): the printed 入込総数 年計
of each 圏域計, 振興局計 and 市町村, in 千人. With them: how a printed name is matched (NFKC, the
report's misprints, the 支庁 of before 2010), how a cell becomes an exact ``Decimal``, the sum of a
set of 市町村, and the conversion of 千人 to a KPI's unit. Pure: no file is read here.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from decimal import Context, Decimal
from typing import NamedTuple

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg, either

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

OFFICE_TOTAL = r"^(.+?)(総合振興局|振興局|支庁)計?$"
AREA_TOTAL = r"^(.+?)圏域計?$"
ERA_YEAR = r"(平成|令和|H|R)(元|\d{1,2})年度"  # 「平成30年度」, 「令和元年度」, 「H30年度」 (never a date)
WESTERN_YEAR = r"((?:19|20)\d{2})年度"
ERA_BASE = {"平成": 1988, "H": 1988, "令和": 2018, "R": 2018}
# Old sheets print the longer 圏域 names in two pieces (as the extractor found): the first piece
# stands on the 圏域計 row.
AREA_FIXES = {"オホーツ": "オホーツク", "釧路・根": "釧路・根室"}


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
        raise refused(
            Msg(
                "{sheet} (FY{fiscal_year}) has no 振興局計 row for {name!r}; it has {have}",
                sheet=self.sheet,
                fiscal_year=self.fiscal_year,
                name=name,
                have=have,
            )
        )


# ---------------------------------------------------------------------------------- cell values


def refused(message: Msg) -> InputError:
    """An InputError (a message is one line whatever a quoted cell, sheet or file name holds: see
    ``Msg``)."""
    return InputError(message)


def clean(text: str) -> str:
    """The form in which labels are compared: NFKC (full-width and half-width alike), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def cell_text(value: object) -> str:
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
        if near:
            raise refused(Msg("unknown 振興局 {printed!r}; did you mean {near}?", printed=printed, near=near[0]))
        raise refused(
            Msg("unknown 振興局 {printed!r}; the 振興局 are {offices}", printed=printed, offices="、".join(OFFICES))
        )
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


def area_name(printed: str) -> str:
    """The 圏域 of a printed 圏域計 label: 「道央圏域計」 → 道央; 「ｵﾎｰﾂｸ圏域計」 → オホーツク."""
    text = clean(printed)
    found = re.fullmatch(AREA_TOTAL, text)
    name = found.group(1) if found else text.removesuffix("計")
    return AREA_FIXES.get(name, name)


def years_named(texts: list[str]) -> list[tuple[int, str]]:
    """The fiscal years named in some texts, as (year, text): 「令和元年度」 → (2019, '令和元年度')."""
    found: list[tuple[int, str]] = []
    for text in texts:
        norm = clean(text)
        for match in re.finditer(ERA_YEAR, norm):
            number = 1 if match.group(2) == "元" else int(match.group(2))
            if number >= 1:
                found.append((ERA_BASE[match.group(1)] + number, match.group(0)))
        for match in re.finditer(WESTERN_YEAR, norm):
            found.append((int(match.group(1)), match.group(0)))
    return found


# ------------------------------------------------------------------------------ sums and units


def municipal_sum(report: TourismReport, municipalities: list[str]) -> tuple[Decimal, list[tuple[str, Decimal, int]]]:
    """The sum of the printed 入込総数 年計 of a set of 市町村 (千人), with each part as
    (printed name, value, row). Names match in any width (ﾆｾｺ町 = ニセコ町) and with the known
    misprints fixed; an unknown name, a name given twice, or a 市町村 without a figure is refused."""
    if not municipalities:
        raise refused(Msg("no 市町村 given to sum; name at least one"))
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
            raise refused(Msg("{wanted!r} is named twice in the set of 市町村; name each once", wanted=wanted))
        asked.add(name)
        rows = by_name.get(name, [])
        if not rows:
            near = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.5)
            near += [n for n in by_name if name and n.startswith(name) and n not in near][:3]
            if near:
                raise refused(
                    Msg(
                        "no 市町村 {wanted!r} in {where}; did you mean {near}?",
                        wanted=wanted,
                        where=where,
                        near=either(near),
                    )
                )
            raise refused(
                Msg(
                    "no 市町村 {wanted!r} in {where}; check the spelling against the report", wanted=wanted, where=where
                )
            )
        if len(rows) > 1:
            lines = ", ".join(str(r.row) for r in rows)
            raise refused(
                Msg(
                    "{wanted!r} appears on several rows of {where} ({lines}); check the workbook",
                    wanted=wanted,
                    where=where,
                    lines=lines,
                )
            )
        row = rows[0]
        if row.total is None:
            raise refused(
                Msg(
                    "{printed!r} has no 年計 in {where} (row {row}); it cannot be summed",
                    printed=row.printed,
                    where=where,
                    row=row.row,
                )
            )
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
    raise refused(
        Msg(
            "cannot convert the report's 千人 to {unit!r}; the report counts people: give a KPI in 人, 千人 or 万人",
            unit=unit,
        )
    )


def _shifted(value: Decimal, places: int) -> Decimal:
    """``value`` × 10**places, exactly (a context wide enough that nothing is rounded)."""
    digits = len(value.as_tuple().digits)
    moved = value.scaleb(places, context=Context(prec=digits + abs(places) + 2))
    exponent = moved.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:  # an integer: written out (12036800, not 1.20368E+7)
        moved = moved.quantize(Decimal(1), context=Context(prec=digits + exponent + 2))
    return moved
