"""kpi plan check: Validate a plan file and print a one-line summary."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer

from kpi_cli.commands.options import FormatOpt, PlanOpt
from kpi_cli.commands.session import env_of
from kpi_cli.i18n.msg import Msg
from kpi_cli.locations import find_plan
from kpi_cli.plan.load import load_plan
from kpi_cli.render.output import HumanView, Out, emit


def command(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(help="Plan file to check [default: the plan in use].")] = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Validate a plan file and print a one-line summary.

    \b
    Examples:
      kpi plan check
      kpi plan check data/r7.toml --format table
    """
    env = env_of(ctx)
    p = load_plan(find_plan(path or plan)[0])
    record = {
        "plan": p.source_path,
        "edition": p.edition.name,
        "regions": len(p.regions),
        "offices": len(p.offices),
        "projects": len(p.projects),
        "kpis": len(p.kpis),
    }
    line = Msg(
        "{plan}: OK — {regions} regions (連携地域), {offices} offices (振興局), {projects} projects, {kpis} KPIs "
        "({edition})",
        **record,
    ).text(env.ja)

    def human() -> HumanView:
        def draw(stream: TextIO) -> None:
            stream.write(line + "\n")

        return HumanView(headers=list(record), rows=[[str(v) for v in record.values()]], draw=draw)

    emit(Out(env, fmt), records=[record], columns=list(record), key="checks", human=human)
