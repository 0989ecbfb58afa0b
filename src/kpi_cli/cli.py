"""The `kpi` command line: parse options, call the core, hand results to a renderer.

KpiError is caught once, in ``main``; nothing else exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import KpiError
from .render import Format

HELP = """Track the KPIs of Hokkaido's 連携地域別政策展開方針 (regional policy plans).

The plan is a TOML file; yearly actual values go into an append-only CSV ledger.
Set KPI_PLAN / KPI_LEDGER (or --plan / --ledger) to use other files."""

app = typer.Typer(
    help=HELP,
    rich_markup_mode=None,  # plain Click help: Rich costs ~60 ms per call
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
plan_app = typer.Typer(
    help="Check and edit plan files.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(plan_app, name="plan")

PlanOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--plan",
        envvar="KPI_PLAN",
        help="Plan file [env KPI_PLAN; default ./data/plan.toml, else the plan shipped with kpi].",
        show_default=False,
        dir_okay=False,
    ),
]
LedgerOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--ledger",
        envvar="KPI_LEDGER",
        help="Ledger CSV file, or a folder of per-writer files [env KPI_LEDGER; default ledger.csv beside the plan].",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, csv in a pipe].", show_default=False
    ),
]
RegionOpt = Annotated[
    Optional[list[str]],
    typer.Option("--region", "-r", help="連携地域 or 振興局 (name or id); repeat for several.", show_default=False),
]
ProjectOpt = Annotated[
    Optional[list[str]],
    typer.Option("--project", "-p", help="Project id or name fragment; repeat for several.", show_default=False),
]


def _fmt(explicit: Format | None) -> Format:
    from .render import choose

    return choose(explicit, sys.stdout)


def _load(plan_option: Path | None):  # type: ignore[no-untyped-def]
    from .locations import find_plan
    from .plan_file import load_plan

    path, _packaged = find_plan(plan_option)
    return load_plan(path)


def _caption(plan_path: str) -> str:
    return f"plan: {plan_path}"


# ---------------------------------------------------------------- plan listing


@app.command("regions")
def regions_cmd(plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the 連携地域 with their 中核都市, 振興局 and project counts."""
    from .listing import REGION_COLUMNS, region_records
    from .render.output import emit
    from .views import regions_view

    p = _load(plan)
    records = region_records(p)
    emit(
        _fmt(fmt),
        records=records,
        columns=REGION_COLUMNS,
        key="regions",
        human=lambda: regions_view(records, _caption(p.source_path)),
    )


@app.command("projects")
def projects_cmd(region: RegionOpt = None, plan: PlanOpt = None, fmt: FormatOpt = None) -> None:
    """List the projects printed in the plan, optionally of some regions."""
    from .listing import PROJECT_COLUMNS, project_records
    from .render.output import emit
    from .select import select_projects
    from .views import projects_view

    p = _load(plan)
    records = project_records(p, select_projects(p, region or ()))
    emit(
        _fmt(fmt),
        records=records,
        columns=PROJECT_COLUMNS,
        key="projects",
        human=lambda: projects_view(records, _caption(p.source_path)),
    )


@app.command("kpis")
def kpis_cmd(
    region: RegionOpt = None,
    project: ProjectOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List the KPIs with baseline and target, optionally of some regions or projects."""
    from .listing import KPI_COLUMNS, kpi_records
    from .render.output import emit
    from .select import select_kpis
    from .views import kpis_view

    p = _load(plan)
    records = kpi_records(p, select_kpis(p, region or (), project or ()))
    emit(
        _fmt(fmt),
        records=records,
        columns=KPI_COLUMNS,
        key="kpis",
        human=lambda: kpis_view(records, _caption(p.source_path)),
    )


@plan_app.command("check")
def plan_check_cmd(
    path: Annotated[Optional[Path], typer.Argument(help="Plan file to check [default: the plan in use].")] = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Validate a plan file and print a one-line summary."""
    from .render.output import HumanView, emit

    p = _load(path or plan)
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
        def draw(stream: object) -> None:
            print(line, file=sys.stdout)

        return HumanView(headers=list(record), rows=[[str(v) for v in record.values()]], draw=draw)

    emit(_fmt(fmt), records=[record], columns=list(record), key="checks", human=human)


# --------------------------------------------------------------------- entry


def _help_epilog() -> str:
    from .locations import resolve

    try:
        files = resolve(
            Path(os.environ["KPI_PLAN"]) if os.environ.get("KPI_PLAN") else None,
            Path(os.environ["KPI_LEDGER"]) if os.environ.get("KPI_LEDGER") else None,
        )
    except OSError:  # pragma: no cover - cannot stat the current folder
        return ""
    shipped = " (shipped with kpi)" if files.plan_is_packaged else ""
    return f"Files in use: plan {files.plan}{shipped}; ledger {files.ledger}"


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn KpiError into one line per problem on stderr."""
    # typer 0.28 vendors Click; its usage errors derive from TyperException.
    from typer import Abort, TyperException

    args = sys.argv[1:] if argv is None else argv
    if not args or args in (["--help"], ["-h"]):
        app.info.epilog = _help_epilog()
    try:
        code = app(args=args, prog_name="kpi", standalone_mode=False)
        sys.stdout.flush()
    except KpiError as exc:
        for line in exc.lines():
            print(f"kpi: {line}", file=sys.stderr)
        code = exc.exit_code
    except TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"kpi: {exc.format_message()}", file=sys.stderr)
        code = exc.exit_code
    except BrokenPipeError:
        from .render.output import silence_stdout

        silence_stdout()
        code = 0
    except (KeyboardInterrupt, Abort):
        print("kpi: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
