"""kpi plan import: build or extend a plan from a spreadsheet (new projects and KPIs added, known ids replaced)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import read_input
from kpi_cli.commands.options import PlanOpt
from kpi_cli.plan.edit import import_kpis

if TYPE_CHECKING:
    from kpi_cli.plan.model import Plan


def command(
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    plan: PlanOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""

    text, shown = read_input(file, encoding)
    path, p = _editable(plan)
    new = import_kpis(p, text, shown)
    added = len(new.kpis) - len(p.kpis)
    _save(path, new, f"imported {shown}: {added} KPIs added, {len(new.kpis)} in all")


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
