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
        Path,
        typer.Option(
            "--output", "-o", help="The file to write: .html, .md or .xlsx.", show_default=False, dir_okay=False
        ),
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
    chart per KPI. Print it to PDF from a browser (A4). As .md the same without charts; as
    .xlsx a summary sheet, the reviews and one sheet per 連携地域.

    \b
    Examples:
      kpi report --year R2 --region 十勝 -o 十勝-R2.html
      kpi report --year R2 --region 十勝 -o 十勝-R2.md
    """
    from datetime import datetime

    from kpi_cli.render.output import write_output
    from kpi_cli.render.report_html import report_html
    from kpi_cli.reports.status import as_of_rule, statuses

    kind = output.suffix.lower()
    if kind not in (".html", ".htm", ".md", ".xlsx"):
        raise InputError(f"--output {output} should end in .html (the document), .md (Markdown) or .xlsx")
    files, p, kpis, as_of, read = status_inputs(plan, ledger, region, project, kpi, year)
    from kpi_cli.reports.shares import kpi_values

    values = kpi_values(p, read.values()).actuals
    results = statuses(p, kpis, values, year=as_of, current_fy=current_fy())
    meta = {
        "plan": files.plan,
        "ledgers": [{"path": f.file, "rows": f.rows, "head": f.head} for f in read.files]
        or [{"path": str(files.ledger), "rows": 0, "head": ""}],
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "as_of_rule": as_of_rule(year),
        "as_of": as_of,
    }
    from kpi_cli.ledger.reviews import in_force
    from kpi_cli.reports.reviews import latest, review_line, review_record, value_notes

    chosen = latest(in_force(read), up_to=as_of)
    reviews = {pid: review_line(p, r, values, current_fy()) for pid, r in chosen.items()}
    notes = value_notes(p, results, read.current)
    if kind == ".md":
        from kpi_cli.render.report_md import report_markdown

        data = report_markdown(p, results, values, meta=meta, reviews=reviews, notes=notes).encode("utf-8")
    elif kind == ".xlsx":
        from kpi_cli.render.xlsx import Sheet, status_sheets, workbook_bytes
        from kpi_cli.reports.reviews import REVIEW_COLUMNS
        from kpi_cli.reports.status import status_record

        caption = str(meta["as_of_rule"])
        sheets = status_sheets([status_record(p, s) for s in results], caption)
        sheets.insert(1, Sheet("評価", REVIEW_COLUMNS, [review_record(x) for x in reviews.values()], notes=(caption,)))
        data = workbook_bytes(sheets)
    else:
        data = report_html(p, results, values, meta=meta, reviews=reviews, notes=notes).encode("utf-8")
    write_output(output, data)
    print(f"kpi: wrote a report of {len(results)} KPIs to {output}", file=sys.stderr)
