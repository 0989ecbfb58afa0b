"""kpi plan add project: Add a project to a plan (checked like kpi plan check before anything is written)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.editing import edit_plan
from kpi_cli.commands.options import DryRunOpt, PlanOpt
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.edit import add_project


def command(
    ctx: typer.Context,
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
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Add a project to a plan (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan add-project --id tokachi-food --name "「食の拠点」とかち強化プロジェクト" --region 十勝
    """
    edit_plan(
        ctx,
        plan,
        lambda p: add_project(
            p,
            project_id=project_id,
            name=name,
            region=region,
            offices=office or (),
            participation=participation,
            policies=policy or (),
            note=note,
        ),
        lambda _old, _new: Msg("added project {id}", id=project_id),
        dry_run=dry_run,
    )
