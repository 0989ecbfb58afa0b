"""The library face of kpi, for scripts and notebooks: the functions the commands use.

        from kpi_cli import api

    plan = api.load_plan(Path("data/plan.toml"))
    ledger = api.read_ledger(Path("data/ledger.csv"))
    for record in api.status_records(plan, ledger, year=2019):
        print(record["kpi_id"], record["rating"], record["actual"])

``status_records`` gives exactly what ``kpi status --format json`` lists under ``kpis`` (raw
numbers as ``Decimal``); ``status_report`` the typed report behind it; ``kpi_values`` each KPI's
values per year with its 振興局 shares summed, as every command sees them. Errors are
``KpiError`` (``str(error)`` is the English message; ``error.lines(ja=True)`` the Japanese).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from kpi_cli.core.model import Kpi, Plan, Project, Region
from kpi_cli.core.trajectory import Rating, Status
from kpi_cli.errors import KpiError
from kpi_cli.ledger.format import NewRow, Problem, Row
from kpi_cli.ledger.read import Conflict, LedgerRead
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.verify import VerifyReport, verify
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.selection import select_kpis
from kpi_cli.reports.status_report import StatusReport, status_report
from kpi_cli.reports.values import KpiValues, kpi_values

__all__ = [
    "Conflict",
    "Kpi",
    "KpiError",
    "KpiValues",
    "LedgerRead",
    "NewRow",
    "Plan",
    "Problem",
    "Project",
    "Rating",
    "Region",
    "Row",
    "Status",
    "StatusReport",
    "VerifyReport",
    "current_fiscal_year",
    "kpi_values",
    "load_plan",
    "read_ledger",
    "select_kpis",
    "status_records",
    "status_report",
    "statuses",
    "verify",
]


def current_fiscal_year(today: date | None = None) -> int:
    """The fiscal year (April to March) of a day, today by default."""
    day = today or date.today()
    return day.year if day.month >= 4 else day.year - 1


def statuses(
    plan: Plan,
    ledger: LedgerRead,
    kpis: Sequence[Kpi] | None = None,
    *,
    year: int | None = None,
    current_fy: int | None = None,
) -> list[Status]:
    """Each KPI's status as ``kpi status`` computes it (office shares summed), at ``year`` or,
    without it, at each KPI's latest recorded year."""
    return status_report(
        plan,
        ledger,
        plan.kpis if kpis is None else kpis,
        as_of=year,
        current_fy=current_fy if current_fy is not None else current_fiscal_year(),
    ).statuses


def status_records(
    plan: Plan,
    ledger: LedgerRead,
    kpis: Sequence[Kpi] | None = None,
    *,
    year: int | None = None,
    current_fy: int | None = None,
) -> list[dict[str, Any]]:
    """The records of ``kpi status --format json`` (its ``kpis`` list), numbers as ``Decimal``."""
    return status_report(
        plan,
        ledger,
        plan.kpis if kpis is None else kpis,
        as_of=year,
        current_fy=current_fy if current_fy is not None else current_fiscal_year(),
    ).records
