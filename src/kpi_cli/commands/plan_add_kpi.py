"""kpi plan add kpi: Add a KPI to a project (checked like kpi plan check before anything is written)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.editing import edit_plan
from kpi_cli.commands.options import DryRunOpt, PlanOpt
from kpi_cli.core.model import Plan
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.edit import OPTION_NAMES, add_kpi, make_kpi


def command(
    ctx: typer.Context,
    project: Annotated[str, typer.Option("--project", help="The project's id.")],
    kpi_id: Annotated[str, typer.Option("--id", help="Short ASCII id, e.g. tokachi-food-value-added.")],
    name: Annotated[str, typer.Option("--name", help="The KPI's name as printed.")],
    unit: Annotated[str, typer.Option("--unit", help="The unit as printed, e.g. 万人, 件, ％.")],
    target: Annotated[str, typer.Option("--target", help="Target value, e.g. 1,440 or 1,440万人.")],
    target_year: Annotated[str, typer.Option("--target-year", help="Target fiscal year, e.g. R1.")],
    kind: Annotated[str, typer.Option("--kind", help="level, cumulative or target_only.")] = "level",
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Baseline value.", show_default=False)] = None,
    baseline_year: Annotated[
        Optional[str], typer.Option("--baseline-year", help="Baseline fiscal year, e.g. H26.", show_default=False)
    ] = None,
    baseline_from: Annotated[
        Optional[str],
        typer.Option("--baseline-from", help="First year of an averaged baseline (H21～25平均).", show_default=False),
    ] = None,
    baseline_label: Annotated[str, typer.Option("--baseline-label", help="Printed form, e.g. H27.3卒.")] = "",
    target_label: Annotated[str, typer.Option("--target-label", help="Printed form, e.g. R2.3卒.")] = "",
    at_least: Annotated[bool, typer.Option("--at-least", help="The target is a minimum (以上).")] = False,
    direction: Annotated[
        Optional[str],
        typer.Option("--direction", help="increase or decrease [default: from the values].", show_default=False),
    ] = None,
    period_start: Annotated[
        Optional[str], typer.Option("--period-start", help="Cumulative: first year counted.", show_default=False)
    ] = None,
    period_end: Annotated[
        Optional[str], typer.Option("--period-end", help="Cumulative: last year counted.", show_default=False)
    ] = None,
    period_label: Annotated[str, typer.Option("--period-label", help="Printed form, e.g. H27～R1累計.")] = "",
    ownership: Annotated[str, typer.Option("--ownership", help="printed or inferred.")] = "printed",
    note: Annotated[str, typer.Option("--note", help="A remark kept with the KPI.")] = "",
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Add a KPI to a project (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.

    \b
    Examples:
      kpi plan add-kpi --project tokachi-food --id tokachi-food-value --name 食品工業の付加価値額 \\
          --unit 億円 --baseline 1,050 --baseline-year R5 --target 1,200 --target-year R11
    """

    def change(p: Plan) -> Plan:
        new_kpi = make_kpi(
            p,
            project_id=project,
            kpi_id=kpi_id,
            name=name,
            unit=unit,
            kind=kind,
            direction=direction,
            baseline=baseline,
            baseline_year=baseline_year,
            baseline_from=baseline_from,
            baseline_label=baseline_label,
            target=target,
            target_year=target_year,
            target_label=target_label,
            at_least=at_least,
            period_start=period_start,
            period_end=period_end,
            period_label=period_label,
            ownership=ownership,
            note=note,
            names=OPTION_NAMES,
        )
        return add_kpi(p, new_kpi)

    edit_plan(
        ctx,
        plan,
        change,
        lambda _old, _new: Msg("added KPI {id} to {project}", id=kpi_id, project=project),
        dry_run=dry_run,
    )
