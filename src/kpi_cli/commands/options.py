"""Options shared by the commands (Annotated types Typer reads at run time)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kpi_cli.render import Format

if TYPE_CHECKING:
    from kpi_cli.core.model import Plan
    from kpi_cli.core.trajectory import Rating

PlanOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--plan",
        envvar="KPI_PLAN",
        show_envvar=False,  # (the help names it, with its default)
        help="Plan file [env KPI_PLAN; default ./data/plan.toml, else the plan shipped with kpi].",
        show_default=False,
        dir_okay=False,
    ),
]
LedgerOpt = Annotated[
    Optional[str],
    typer.Option(
        "--ledger",
        envvar="KPI_LEDGER",
        show_envvar=False,
        help=(
            "Ledger CSV file, or a folder of per-writer files (end it with /) "
            "[env KPI_LEDGER; default: the ledger the plan names, else ledger.csv beside the plan]."
        ),
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, csv in a pipe].", show_default=False
    ),
]


def _plan() -> "Plan | None":
    """The plan a call from here would use, for shell completion (None when it cannot be read)."""
    try:
        from kpi_cli.locations import find_plan
        from kpi_cli.plan.load import load_plan

        path, _packaged = find_plan(Path(os.environ["KPI_PLAN"]) if os.environ.get("KPI_PLAN") else None)
        return load_plan(path)
    except Exception:
        return None


def complete_kpi(incomplete: str) -> list[tuple[str, str]]:
    """KPI ids (with the Japanese name as help where the shell shows it) for shell completion."""
    plan = _plan()
    if plan is None:
        return []
    return [(k.id, k.name) for k in plan.kpis if k.id.startswith(incomplete) or incomplete in k.name]


def complete_region(incomplete: str) -> list[tuple[str, str]]:
    plan = _plan()
    if plan is None:
        return []
    names = {r.name: "連携地域" for r in plan.regions}
    for o in plan.offices:
        names[o.name] = "連携地域・振興局" if o.name in names else "振興局"
    return [(n, h) for n, h in names.items() if n.startswith(incomplete)]


def complete_office(incomplete: str) -> list[tuple[str, str]]:
    plan = _plan()
    return [] if plan is None else [(o.name, o.id) for o in plan.offices if o.name.startswith(incomplete)]


def complete_project(incomplete: str) -> list[tuple[str, str]]:
    plan = _plan()
    return [] if plan is None else [(p.id, p.name) for p in plan.projects if p.id.startswith(incomplete)]


RegionOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--region",
        "-r",
        help="連携地域 or 振興局 (name or id); repeat for several.",
        show_default=False,
        autocompletion=complete_region,
    ),
]
ProjectOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--project",
        "-p",
        help="Project id or name fragment; repeat for several.",
        show_default=False,
        autocompletion=complete_project,
    ),
]
ByOpt = Annotated[
    Optional[str],
    typer.Option(
        "--by",
        envvar="KPI_USER",
        show_envvar=False,
        help="Who records [env KPI_USER; default: your login].",
        show_default=False,
    ),
]
CorrectOpt = Annotated[
    bool,
    typer.Option("--correct", help="Supersede a value already recorded for this KPI and year (the old row stays)."),
]
ReviewCorrectOpt = Annotated[
    bool,
    typer.Option(
        "--correct",
        help="Replace a review the 地域づくり連携会議 already approved (--reviewed-on); the old row stays.",
    ),
]
KpiOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kpi",
        "-k",
        help="Every KPI whose id or name contains this (観光 finds all nine); repeatable.",
        show_default=False,
        autocompletion=complete_kpi,
    ),
]
YearOpt = Annotated[
    Optional[str],
    typer.Option(
        "--year", "-y", help="As-of fiscal year [default: each KPI's latest recorded year].", show_default=False
    ),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False, dir_okay=False),
]
ExcelOpt = Annotated[
    bool, typer.Option("--excel", help="CSV for Excel: UTF-8 with BOM, CRLF, formula-like text made inert.")
]
RATING_CODES = "achieved, on_track, nearly, behind, worse, no_data"
OutsidePlanOpt = Annotated[
    bool,
    typer.Option(
        "--outside-plan", help="Accept a fiscal year outside the plan's years (refused otherwise: a typo guard)."
    ),
]
OfficeOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--office",
        help="振興局 (name or id, e.g. 渡島); repeat for several.",
        show_default=False,
        autocompletion=complete_office,
    ),
]
RunningTotalOpt = Annotated[
    bool,
    typer.Option(
        "--running-total",
        help="Cumulative (累計) KPIs: the values are totals so far; store each year's own count (the difference).",
    ),
]
YearlyOpt = Annotated[
    bool,
    typer.Option("--yearly", help="Cumulative (累計) KPIs: the values are each year's own counts, even if they grow."),
]

KpiArg = Annotated[
    str, typer.Argument(help="KPI id, or a name fragment that matches one KPI.", autocompletion=complete_kpi)
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Check everything and show what would be written; write nothing.")
]
UnusualOpt = Annotated[
    bool,
    typer.Option(
        "--unusual",
        help="Accept a value 1,000 times larger or smaller than the KPI's baseline, target and latest value.",
    ),
]
SkipConflictsOpt = Annotated[
    bool,
    typer.Option(
        "--skip-conflicts",
        help="Write every other row and list the rows that conflict with the ledger (instead of writing nothing).",
    ),
]


def ratings(values: "list[str] | None", option: str) -> "list[Rating]":
    """Ratings given to --rating or --fail-on, as codes (behind) or Japanese labels (遅れ)."""
    from kpi_cli.core.trajectory import Rating
    from kpi_cli.errors import InputError
    from kpi_cli.i18n.msg import Msg

    out = []
    for v in values or []:
        try:
            out.append(Rating(v.strip().lower()))
        except ValueError:
            ja = {r.ja: r for r in Rating}
            if v.strip() not in ja:
                raise InputError(
                    Msg(
                        "unknown rating {rating!r} for {option}; use one of {codes}",
                        rating=v,
                        option=option,
                        codes=RATING_CODES,
                    )
                ) from None
            out.append(ja[v.strip()])
    return out
