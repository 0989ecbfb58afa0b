"""`kpi show`: one KPI in full, as data (the renderers draw it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from kpi_cli.core.model import Kpi, Plan, ledger_keys
from kpi_cli.core.periods import period_label
from kpi_cli.core.series import Series, series
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.ledger.reviews import in_force
from kpi_cli.reports.history import HistoryEntry, history_entries, history_records
from kpi_cli.reports.listing import KPI_JSON_COLUMNS, kpi_record, project_records
from kpi_cli.reports.reviews import ReviewLine, latest, review_line, review_record
from kpi_cli.reports.status import status_record, statuses
from kpi_cli.reports.values import kpi_values


class KpiPage(NamedTuple):
    """One KPI in full: what ``kpi show`` draws, and its machine form (``data``)."""

    status: Status
    series: Series
    history: list[HistoryEntry]
    review: ReviewLine | None
    data: dict[str, Any]
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
    provisional = status.as_of_year in values.provisional.get(kpi.id, frozenset()) and status.actual is not None
    return KpiPage(status, series(status, actuals, totals), history_entries(plan, whole, None), line, data, provisional)


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
