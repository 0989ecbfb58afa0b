"""The period a KPI's value counts: the day of a point-in-time (時点) count and the name of a
basis for people. Pure: no files.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from kpi_cli.core.model import Source

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


def basis_label(source: Source) -> str:
    """The basis for people: 暦年（1〜12月）, 時点（4月1日現在）, …; "" when not known."""
    if source.basis == "point":
        return f"時点（{source.as_of}）" if source.as_of else "時点"
    return BASIS_JA.get(source.basis, "")
