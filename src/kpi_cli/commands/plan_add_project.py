"""kpi plan add project: Add a project to a plan (checked like kpi plan check before anything is written)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import editable_plan, save_plan
from kpi_cli.commands.options import PlanOpt


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

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan add-project --id tokachi-food --name "「食の拠点」とかち強化プロジェクト" --region 十勝
    """
    from kpi_cli.plan.edit import add_project

    path, p = editable_plan(plan)
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
    save_plan(path, new, f"added project {project_id}")
