"""kpi report: the 推進状況 document for the 地域づくり連携会議, with a chart per KPI."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated

import typer

from kpi_cli.commands.options import KpiOpt, LedgerOpt, PlanOpt, ProjectOpt, RegionOpt, YearOpt
from kpi_cli.commands.session import Session
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import select_kpis
from kpi_cli.render.output import write_output
from kpi_cli.render.report import report_bytes
from kpi_cli.reports.meeting import meeting_report


def command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write: .html, .pdf, .md or .xlsx.", show_default=False, dir_okay=False
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

    A first page with the ratings counted and each project's 評価 and 今後の方向性; then the areas'
    own projects, then those shared with other regions: per project its KPIs (with 前年度比 and
    the areas' shares of an area KPI), the review text, and per KPI a chart beside its yearly
    values. Made for A4: page numbers, the date in the Japanese era, nothing later than --year.
    As .pdf the same through WeasyPrint (pip install 'kpi-cli[pdf]'), or print the HTML from a
    browser; as .md the same without charts; as .xlsx a workbook to print.

    \b
    Examples:
      kpi report --year R2 --region 十勝 -o 十勝-R2.html
      kpi report --year R2 --region 十勝 -o 十勝-R2.pdf
      kpi report --year R2 --region 十勝 -o 十勝-R2.md
    """
    kind = output.suffix.lower()
    if kind not in (".html", ".htm", ".pdf", ".md", ".xlsx"):
        raise InputError(
            Msg(
                "--output {output} should end in .html (the document), .pdf, .md (Markdown) or .xlsx",
                output=output,
            )
        )
    s = Session.open(ctx, plan, ledger)
    kpis = select_kpis(s.plan, region or (), project or (), kpi or ())
    as_of = s.year_in_plan(year, "--year") if year is not None else None
    report = meeting_report(
        s.plan,
        s.read(),
        kpis,
        as_of=as_of,
        year_text=year,
        current_fy=s.env.current_fy(),
        plan_path=s.files.plan,
        ledger_path=s.files.ledger,
        generated=s.env.now(),
        regions=region or (),
    )
    write_output(output, report_bytes(report, kind), s.protected)
    s.note(Msg("wrote a report of {n} KPIs to {output}", n=len(report.statuses), output=output))
