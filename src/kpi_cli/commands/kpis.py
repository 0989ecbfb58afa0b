"""kpi kpis: List the KPIs with baseline and target, optionally of some regions or projects."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from kpi_cli.commands.context import caption, load
from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt


def command(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """List the KPIs with baseline and target, optionally of some regions or projects.

    \b
    Examples:
      kpi kpis --region 十勝
      kpi kpis -f csv -o kpis.csv      (kpi plan import reads it back)
    """
    from kpi_cli.plan.selection import select_kpis
    from kpi_cli.render.human import kpis_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.listing import KPI_COLUMNS, kpi_records

    p = load(plan)
    chosen = select_kpis(p, region or (), project or ())
    records = kpi_records(p, chosen)
    emit(
        fmt,
        output=output,
        excel=excel,
        noun="KPIs",
        records=records,
        columns=KPI_COLUMNS,
        key="kpis",
        human=lambda: kpis_view(p, chosen, caption(p.source_path)),
    )
