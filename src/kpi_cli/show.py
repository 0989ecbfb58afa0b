"""`kpi show`: one KPI in full, as data (the renderers draw it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .ledger import LedgerRead
from .listing import kpi_record, project_records
from .plan import Kpi, Plan
from .progress import Status
from .series import Series, series
from .status import status_record
from .views import history_records


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
