"""kpi report: A self-contained HTML report with a chart per KPI, for the annual review meeting."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from pathlib import Path
from typing import Annotated

import typer

from kpi_cli.commands.context import current_fy, status_inputs
from kpi_cli.commands.options import KpiOpt, LedgerOpt, PlanOpt, ProjectOpt, RegionOpt, YearOpt
from kpi_cli.errors import InputError


def command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False, dir_okay=False)
    ],
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    year: YearOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """A self-contained HTML report with a chart per KPI, for the annual review meeting."""
    from datetime import datetime

    from kpi_cli.render.output import write_output
    from kpi_cli.render.report_html import report_html
    from kpi_cli.reports.status import statuses

    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--output {output} should end in .html (the report is one HTML file)")
    files, p, kpis, as_of, read = status_inputs(plan, ledger, region, project, kpi, year)
    from kpi_cli.reports.shares import kpi_values

    values = kpi_values(p, read.values()).actuals
    results = statuses(p, kpis, values, year=as_of, current_fy=current_fy())
    meta = {
        "plan": files.plan,
        "ledgers": [{"path": f.file, "rows": f.rows, "head": f.head} for f in read.files]
        or [{"path": str(files.ledger), "rows": 0, "head": ""}],
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "as_of_rule": f"年度 {year} 時点" if year else "各KPIの実績のある最新年度（なければ今年度）時点",
    }
    html = report_html(p, results, values, meta=meta)

    write_output(output, html.encode("utf-8"))
    print(f"kpi: wrote a report of {len(results)} KPIs to {output}", file=sys.stderr)
