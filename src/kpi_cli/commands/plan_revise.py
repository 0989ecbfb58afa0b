"""kpi plan revise: Revise a KPI's target from a year on; the original target stays in the file."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.editing import edit_plan
from kpi_cli.commands.options import DryRunOpt, KpiArg, PlanOpt
from kpi_cli.commands.session import env_of
from kpi_cli.core.decimals import parse_value
from kpi_cli.core.model import Plan
from kpi_cli.core.years import parse_year
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.edit import revise
from kpi_cli.plan.selection import resolve_kpi


def command(
    ctx: typer.Context,
    kpi: KpiArg,
    target: Annotated[str, typer.Option("--target", help="The revised target value.")],
    from_year: Annotated[str, typer.Option("--from-year", help="First as-of year the revised target applies to.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. the decision of the meeting.")],
    target_year: Annotated[
        Optional[str],
        typer.Option("--target-year", help="Revised target year [default: unchanged].", show_default=False),
    ] = None,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Revise a KPI's target from a year on; the original target stays in the file.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan revise tokachi-food-value --target 1,250 --from-year R8 --reason "R8連携会議で上方修正"
    """
    env = env_of(ctx)
    found: list[str] = []

    def change(p: Plan) -> Plan:
        match = resolve_kpi(p, kpi)
        if not match.exact:
            env.warn(Msg("{term!r} taken as {id} ({name})", term=kpi, id=match.kpi.id, name=match.kpi.name))
        found[:] = [match.kpi.id]
        return revise(
            p,
            match.kpi.id,
            target=parse_value(target, match.kpi.unit, what=Msg("target")),
            target_year=parse_year(target_year) if target_year else None,
            from_year=parse_year(from_year),
            reason=reason,
            on=env.now().date().isoformat(),
        )

    edit_plan(ctx, plan, change, lambda _old, _new: Msg("revised {id}", id=found[0]), dry_run=dry_run)
