"""kpi plan check: Validate a plan file and print a one-line summary."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer

from kpi_cli.commands.context import load
from kpi_cli.commands.options import FormatOpt, PlanOpt


def command(
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
    from kpi_cli.render.output import HumanView, emit

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

    emit(fmt, records=[record], columns=list(record), key="checks", human=human)
