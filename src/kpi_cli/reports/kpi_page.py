"""`kpi show`: one KPI in full, as data (the renderers draw it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kpi_cli.core.model import Kpi, Plan
from kpi_cli.core.series import Series, series
from kpi_cli.core.trajectory import Status
from kpi_cli.ledger.read import LedgerRead
from kpi_cli.reports.history import history_records
from kpi_cli.reports.listing import kpi_record, project_records
from kpi_cli.reports.status import status_record


def show_data(plan: Plan, kpi: Kpi, status: Status, actuals: dict[int, Decimal], read: LedgerRead) -> dict[str, Any]:
    (project,) = project_records(plan, [plan.project(kpi.project_id)])
    s = series(status, actuals)
    return {
        "kpi": kpi_record(plan, kpi),
        "project": project,
        "status": status_record(plan, status),
        "history": history_records(plan, read, None),
        "chart": chart_record(s),
    }


def chart_record(s: Series) -> dict[str, Any]:
    return {
        "unit": s.unit,
        "cumulative": s.cumulative,
        "years": list(s.years),
        "planned": list(s.planned),
        "actual": list(s.actual),
        "target_year": s.target_year,
        "target_value": s.target_value,
        "as_of_year": s.as_of_year,
        "expected": s.expected,
    }
