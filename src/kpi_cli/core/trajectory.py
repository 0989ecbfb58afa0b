"""Trajectory math and rating: pure functions over the plan model and yearly actuals.

Every figure is a ``Decimal`` or ``None`` where it is undefined (never NaN).
Yearly actuals of a cumulative KPI are the counts of each year; its actual at
an as-of year is their sum from the period start, known only when every year of
the period up to it is known (a year never recorded is not a zero): until then it
is not rated, and the years still unknown are said (``unknown_years``). A running
total given as published (``totals``: the total so far at a year) stands for every
year up to it, known or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Literal, NamedTuple

from kpi_cli.core.decimals import rounded
from kpi_cli.core.model import Kpi, RatingBands, Revision, Target

AsOfRule = Literal["given", "latest", "current"]


class Rating(StrEnum):
    achieved = "achieved"
    on_track = "on_track"
    nearly = "nearly"
    behind = "behind"
    worse = "worse"
    no_data = "no_data"

    @property
    def ja(self) -> str:
        return RATING_JA[self]

    @property
    def severity(self) -> int:
        """Higher is worse; used by --fail-on (no_data is not a failure)."""
        return {"achieved": 0, "on_track": 1, "nearly": 2, "behind": 3, "worse": 4, "no_data": -1}[self.value]


RATING_JA = {
    Rating.achieved: "達成",
    Rating.on_track: "順調",
    Rating.nearly: "概ね順調",
    Rating.behind: "遅れ",
    Rating.worse: "悪化",
    Rating.no_data: "未記録",
}
RATING_ORDER = tuple(Rating)


class Status(NamedTuple):
    kpi: Kpi
    as_of_year: int
    as_of_rule: AsOfRule
    target: Target  # the target in force for the as-of year
    revision: Revision | None
    actual: Decimal | None
    expected: Decimal | None
    gap: Decimal | None
    progress: Decimal | None
    achievement: Decimal | None
    pace: Decimal | None
    needed_per_year: Decimal | None
    projected: Decimal | None
    projected_reaches_target: bool | None
    rating: Rating
    actual_years: tuple[int, ...]
    unknown_years: tuple[int, ...] = ()  # cumulative: years of the period up to the as-of year never recorded


def _div(a: Decimal, b: Decimal) -> Decimal | None:
    return None if b == 0 else a / b


def _increase(kpi: Kpi) -> bool:
    return kpi.direction == "increase"


def as_of_year(
    kpi: Kpi, actuals: Mapping[int, Decimal], given: int | None, current_fy: int, plan_span: tuple[int, int]
) -> tuple[int, AsOfRule]:
    """--year, else the latest year with an actual, else the current fiscal year held within the plan."""
    if given is not None:
        return given, "given"
    if actuals:
        return max(actuals), "latest"
    start, end = plan_span
    return min(max(current_fy, start), end), "current"


def actual_at(
    kpi: Kpi, actuals: Mapping[int, Decimal], year: int, totals: Mapping[int, Decimal] | None = None
) -> Decimal | None:
    """The actual at ``year``: that year's value; for a cumulative KPI the total of its period so far
    (from the last running total given, if any), or None while a year of it is unknown (``unknown_years``)."""
    if kpi.kind == "cumulative":
        assert kpi.period is not None
        if unknown_years(kpi, actuals, year, totals):
            return None
        last = last_total(kpi, totals, year)
        start = kpi.period.start if last is None else last + 1
        values = [v for y, v in actuals.items() if start <= y <= min(year, kpi.period.end)]  # (never after it)
        if last is not None:
            return sum(values, totals[last] if totals else Decimal(0))
        return sum(values, Decimal(0)) if values else None
    return actuals.get(year)


def last_total(kpi: Kpi, totals: Mapping[int, Decimal] | None, year: int) -> int | None:
    """Cumulative KPIs: the latest year of the period up to ``year`` with a running total given."""
    if not totals or kpi.period is None:
        return None
    years = [y for y in totals if kpi.period.start <= y <= min(year, kpi.period.end)]
    return max(years) if years else None


def unknown_years(
    kpi: Kpi, actuals: Mapping[int, Decimal], year: int, totals: Mapping[int, Decimal] | None = None
) -> tuple[int, ...]:
    """Cumulative KPIs: the years of the period up to ``year`` (and within it) without a value, after
    the last running total given."""
    if kpi.kind != "cumulative" or kpi.period is None:
        return ()
    last = min(year, kpi.period.end)
    given = last_total(kpi, totals, last)
    first = kpi.period.start if given is None else given + 1
    return tuple(y for y in range(first, last + 1) if y not in actuals)


def total_conflicts(
    kpi: Kpi, actuals: Mapping[int, Decimal], totals: Mapping[int, Decimal]
) -> list[tuple[int, Decimal, Decimal]]:
    """Cumulative KPIs: the running totals given that are less than what the years before them already
    count (a total cannot fall while each year's count is at least zero): (year, total, counted before).
    What is counted is a floor: the last total before it and the counts recorded after that total, years
    never recorded counting as nothing (so a total after unknown years is checked against what is known)."""
    out: list[tuple[int, Decimal, Decimal]] = []
    if kpi.kind != "cumulative" or not totals or kpi.period is None:
        return out
    for year, total in sorted(totals.items()):
        last = max((y for y in totals if y < year), default=None)
        floor, start = (totals[last], last + 1) if last is not None else (Decimal(0), kpi.period.start)
        floor += sum((v for y, v in actuals.items() if start <= y < year and y not in totals), Decimal(0))
        if floor > total:
            out.append((year, total, floor))
    return out


def expected_at(kpi: Kpi, target: Target, year: int) -> Decimal | None:
    """The value on the straight line from baseline to target (cumulative: the share of the total)."""
    if kpi.kind == "cumulative":
        assert kpi.period is not None
        p0, p1 = kpi.period.start, target.year
        if year < p0:
            return Decimal(0)
        if year >= p1:
            return target.value
        return target.value * (year - p0 + 1) / (p1 - p0 + 1)
    if kpi.baseline is None:
        return None
    b, y0 = kpi.baseline.value, kpi.baseline.year
    t, y1 = target.value, target.year
    if year <= y0:
        return b
    if year >= y1:
        return t
    return b + (t - b) * (year - y0) / (y1 - y0)


def _baseline_value(kpi: Kpi) -> Decimal | None:
    if kpi.kind == "cumulative":
        return Decimal(0)
    return kpi.baseline.value if kpi.baseline is not None else None


def _meets(kpi: Kpi, value: Decimal, target: Target) -> bool:
    return value >= target.value if _increase(kpi) else value <= target.value


def _projection(
    kpi: Kpi, actuals: Mapping[int, Decimal], target: Target, totals: Mapping[int, Decimal] | None = None
) -> Decimal | None:
    """Least squares through the baseline and the recorded actuals, read at the target year."""
    points: list[tuple[int, Decimal]] = []
    if kpi.kind == "cumulative":  # the totals so far that are known (a year never recorded is not a zero)
        assert kpi.period is not None
        points.append((kpi.period.start - 1, Decimal(0)))
        for year in sorted(y for y in {*actuals, *(totals or {})} if kpi.period.start <= y <= target.year):
            so_far = actual_at(kpi, actuals, year, totals)
            if so_far is not None:
                points.append((year, so_far))
    else:
        if kpi.baseline is not None:
            points.append((kpi.baseline.year, kpi.baseline.value))
        points += [(y, v) for y, v in sorted(actuals.items()) if kpi.baseline is None or y != kpi.baseline.year]
    if len(points) < 2:
        return None
    n = Decimal(len(points))
    mean_x = sum((Decimal(x) for x, _ in points), Decimal(0)) / n
    mean_y = sum((y for _, y in points), Decimal(0)) / n
    sxx = sum(((Decimal(x) - mean_x) ** 2 for x, _ in points), Decimal(0))
    if sxx == 0:
        return None
    sxy = sum(((Decimal(x) - mean_x) * (y - mean_y) for x, y in points), Decimal(0))
    slope = sxy / sxx
    return mean_y + slope * (Decimal(target.year) - mean_x)


def rate(
    kpi: Kpi,
    actual: Decimal | None,
    expected: Decimal | None,
    pace: Decimal | None,
    target: Target,
    achievement: Decimal | None,
    bands: RatingBands,
) -> Rating:
    """The default bands (README, "Rating"); ``bands`` come from the plan."""
    if actual is None:
        return Rating.no_data
    if _meets(kpi, actual, target):
        return Rating.achieved
    up = _increase(kpi)
    if expected is None:  # target only: no trajectory, judged by the share of the target reached
        share = achievement if up else _div(target.value, actual)
        return Rating.nearly if share is not None and share >= bands.nearly_pace else Rating.behind
    if (actual >= expected) if up else (actual <= expected):
        return Rating.on_track
    if pace is not None and pace >= bands.nearly_pace:
        return Rating.nearly
    base = _baseline_value(kpi)
    if base is not None and ((actual < base) if up else (actual > base)):
        return Rating.worse
    return Rating.behind


def compute(
    kpi: Kpi,
    actuals: Mapping[int, Decimal],
    *,
    year: int | None,
    current_fy: int,
    plan_span: tuple[int, int],
    bands: RatingBands,
    totals: Mapping[int, Decimal] | None = None,
) -> Status:
    """Every figure of one KPI at its as-of year (``totals``: a cumulative KPI's running totals given)."""
    known = {**actuals, **totals} if totals else actuals  # (the years with a figure)
    y, rule = as_of_year(kpi, known, year, current_fy, plan_span)
    target = kpi.target_for(y)
    actual = actual_at(kpi, actuals, y, totals)
    expected = expected_at(kpi, target, y)
    base = _baseline_value(kpi)
    gap = actual - expected if actual is not None and expected is not None else None
    progress = achievement = pace = needed = None
    if actual is not None:
        achievement = _div(actual, target.value)
        if base is not None:
            progress = _div(actual - base, target.value - base)
            if expected is not None:
                pace = _div(actual - base, expected - base)
        if y < target.year:
            needed = (target.value - actual) / (target.year - y)
    projected = _projection(kpi, actuals, target, totals)
    reaches = _meets(kpi, projected, target) if projected is not None else None
    rating = rate(kpi, actual, expected, pace, target, achievement, bands)
    return Status(
        kpi=kpi,
        as_of_year=y,
        as_of_rule=rule,
        target=target,
        revision=kpi.revision_for(y),
        actual=actual,
        expected=rounded(expected),
        gap=rounded(gap),
        progress=rounded(progress),
        achievement=rounded(achievement),
        pace=rounded(pace),
        needed_per_year=rounded(needed),
        projected=rounded(projected),
        projected_reaches_target=reaches,
        rating=rating,
        actual_years=tuple(sorted(known)),
        unknown_years=unknown_years(kpi, actuals, y, totals) if known else (),
    )
