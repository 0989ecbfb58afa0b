"""kpi regions: List the 連携地域 with their 中核都市, 振興局 and project counts."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from kpi_cli.commands.context import caption, load
from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt


def command(plan: PlanOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, excel: ExcelOpt = False) -> None:
    """List the 連携地域 with their 中核都市, 振興局 and project counts.

    \b
    Examples:
      kpi regions
      kpi regions -o 連携地域.xlsx
    """
    from kpi_cli.render.human import regions_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.listing import REGION_COLUMNS, region_records

    p = load(plan)
    records = region_records(p)
    emit(
        fmt,
        output=output,
        excel=excel,
        noun="regions",
        records=records,
        columns=REGION_COLUMNS,
        key="regions",
        human=lambda: regions_view(p, caption(p.source_path)),
    )
