"""What a chart of one KPI shows: the planned line, the actual points, the target.

Pure: built from the plan model, the yearly actuals and the KPI's status, with
the same numbers as `kpi status` (cumulative KPIs are drawn as running totals).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from kpi_cli.core.trajectory import Status, actual_at, expected_at


class Series(NamedTuple):
    unit: str
    years: tuple[int, ...]  # every fiscal year on the x axis
    planned: tuple[Decimal | None, ...]  # the straight line, per year (None: no line there)
    actual: tuple[Decimal | None, ...]  # recorded values (running totals when cumulative), per year
    target_year: int
    target_value: Decimal
    as_of_year: int
    expected: Decimal | None  # on the line at the as-of year
    baseline_year: int | None
    cumulative: bool


def series(status: Status, actuals: Mapping[int, Decimal], totals: Mapping[int, Decimal] | None = None) -> Series:
    """The chart of one KPI (``totals``: a cumulative KPI's running totals given, see ``trajectory``)."""
    totals = totals or {}
    kpi = status.kpi
    target = status.target
    first = kpi.first_year
    if kpi.baseline is not None:
        first = kpi.baseline.year
    if kpi.period is not None:
        first = kpi.period.start - 1  # the line starts from zero the year before the period
    years_with_data = [y for y in {*actuals, *totals} if y >= first - 5]
    last = max([target.year, status.as_of_year, *years_with_data])
    start = min([first, *years_with_data])
    years = tuple(range(start, last + 1))
    cumulative = kpi.kind == "cumulative"
    planned: list[Decimal | None] = []
    actual: list[Decimal | None] = []
    for y in years:
        if kpi.kind == "target_only" or (kpi.baseline is not None and y < kpi.baseline.year):
            planned.append(None)
        else:
            planned.append(expected_at(kpi, target, y))
        if cumulative:
            actual.append(actual_at(kpi, actuals, y, totals) if y in actuals or y in totals else None)
        else:
            actual.append(actuals.get(y))
    return Series(
        unit=kpi.unit,
        years=years,
        planned=tuple(planned),
        actual=tuple(actual),
        target_year=target.year,
        target_value=target.value,
        as_of_year=status.as_of_year,
        expected=status.expected,
        baseline_year=kpi.baseline.year if kpi.baseline is not None else None,
        cumulative=cumulative,
    )
