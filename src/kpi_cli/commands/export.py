"""kpi export: Every actual joined with its plan data: one row per KPI and year, with that year's figures."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kpi_cli.commands.context import current_fy, status_inputs
from kpi_cli.commands.options import ExcelOpt, FormatOpt, KpiOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt

if TYPE_CHECKING:
    from kpi_cli.core.model import Kpi, Plan
    from kpi_cli.ledger.read import LedgerRead
    from kpi_cli.locations import Files
    from kpi_cli.render import Format


def command(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide", help="Years as columns: one row per KPI with its baseline, each year's actual, target, rating."
        ),
    ] = False,
) -> None:
    """Every actual joined with its plan data: one row per KPI and year, with that year's figures.

    With --wide, one row per KPI and the fiscal years as columns (the layout of a 評価シート).

    \b
    Examples:
      kpi export -o actuals.csv
      kpi export --wide --region 十勝 -o 十勝-評価.xlsx
    """
    from kpi_cli.render.human import export_view
    from kpi_cli.render.output import HumanView, emit
    from kpi_cli.reports.status import EXPORT_COLUMNS, export_entries, export_record

    files, p, kpis, _as_of, read = status_inputs(plan, ledger, region, project, kpi, None)
    if wide:
        _wide(files, p, kpis, read, fmt, output, excel)
        return
    from kpi_cli.reports.shares import kpi_values

    actuals = kpi_values(p, read.values()).actuals
    entries = export_entries(p, kpis, actuals, read.current, current_fy=current_fy())
    records = [export_record(p, e) for e in entries]

    def human() -> HumanView:
        return export_view(entries, f"計画: {files.plan} · 台帳: {files.ledger}")

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


def _wide(
    files: "Files",
    p: "Plan",
    kpis: "list[Kpi]",
    read: "LedgerRead",
    fmt: "Optional[Format]",
    output: Optional[Path],
    excel: bool,
) -> None:
    from kpi_cli.render.human import wide_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.shares import kpi_values
    from kpi_cli.reports.wide import wide_columns, wide_entries, wide_record, wide_years

    actuals = kpi_values(p, read.values()).actuals
    years = wide_years(p, kpis, actuals)
    entries = wide_entries(p, kpis, actuals, current_fy=current_fy())
    records = [wide_record(p, e, years) for e in entries]
    caption = f"計画: {files.plan} · 台帳: {files.ledger}"
    emit(
        fmt,
        output=output,
        excel=excel,
        noun="KPIs",
        records=records,
        columns=wide_columns(years),
        key="kpis",
        human=lambda: wide_view(entries, years, caption),
        meta={"plan": str(files.plan), "ledger": str(files.ledger), "years": years},
    )
