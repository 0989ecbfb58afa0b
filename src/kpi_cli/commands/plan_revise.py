"""kpi plan revise: Revise a KPI's target from a year on; the original target stays in the file."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kpi_cli.commands.context import find_kpi
from kpi_cli.commands.options import PlanOpt
from kpi_cli.core.decimals import parse_value
from kpi_cli.core.years import parse_year
from kpi_cli.plan.edit import revise

if TYPE_CHECKING:
    from kpi_cli.plan.model import Plan


def command(
    kpi: Annotated[str, typer.Argument(help="KPI id or a name fragment that matches one KPI.")],
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

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from datetime import date

    path, p = _editable(plan)
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
    _save(path, new, f"revised {match.kpi.id}")


def _editable(plan: Path | None) -> "tuple[Path, Plan]":
    from kpi_cli.errors import InputError
    from kpi_cli.locations import find_plan
    from kpi_cli.plan.load import load_plan

    path, packaged = find_plan(plan)
    if packaged:
        raise InputError(
            "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml "
            "(or copy it) and give it with --plan"
        )
    return path, load_plan(path)


def _save(path: Path, new: "Plan", what: str) -> None:
    from kpi_cli.plan.write import checked, write_atomic

    write_atomic(path, checked(new, path))
    print(f"{what} → {path}")
