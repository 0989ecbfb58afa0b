"""kpi plan import: build or extend a plan from a spreadsheet (new projects and KPIs added, known ids replaced)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.context import editable_plan, read_input, save_plan
from kpi_cli.commands.options import PlanOpt


def command(
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    plan: PlanOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi kpis -f csv > kpis.csv; kpi plan import kpis.csv --plan data/r7.toml
    """
    from kpi_cli.plan.edit import import_kpis

    text, shown = read_input(file, encoding)
    path, p = editable_plan(plan)
    new = import_kpis(p, text, shown)
    added = len(new.kpis) - len(p.kpis)
    save_plan(path, new, f"imported {shown}: {added} KPIs added, {len(new.kpis)} in all")
