"""`kpi show`: one KPI in full, as data (the renderers draw it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan, ledger_keys, part_name
from kpi_cli.core.periods import period_label
from kpi_cli.core.series import Series, series
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.history import HistoryEntry, history_entries, history_records
from kpi_cli.reports.listing import KPI_JSON_COLUMNS, kpi_record, project_records
from kpi_cli.reports.reviews import ReviewLine, latest, review_line, review_record
from kpi_cli.reports.status import status_record, statuses
from kpi_cli.reports.values import KpiValues, kpi_values, provisional_at


class PartsLine(NamedTuple):
    """A KPI summed over parts (振興局 or 市町村), one year: each part's share as recorded (None when
    not yet), and their sum, computed here when the set is complete (never stored)."""

    year: int
    parts: list[tuple[str, str, Decimal | None]]  # part id, its name, its share
    total: Decimal | None  # the sum when every part is in
    whole: Decimal | None  # a value recorded for the whole KPI that year (it wins over the sum)

    @property
    def recorded(self) -> int:
        return sum(1 for _, _, value in self.parts if value is not None)


class KpiPage(NamedTuple):
    """One KPI in full: what ``kpi show`` draws, and its machine form (``data``)."""

    status: Status
    series: Series
    history: list[HistoryEntry]
    review: ReviewLine | None
    data: dict[str, Any]
    parts: PartsLine | None = None
    provisional: bool = False  # the value rated is (or sums) a 速報


def page_keys(kpi: Kpi) -> frozenset[str]:
    """The ledger keys whose rows a KPI's page shows: the KPI and its shares."""
    return ledger_keys(kpi)


def kpi_page(plan: Plan, kpi: Kpi, whole: LedgerRead, *, as_of: int | None, current_fy: int) -> KpiPage:
    """One KPI's page from the ledger read with its rows kept (``page_keys``)."""
    values = kpi_values(plan, whole)
    actuals, totals = values.actuals.get(kpi.id, {}), values.totals.get(kpi.id, {})
    (status,) = statuses(plan, [kpi], {kpi.id: actuals}, year=as_of, current_fy=current_fy, totals={kpi.id: totals})
    data = show_data(plan, kpi, status, actuals, whole, totals)
    review = latest(in_force(whole), up_to=as_of).get(kpi.project_id)
    line = review_line(plan, review, {kpi.id: actuals}, current_fy) if review else None
    data["review"] = review_record(line) if line else None
    parts = parts_line(plan, kpi, values, status.as_of_year)
    data["parts"] = parts_record(parts) if parts else None
    provisional = provisional_at(values, status)
    return KpiPage(
        status, series(status, actuals, totals), history_entries(plan, whole, None), line, data, parts, provisional
    )


def parts_line(plan: Plan, kpi: Kpi, values: KpiValues, as_of: int) -> PartsLine | None:
    """The parts of a KPI summed over 振興局 or 市町村 at the as-of year if shares are recorded for it,
    else at the latest year with shares; None for a KPI without parts or without shares."""
    shares = values.shares.get(kpi.id, {})
    if not kpi.part_ids or not shares:
        return None
    year = as_of if as_of in shares else max(shares)
    mine = shares[year]
    listed = [(p, part_name(plan, p), mine.get(p)) for p in kpi.part_ids]
    complete = all(value is not None for _, _, value in listed)
    total = sum((mine[p] for p in kpi.part_ids), Decimal(0)) if complete else None
    actual = values.actuals.get(kpi.id, {}).get(year)  # the sum, or a whole-KPI value, which wins
    return PartsLine(year, listed, total, actual if actual is not None and actual != total else None)


def parts_record(line: PartsLine) -> dict[str, Any]:
    """The parts for machines: each part's id, name and share (null when not recorded), the sum kpi
    computes (null until every part is in) and a whole-KPI value that wins over it."""
    return {
        "year": line.year,
        "parts": [{"part": p, "name": name, "value": value} for p, name, value in line.parts],
        "recorded": line.recorded,
        "total_parts": len(line.parts),
        "sum": line.total,
        "whole": line.whole,
    }


def show_data(
    plan: Plan,
    kpi: Kpi,
    status: Status,
    actuals: dict[int, Decimal],
    read: LedgerRead,
    totals: dict[int, Decimal] | None = None,
) -> dict[str, Any]:
    (project,) = project_records(plan, [plan.project(kpi.project_id)])
    s = series(status, actuals, totals)
    record = kpi_record(plan, kpi)
    return {
        "kpi": {c: record[c] for c in KPI_JSON_COLUMNS},  # the source card nested, as in kpi kpis -f json
        "project": project,
        "status": status_record(plan, status),
        "history": history_records(plan, read, None),
        "chart": chart_record(s, kpi),
    }


def chart_record(s: Series, kpi: Kpi) -> dict[str, Any]:
    return {
        "unit": s.unit,
        "cumulative": s.cumulative,
        "years": list(s.years),
        "year_labels": [period_label(kpi, y) for y in s.years],  # what each year's value counts
        "planned": list(s.planned),
        "actual": list(s.actual),
        "target_year": s.target_year,
        "target_value": s.target_value,
        "as_of_year": s.as_of_year,
        "expected": s.expected,
    }
