"""kpi regions: List the 連携地域 with their 中核都市, 振興局 and project counts."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.render.human import regions_view
from kpi_cli.render.output import emit
from kpi_cli.reports.listing import REGION_COLUMNS, region_records


def command(
    ctx: typer.Context, plan: PlanOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, excel: ExcelOpt = False
) -> None:
    """List the 連携地域 with their 中核都市, 振興局 and project counts.

    \b
    Examples:
      kpi regions
      kpi regions -o 連携地域.xlsx
    """

    s = Session.open(ctx, plan, None, uses_ledger=False)
    p = s.plan
    records = region_records(p)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("regions"),
        records=records,
        columns=REGION_COLUMNS,
        key="regions",
        human=lambda: regions_view(p, s.caption()),
    )
