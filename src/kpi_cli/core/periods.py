"""The period a KPI's value counts, and the fiscal-year column it is kept in.

The rule is written once, in ``core/model.py``: a fiscal (年度) value of FY N and a calendar
(暦年) value of the year N go in column N; a point-in-time (時点) count on a day D goes in the
fiscal year that contains D (2020-04-01, 4月1日現在 → FY2020, as the plan labels its own
counts: 認定こども園 0か所（H26） is the count of 1 April 2014); the cohort that graduates in
March N+1 goes in column N. Pure: no files.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from kpi_cli.core.model import Kpi, Source
from kpi_cli.core.years import current_fiscal_year, era, era_and_western, parse_day, parse_year
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg

# 4月1日現在, 4月1日, 3月末, 3月末現在 (NFKC: full-width digits read as ASCII).
_AS_OF_RE = r"^(\d{1,2})月(?:(\d{1,2})日|(末))(?:現在)?$"

# How each basis is named for people (kpi show, the collection sheet).
BASIS_JA = {
    "fiscal": "年度（4月〜翌年3月）",
    "calendar": "暦年（1〜12月）",
    "point": "時点",
    "cohort": "卒業年（3月卒業）",
}


def count_day(as_of: str) -> tuple[int, int | None] | None:
    """The day a point basis counts, as (month, day); day None for a month end (3月末).
    None when the text is not such a day."""
    m = re.match(_AS_OF_RE, unicodedata.normalize("NFKC", as_of).strip())
    if m is None:
        return None
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    if m.group(3):
        return month, None
    day = int(m.group(2))
    # A day every year has (29 February is not).
    return (month, day) if 1 <= day <= _month_end(2001, month).day else None


def _month_end(year: int, month: int) -> date:
    """The last day of a month (``calendar`` is not imported: it imports ``locale``)."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def count_date(source: Source, year: int) -> date:
    """The day whose count is kept in fiscal year ``year``: the day of the basis that falls within
    the fiscal year (4月1日現在: 1 April of ``year``; 3月末: 31 March of the next calendar year)."""
    found = count_day(source.as_of)
    if found is None:
        raise ValueError(f"not a point basis with a readable day: {source.as_of!r}")
    month, day = found
    calendar_year = year if month >= 4 else year + 1
    return date(calendar_year, month, day) if day else _month_end(calendar_year, month)


def fiscal_year_of_count(day: date) -> int:
    """The fiscal year a point-in-time count is kept in: the one containing its day."""
    return current_fiscal_year(day.year, day.month)


def cohort_label(year: int) -> str:
    """The graduation cohort kept in fiscal year ``year``: those who graduate in March of the next
    calendar year (2019 → R2.3卒; 2018 → H31.3卒, as March 2019 was still 平成)."""
    graduation = year + 1
    return f"{'H31' if graduation == 2019 else era(graduation)}.3卒"


def period_label(kpi: Kpi, year: int) -> str:
    """What the value kept in fiscal year ``year`` counts, in the words of the collection sheet:
    R1年度, 2019年（1〜12月）, 2020年4月1日現在, R2.3卒."""
    basis = kpi.source.basis
    if basis == "calendar":
        return f"{year}年（1〜12月）"
    found = count_day(kpi.source.as_of) if basis == "point" else None
    if found is not None:
        day = count_date(kpi.source, year)
        return f"{day.year}年{day.month}月{'末' if found[1] is None else f'{day.day}日'}現在"
    if basis == "cohort":
        return cohort_label(year)
    return f"{era(year)}年度"


def is_fiscal(kpi: Kpi) -> bool:
    """Whether the KPI's column holds the fiscal year itself (also when the basis is not known)."""
    return kpi.source.basis in ("", "fiscal") or (kpi.source.basis == "point" and not kpi.source.as_of)


def basis_label(source: Source) -> str:
    """The basis for people: 暦年（1〜12月）, 時点（4月1日現在）, …; "" when not known."""
    if source.basis == "point":
        return f"時点（{source.as_of}）" if source.as_of else "時点"
    return BASIS_JA.get(source.basis, "")


def year_of_input(kpi: Kpi, text: str) -> tuple[int, date | None]:
    """The fiscal-year column for what was typed as a year: a year in any form (parse_year), or for
    a point-in-time KPI the day of its count (2020-04-01 → 2019). A day given for any other KPI,
    or a day other than the one the KPI counts on, is refused with the form to write instead."""
    day = parse_day(text)
    if day is None:
        return parse_year(text), None
    return _year_of_day(kpi, day, text.strip()), day


def _year_of_day(kpi: Kpi, day: date, typed: str) -> int:
    source = kpi.source
    if source.basis == "calendar":
        raise InputError(
            Msg(
                "{kpi} counts calendar years (暦年, January to December), not days: give the year instead of "
                "{date!r}, e.g. {year} for the calendar year {year}",
                kpi=kpi.id,
                date=typed,
                year=day.year,
            )
        )
    if source.basis == "cohort":
        raise InputError(
            Msg(
                "{kpi} counts graduation cohorts (卒業年), not days: give the cohort instead of {date!r}, "
                "e.g. {cohort} (those who graduate in March {year})",
                kpi=kpi.id,
                date=typed,
                cohort=cohort_label(day.year - 1),
                year=day.year,
            )
        )
    if source.basis == "point" and count_day(source.as_of) is not None:
        year = fiscal_year_of_count(day)
        if count_date(source, year) == day:
            return year
        nearest = min((count_date(source, y) for y in (year - 1, year, year + 1)), key=lambda d: abs((d - day).days))
        raise InputError(
            Msg(
                "{kpi} is counted on {as_of}, and {date} is another day: give {expected} (kept in {year}) "
                "or the fiscal year",
                kpi=kpi.id,
                as_of=source.as_of,
                date=day.isoformat(),
                expected=nearest.isoformat(),
                year=era_and_western(fiscal_year_of_count(nearest)),
            )
        )
    if source.basis == "fiscal":
        raise InputError(
            Msg(
                "{kpi} counts fiscal years (年度, April to March), not days: give the fiscal year instead of "
                "{date!r}, e.g. R1 or 2019",
                kpi=kpi.id,
                date=typed,
            )
        )
    raise InputError(
        Msg(
            "the plan does not say on which day {kpi} is counted (no point-in-time basis on its source card): "
            "give the fiscal year instead of {date!r}, e.g. R1 or 2019",
            kpi=kpi.id,
            date=typed,
        )
    )
