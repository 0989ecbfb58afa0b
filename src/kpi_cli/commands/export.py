"""kpi export: Every actual joined with its plan data: one row per KPI and year, with that year's figures."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING

from kpi_cli.commands.context import current_fy, status_inputs
from kpi_cli.commands.options import ExcelOpt, FormatOpt, KpiOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.render.human import export_view
from kpi_cli.render.output import HumanView, emit
from kpi_cli.reports.status import EXPORT_COLUMNS, export_records

if TYPE_CHECKING:
    pass


def command(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Every actual joined with its plan data: one row per KPI and year, with that year's figures."""

    files, p, kpis, _as_of, read = status_inputs(plan, ledger, region, project, kpi, None)
    records = export_records(p, kpis, read.current, current_fy=current_fy())

    def human() -> HumanView:
        return export_view(records, f"計画: {files.plan} · 台帳: {files.ledger}")

    emit(
        fmt,
        output=output,
        excel=excel,
        noun="rows",
        records=records,
        columns=EXPORT_COLUMNS,
        key="rows",
        human=human,
        meta={"plan": str(files.plan), "ledger": str(files.ledger)},
    )
