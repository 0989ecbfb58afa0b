"""The plan commands: regions, projects, kpis, and kpi plan check|init|add-project|add-kpi|revise|import."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time,
# and real annotations spare it compiling each one from a string (~1 ms per call).
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from .shared import (
    FormatOpt,
    PlanOpt,
    ProjectOpt,
    RegionOpt,
    caption,
    find_kpi,
    fmt_for,
    load,
    read_input,
)

if TYPE_CHECKING:
    from ..plan import Plan


# ---------------------------------------------------------------- plan listing


def regions_cmd(plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the 連携地域 with their 中核都市, 振興局 and project counts."""
    from ..listing import REGION_COLUMNS, region_records
    from ..render.output import emit
    from ..views import regions_view

    p = load(plan)
    records = region_records(p)
    emit(
        fmt_for(fmt),
        records=records,
        columns=REGION_COLUMNS,
        key="regions",
        human=lambda: regions_view(records, caption(p.source_path)),
    )


def projects_cmd(region: RegionOpt = None, plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the projects printed in the plan, optionally of some regions."""
    from ..listing import PROJECT_COLUMNS, project_records
    from ..render.output import emit
    from ..select import select_projects
    from ..views import projects_view

    p = load(plan)
    records = project_records(p, select_projects(p, region or ()))
    emit(
        fmt_for(fmt),
        records=records,
        columns=PROJECT_COLUMNS,
        key="projects",
        human=lambda: projects_view(records, caption(p.source_path)),
    )


def kpis_cmd(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List the KPIs with baseline and target, optionally of some regions or projects."""
    from ..listing import KPI_COLUMNS, kpi_records
    from ..render.output import emit
    from ..select import select_kpis
    from ..views import kpis_view

    p = load(plan)
    records = kpi_records(p, select_kpis(p, region or (), project or ()))
    emit(
        fmt_for(fmt),
        records=records,
        columns=KPI_COLUMNS,
        key="kpis",
        human=lambda: kpis_view(records, caption(p.source_path)),
    )


def plan_check_cmd(
    path: Annotated[Optional[Path], typer.Argument(help="Plan file to check [default: the plan in use].")] = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Validate a plan file and print a one-line summary."""
    from ..render.output import HumanView, emit

    p = load(path or plan)
    record = {
        "plan": p.source_path,
        "edition": p.edition.name,
        "regions": len(p.regions),
        "offices": len(p.offices),
        "projects": len(p.projects),
        "kpis": len(p.kpis),
    }
    line = (
        f"{p.source_path}: OK — {record['regions']} regions (連携地域), {record['offices']} offices (振興局), "
        f"{record['projects']} projects, {record['kpis']} KPIs ({p.edition.name})"
    )

    def human() -> HumanView:
        def draw(stream: TextIO) -> None:
            stream.write(line + "\n")

        return HumanView(headers=list(record), rows=[[str(v) for v in record.values()]], draw=draw)

    emit(fmt_for(fmt), records=[record], columns=list(record), key="checks", human=human)


# ----------------------------------------------------------- plan authoring


def _editable(plan: Path | None) -> "tuple[Path, Plan]":
    from ..errors import InputError
    from ..locations import find_plan
    from ..plan_file import load_plan

    path, packaged = find_plan(plan)
    if packaged:
        raise InputError(
            "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml "
            "(or copy it) and give it with --plan"
        )
    return path, load_plan(path)


def _save(path: Path, new: "Plan", what: str) -> None:
    from ..plan_write import checked, write_atomic

    write_atomic(path, checked(new, path))
    print(f"{what} → {path}")


def plan_init_cmd(
    path: Annotated[Path, typer.Argument(help="The new plan file (must not exist).")],
    edition: Annotated[
        str, typer.Option("--edition", help="The edition's name, e.g. 連携地域別政策展開方針（令和7年）.")
    ],
    start: Annotated[str, typer.Option("--start", help="First fiscal year of the edition, e.g. R7 or 2025.")],
) -> None:
    """Start a new plan with the 6 連携地域 and 14 振興局 and no projects.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from ..eras import parse_year
    from ..locations import PACKAGED_PLAN
    from ..plan_edit import init_plan
    from ..plan_file import load_plan
    from ..plan_write import checked, write_atomic

    new = init_plan(load_plan(PACKAGED_PLAN), edition=edition, start_year=parse_year(start))
    write_atomic(path, checked(new, path), overwrite=False)
    print(f"created {path}: {len(new.regions)} regions, {len(new.offices)} offices, no projects yet")


def plan_add_project_cmd(
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
    from ..plan_edit import add_project

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


def plan_add_kpi_cmd(
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
    plan: PlanOpt = None,
) -> None:
    """Add a KPI to a project (checked like kpi plan check before anything is written).

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from ..plan_edit import add_kpi, make_kpi

    path, p = _editable(plan)
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
    )
    _save(path, add_kpi(p, new_kpi), f"added KPI {kpi_id} to {project}")


def plan_revise_cmd(
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

    from ..eras import parse_year
    from ..numbers import parse_value
    from ..plan_edit import revise

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


def plan_import_cmd(
    file: Annotated[str, typer.Argument(help="CSV with the columns of kpi kpis --format csv; - reads stdin.")],
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected."),
    ] = "utf-8",
    plan: PlanOpt = None,
) -> None:
    """Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.

    The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields."""
    from ..plan_edit import import_kpis

    text, shown = read_input(file, encoding)
    path, p = _editable(plan)
    new = import_kpis(p, text, shown)
    added = len(new.kpis) - len(p.kpis)
    _save(path, new, f"imported {shown}: {added} KPIs added, {len(new.kpis)} in all")
