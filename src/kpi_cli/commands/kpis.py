"""kpi kpis: List the KPIs with baseline and target, optionally of some regions or projects."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import select_kpis
from kpi_cli.render import Format, choose
from kpi_cli.render.human import kpis_view
from kpi_cli.render.output import emit
from kpi_cli.reports.listing import KPI_COLUMNS, KPI_JSON_COLUMNS, KPIS_SCHEMA_VERSION, kpi_records


def command(
    ctx: typer.Context,
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

    s = Session.open(ctx, plan, None, uses_ledger=False)
    p = s.plan
    chosen = select_kpis(p, region or (), project or ())
    records = kpi_records(p, chosen)
    # JSON and NDJSON nest each KPI's source card; CSV, TSV and .xlsx flatten it to source_* columns.
    nested = choose(fmt, s.env.stdout, output, excel=excel) in (Format.json, Format.ndjson)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("KPIs"),
        records=records,
        columns=KPI_JSON_COLUMNS if nested else KPI_COLUMNS,
        key="kpis",
        schema_version=KPIS_SCHEMA_VERSION,
        human=lambda: kpis_view(p, chosen, s.caption()),
    )
