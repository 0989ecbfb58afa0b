"""The library face of kpi, for scripts and notebooks (the command line never imports it).

from kpi_cli import api
plan = api.load_plan(Path("data/plan.toml"))
ledger = api.read_ledger(Path("data/ledger.csv"))
for s in api.statuses(plan, plan.kpis, ledger.values(), year=2020, current_fy=2026):
    print(s.kpi.id, s.rating)
"""

from kpi_cli.core.model import Kpi, Plan, Project, Region
from kpi_cli.core.trajectory import Rating, Status
from kpi_cli.errors import KpiError
from kpi_cli.ledger.format import NewRow, Problem, Row
from kpi_cli.ledger.read import Conflict, LedgerRead
from kpi_cli.ledger.read import read as read_ledger
from kpi_cli.ledger.verify import verify
from kpi_cli.ledger.write import append
from kpi_cli.plan.load import load_plan
from kpi_cli.reports.status import statuses

__all__ = [
    "Conflict",
    "Kpi",
    "KpiError",
    "LedgerRead",
    "NewRow",
    "Plan",
    "Problem",
    "Project",
    "Rating",
    "Region",
    "Row",
    "Status",
    "append",
    "load_plan",
    "read_ledger",
    "statuses",
    "verify",
]
