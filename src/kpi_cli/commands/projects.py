"""kpi projects: List the projects printed in the plan, optionally of some regions."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from kpi_cli.commands.context import caption, load
from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt, RegionOpt


def command(
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
    from kpi_cli.plan.selection import select_projects
    from kpi_cli.render.human import projects_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.listing import PROJECT_COLUMNS, project_records

    p = load(plan)
    chosen = select_projects(p, region or ())
    records = project_records(p, chosen)
    emit(
        fmt,
        output=output,
        excel=excel,
        noun="projects",
        records=records,
        columns=PROJECT_COLUMNS,
        key="projects",
        human=lambda: projects_view(p, chosen, caption(p.source_path)),
    )
