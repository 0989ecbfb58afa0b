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
    """The 推進状況 document for the 地域づくり連携会議: one self-contained HTML file.

    A first page with the rating counts per region and each project's 評価 and 今後の方向性;
    then per project its KPIs, the notes and sources of the values, the review text and a
    chart per KPI. Print it to PDF from a browser (A4).

    \b
    Examples:
      kpi report --year R2 --region 十勝 -o 十勝-R2.html
    """
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
    from kpi_cli.ledger.reviews import in_force
    from kpi_cli.reports.reviews import latest, review_record, value_notes

    chosen = latest(in_force(read), up_to=as_of)
    reviews = {pid: review_record(p, r, values, current_fy()) for pid, r in chosen.items()}
    notes = value_notes(p, results, read.current)
    html = report_html(p, results, values, meta=meta, reviews=reviews, notes=notes)

    write_output(output, html.encode("utf-8"))
    print(f"kpi: wrote a report of {len(results)} KPIs to {output}", file=sys.stderr)
