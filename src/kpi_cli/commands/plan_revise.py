"""kpi plan revise: Revise a KPI's target from a year on; the original target stays in the file."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import editable_plan, find_kpi, save_plan
from kpi_cli.commands.options import KpiArg, PlanOpt
from kpi_cli.core.years import parse_year


def command(
    kpi: KpiArg,
    target: Annotated[str, typer.Option("--target", help="The revised target value.")],
    from_year: Annotated[str, typer.Option("--from-year", help="First as-of year the revised target applies to.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. the decision of the meeting.")],
    target_year: Annotated[
        Optional[str],
        typer.Option("--target-year", help="Revised target year [default: unchanged].", show_default=False),
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Revise a KPI's target from a year on; the original target stays in the file.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan revise tokachi-food-value --target 1,250 --from-year R8 --reason "R8連携会議で上方修正"
    """
    from datetime import date

    from kpi_cli.core.decimals import parse_value
    from kpi_cli.plan.edit import revise

    path, p = editable_plan(plan)
    match = find_kpi(p, kpi)
    new = revise(
        p,
        match.kpi.id,
        target=parse_value(target, match.kpi.unit, what="target"),
        target_year=parse_year(target_year) if target_year else None,
        from_year=parse_year(from_year),
        reason=reason,
        on=date.today().isoformat(),
    )
    save_plan(path, new, f"revised {match.kpi.id}")
