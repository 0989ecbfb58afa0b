"""kpi projects: List the projects printed in the plan, optionally of some regions."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import select_projects
from kpi_cli.render.human import projects_view
from kpi_cli.render.output import emit
from kpi_cli.reports.listing import PROJECT_COLUMNS, project_records


def command(
    ctx: typer.Context,
    region: RegionOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """List the projects printed in the plan, optionally of some regions.

    \b
    Examples:
      kpi projects --region 十勝
      kpi projects -f csv > projects.csv
    """

    s = Session.open(ctx, plan, None, uses_ledger=False)
    p = s.plan
    chosen = select_projects(p, region or ())
    records = project_records(p, chosen)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("projects"),
        records=records,
        columns=PROJECT_COLUMNS,
        key="projects",
        human=lambda: projects_view(p, chosen, s.caption()),
    )
