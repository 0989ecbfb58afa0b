"""kpi plan add project: Add a project to a plan (checked like kpi plan check before anything is written)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kpi_cli.commands.options import PlanOpt
from kpi_cli.plan.edit import add_project

if TYPE_CHECKING:
    from kpi_cli.plan.model import Plan


def command(
    project_id: Annotated[str, typer.Option("--id", help="Short ASCII id, e.g. tokachi-food-hub.")],
    name: Annotated[str, typer.Option("--name", help="The project's name as printed.")],
    region: Annotated[str, typer.Option("--region", help="The 連携地域 that owns it.")],
    office: Annotated[
        Optional[list[str]],
        typer.Option("--office", help="A 振興局 taking part; repeat [default: all of the region].", show_default=False),
    ] = None,
    participation: Annotated[str, typer.Option("--participation", help="The 【…】 text as printed.")] = "",
    policy: Annotated[
        Optional[list[str]], typer.Option("--policy", help="A 施策 (■ line); repeat.", show_default=False)
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A remark kept with the project.")] = "",
    plan: PlanOpt = None,
) -> None:
    """Add a project to a plan (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""

    path, p = _editable(plan)
    new = add_project(
        p,
        project_id=project_id,
        name=name,
        region=region,
        offices=office or (),
        participation=participation,
        policies=policy or (),
        note=note,
    )
    _save(path, new, f"added project {project_id}")


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
