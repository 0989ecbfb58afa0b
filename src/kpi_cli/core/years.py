"""Japanese fiscal years and era names (平成 H, 令和 R).

A year in kpi is always a Western *fiscal* year (1 April to 31 March), held as an
int: FY2019 = 2019 = H31年度 = R1年度 = 令和元年度.  Parsing accepts what people
type and what the plan prints; formatting gives the short era form back.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg

if TYPE_CHECKING:
    from datetime import date

HEISEI_START = 1989  # H1
REIWA_START = 2019  # R1 (H31 is the same fiscal year)
LAST_HEISEI = 31
MAX_YEAR = 2200

_ERAS = {"H": HEISEI_START, "R": REIWA_START}
_ERA_NAMES = {"平成": "H", "令和": "R", "H": "H", "R": "R"}


# One era year: era letter or name, number or 元, optional 年/年度.
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
_ERA_RE = r"^(平成|令和|H|R)\s*(元|\d{1,3})\s*(?:年度|年)?$"
_WESTERN_RE = r"^(?:FY)?\s*(\d{4})\s*(?:年度|年)?$"
# A graduation cohort: H27.3卒 = those who graduated in March of calendar H27.
_COHORT_RE = r"^(平成|令和|H|R)\s*(元|\d{1,2})\.(\d{1,2})\s*卒$"
_RANGE_SPLIT = r"\s*[～~〜\-–]\s*"
_RANGE_SUFFIXES = ("累計", "合計", "平均")


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), upper case, trimmed; digits of other
    systems (٣, ③, ²) are refused rather than read as 3."""
    from kpi_cli.core.decimals import check_digits

    check_digits(text, Msg("year"))
    return unicodedata.normalize("NFKC", text).strip().upper()


def _era_year(era: str, number: str, original: str) -> int:
    letter = _ERA_NAMES[era]
    n = 1 if number == "元" else int(number)
    if n < 1:
        raise InputError(
            Msg(
                "year {year!r} does not exist: era years start at 1 (元年); "
                "write it as 2019, FY2019, R1, 令和元年度 or H26",
                year=original,
            )
        )
    if letter == "H" and n > LAST_HEISEI:
        raise InputError(
            Msg(
                "year {year!r} does not exist: 平成 ended in its 31st year (2019); write R{reiwa} or {western}",
                year=original,
                reiwa=n - LAST_HEISEI + 1,
                western=HEISEI_START + n - 1,
            )
        )
    year = _ERAS[letter] + n - 1
    if year > MAX_YEAR:
        raise InputError(
            Msg("year {year!r} is out of range; write it as 2019, FY2019, R1, 令和元年度 or H26", year=original)
        )
    return year


def parse_year(text: str) -> int:
    """Parse one fiscal year in any accepted form; return the Western year.

    Accepts 2019, FY2019, 2019年度, R1, R元, 令和元年, 令和1年度, H31, H26年度,
    full-width digits, and graduation cohorts such as H27.3卒 (→ FY2014).
    """
    s = normalize(text)
    if not s:
        raise InputError(Msg("empty year; write it as 2019, FY2019, R1, 令和元年度 or H26"))
    m = re.match(_WESTERN_RE, s)
    if m:
        year = int(m.group(1))
        if year < HEISEI_START:
            raise InputError(
                Msg("year {year!r} is before 1989: only 平成 and 令和 fiscal years are supported", year=text.strip())
            )
        if year > MAX_YEAR:
            raise InputError(
                Msg("year {year!r} is out of range; write it as 2019, FY2019, R1, 令和元年度 or H26", year=text.strip())
            )
        return year
    m = re.match(_ERA_RE, s)
    if m:
        return _era_year(m.group(1), m.group(2), text.strip())
    m = re.match(_COHORT_RE, s)
    if m:
        calendar_year = _era_year(m.group(1), m.group(2), text.strip())
        month = int(m.group(3))
        if not 1 <= month <= 12:
            raise InputError(
                Msg("cohort {cohort!r} has no month {month}; write it like H27.3卒", cohort=text.strip(), month=month)
            )
        # Graduating in Jan-Mar closes the fiscal year that began the April before.
        return calendar_year - 1 if month <= 3 else calendar_year
    if re.fullmatch(r"\d{1,3}", s):
        raise InputError(
            Msg(
                "year {year!r} is ambiguous: give the era or four digits; "
                "write it as 2019, FY2019, R1, 令和元年度 or H26",
                year=text.strip(),
            )
        )
    if re.match(r"^(S|昭和|T|大正|M|明治)", s):
        raise InputError(
            Msg("year {year!r} is before 1989: only 平成 (H) and 令和 (R) years are supported", year=text.strip())
        )
    raise InputError(Msg("{year!r} is not a year; write it as 2019, FY2019, R1, 令和元年度 or H26", year=text.strip()))


def parse_range(text: str) -> tuple[int, int]:
    """Parse a range of fiscal years such as H27～R1, H21～25平均, 2015-2019.

    The second part may omit its era (H21～25 is H21 to H25). A trailing
    累計 / 合計 / 平均 is allowed and ignored.
    """
    s = normalize(text)
    for suffix in _RANGE_SUFFIXES:
        if s.endswith(suffix):
            s = s[: -len(suffix)].strip()
    parts = re.split(_RANGE_SPLIT, s)
    if len(parts) != 2 or not all(parts):
        raise InputError(Msg("{text!r} is not a range of years; write it like H27～R1 or 2015-2019", text=text.strip()))
    first, second = parts
    start = parse_year(first)
    if re.fullmatch(r"\d{1,2}", second):
        era = re.match(_ERA_RE, first) or re.match(_COHORT_RE, first)
        if era is None:
            raise InputError(
                Msg("{text!r}: give the era of {second!r}, e.g. H21～H25", text=text.strip(), second=second)
            )
        second = era.group(1) + second
    end = parse_year(second)
    if end < start:
        raise InputError(Msg("range {text!r} ends before it starts; write the earlier year first", text=text.strip()))
    return start, end


def era(year: int) -> str:
    """The short era form of a fiscal year: 2014 → H26, 2019 → R1."""
    if year >= REIWA_START:
        return f"R{year - REIWA_START + 1}"
    if year >= HEISEI_START:
        return f"H{year - HEISEI_START + 1}"
    return str(year)


def era_and_western(year: int) -> str:
    """Era plus Western year, as in tables: R1/2019 (a year before 平成 is the Western year alone)."""
    return f"{era(year)}/{year}" if year >= HEISEI_START else str(year)


def current_fiscal_year(year: int, month: int) -> int:
    """The fiscal year that contains the given calendar month (April start)."""
    return year if month >= 4 else year - 1


# A calendar date as clerks type it: 2020-02-14, 2020/2/14, 2020.2.14, 2020年2月14日(現在), 20200214,
# R2.2.14, R2/2/14, 令和2年2月14日, 令和元年5月1日; a time after it (an Excel date cell read as
# 2020-02-14T00:00:00) is dropped. Patterns are strings, compiled at first use.
_TIME = r"(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE_RE = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*(?:日\s*(?:現在)?)?" + _TIME + "$"
_COMPACT_DATE_RE = r"^(\d{4})(\d{2})(\d{2})$"
_ERA_DATE_RE = r"^(平成|令和|H|R)\s*(元|\d{1,3})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*(?:日\s*(?:現在)?)?$"
# An Excel date serial (days since 1899-12-30 in the 1900 date system), as a number cell holds it.
_SERIAL_RE = r"^(\d{5})(?:\.0+)?$"
EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()
HEISEI_FIRST_DAY = (1989, 1, 8)
HEISEI_LAST_DAY = (2019, 4, 30)
REIWA_FIRST_DAY = (2019, 5, 1)


def _era_day_form(letter: str, kanji: bool, day: tuple[int, int, int]) -> str:
    """A day in the era form the user typed: R1.5.1, or 令和元年5月1日."""
    y, m, d = day
    n = y - _ERAS[letter] + 1
    if kanji:
        return f"{'平成' if letter == 'H' else '令和'}{'元' if n == 1 else n}年{m}月{d}日"
    return f"{letter}{n}.{m}.{d}"


def _era_day(m: re.Match[str], typed: str, what: str) -> tuple[int, int, int]:
    """(year, month, day) of an era day; the era's first and last days are checked (平成 ended on
    2019-04-30: H31.5.1 is R1.5.1; 令和 began on 2019-05-01: R1.4.30 is H31.4.30)."""
    letter = _ERA_NAMES[m.group(1)]
    kanji = m.group(1) in ("平成", "令和")
    n = 1 if m.group(2) == "元" else int(m.group(2))
    year = _ERAS[letter] + n - 1
    if n < 1 or year > MAX_YEAR:
        raise _not_a_day(typed, what)
    day = (year, int(m.group(3)), int(m.group(4)))
    western = "{}-{:02}-{:02}".format(*day)
    if letter == "H" and day > HEISEI_LAST_DAY:
        problem = Msg(
            "{date!r} is not a day: 平成 ended on 2019-04-30 ({last}); write {fix}",
            date=typed,
            last=_era_day_form("H", kanji, HEISEI_LAST_DAY),
            fix=_era_day_form("R", kanji, day),
        )
    elif letter == "R" and day < REIWA_FIRST_DAY:
        problem = Msg(
            "{date!r} is not a day: 令和 began on 2019-05-01 ({first}); write {fix}",
            date=typed,
            first=_era_day_form("R", kanji, REIWA_FIRST_DAY),
            fix=_era_day_form("H", kanji, day) if day >= HEISEI_FIRST_DAY else western,
        )
    elif letter == "H" and day < HEISEI_FIRST_DAY:
        problem = Msg(
            "{date!r} is not a day: 平成 began on 1989-01-08 ({first}); write {fix}",
            date=typed,
            first=_era_day_form("H", kanji, HEISEI_FIRST_DAY),
            fix=western,
        )
    else:
        return day
    raise InputError(Msg("{where}: {problem}", where=what, problem=problem) if what else problem)


def _not_a_day(text: str, what: str) -> InputError:
    if what:
        return InputError(
            Msg(
                "{what} {date!r} is not a date; write it as 2021-02-15, 2021/2/15, R3.2.15 or 令和3年2月15日",
                what=what,
                date=text,
            )
        )
    return InputError(Msg("{date!r} is not a day of the calendar; write it like 2020-04-01", date=text.strip()))


def parse_day(text: str, what: str = "") -> date | None:
    """The one reader of a calendar day as people type it: 2020-04-01, 2020/4/1, 2020.4.1,
    2020年4月1日(現在), 20200401, R2.4.1, 令和2年4月1日, full-width digits, a time after it dropped.
    None when the text is not shaped like a day (it may be a year); an error when it is shaped like
    one but does not exist, an era day outside its era (H31.5.1, R1.4.30) with the form to write.
    ``what`` names the option or column in the errors (then "not a date" with the forms)."""
    from datetime import date

    s = normalize(text)
    if m := re.match(_DATE_RE, s) or re.match(_COMPACT_DATE_RE, s):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := re.match(_ERA_DATE_RE, s):
        parts = _era_day(m, text.strip(), what)
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        raise _not_a_day(text, what) from None


def iso_date(text: str, what: str) -> str:
    """A calendar date as YYYY-MM-DD (2021-02-15), or a one-line error naming ``what``.

    Accepts the forms of ``parse_day`` (2021-02-15, 2021/2/15, 2021年2月15日, R3.2.15, 令和3年2月15日,
    full-width digits) and what an Excel date cell becomes when read (2021-02-15T00:00:00, or its
    serial number 44242). Era dates are calendar dates: 令和3年2月15日 is 2021-02-15."""
    from datetime import date

    try:
        s = normalize(text)
    except InputError:
        raise _not_a_day(text, what) from None
    day = parse_day(text, what)
    if day is not None:
        return day.isoformat()
    if m := re.match(_SERIAL_RE, s):
        serial = date.fromordinal(EXCEL_EPOCH_ORDINAL + int(m.group(1)))
        if HEISEI_START <= serial.year <= MAX_YEAR:
            return serial.isoformat()
    raise _not_a_day(text, what)
