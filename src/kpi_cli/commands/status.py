"""kpi status: Each KPI's baseline, target, actual and gap to the straight line from baseline to target."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from kpi_cli.commands.options import (
    RATING_CODES,
    ExcelOpt,
    FormatOpt,
    KpiOpt,
    LedgerOpt,
    OutputOpt,
    PlanOpt,
    ProjectOpt,
    RegionOpt,
    YearOpt,
    ratings,
)
from kpi_cli.commands.session import Session
from kpi_cli.errors import FailOnHit
from kpi_cli.i18n.msg import Joined, Msg
from kpi_cli.plan.selection import select_kpis
from kpi_cli.render.output import HumanView, emit
from kpi_cli.reports.status import STATUS_COLUMNS, as_of_rule
from kpi_cli.reports.status_report import StatusReport, status_report

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet


def command(
    ctx: typer.Context,
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    year: YearOpt = None,
    rating: Annotated[
        Optional[list[str]],
        typer.Option("--rating", help=f"Only KPIs with this rating ({RATING_CODES}); repeatable.", show_default=False),
    ] = None,
    fail_on: Annotated[
        Optional[str],
        typer.Option("--fail-on", help="Exit 3 if any KPI is rated this or worse (e.g. behind).", show_default=False),
    ] = None,
    sort: Annotated[
        Optional[str],
        typer.Option(
            "--sort",
            help="Order KPIs by gap, progress or rating (worst first) or name [default: plan order].",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    raw: Annotated[
        bool,
        typer.Option("--raw", help="An .xlsx with every machine column and code (for scripts) instead of for people."),
    ] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Each KPI's baseline, target, actual and gap to the straight line from baseline to target.

    \b
    Examples:
      kpi status --region 十勝
      kpi status -k 観光 --sort progress
      kpi status --year R1 -o status.xlsx
      kpi status --fail-on behind     (exit 3 if any KPI is 遅れ or 悪化)
    """
    wanted = ratings(rating, "--rating")
    (fail,) = ratings([fail_on], "--fail-on") if fail_on else (None,)
    s = Session.open(ctx, plan, ledger)
    kpis = select_kpis(s.plan, region or (), project or (), kpi or ())
    as_of = s.year_in_plan(year, "--year") if year is not None else None
    report = status_report(
        s.plan, s.read(), kpis, as_of=as_of, current_fy=s.env.current_fy(), ratings=wanted, sort=sort
    )
    caption = (
        f"計画: {s.plan.edition.name} ({s.files.plan}) · 台帳: {s.files.ledger} ({report.ledger_rows}行) · "
        f"{as_of_rule(year)}"
    )
    emit(
        s.out(fmt, output, excel),
        sheets=lambda: _sheets(report, caption, raw),
        noun=Msg("KPIs"),
        records=report.records,
        columns=STATUS_COLUMNS,
        key="kpis",
        human=lambda: _human(s, report, caption),
        meta={
            "plan": str(s.files.plan),
            "ledger": str(s.files.ledger),
            "ledger_rows": report.ledger_rows,
            "ratings": report.rating_counts(),
        },
    )
    if fail is not None:
        bad = [x for x in report.statuses if x.rating.severity >= fail.severity]
        if bad:
            raise FailOnHit(
                Msg(
                    "{n} KPIs are rated {rating} or worse: {kpis}",
                    n=len(bad),
                    rating=fail.value,
                    kpis=Joined(f"{x.kpi.id} ({x.rating.value})" for x in bad[:10]),
                )
                if len(bad) > 1
                else Msg(
                    "1 KPI is rated {rating} or worse: {kpi}",
                    rating=fail.value,
                    kpi=f"{bad[0].kpi.id} ({bad[0].rating.value})",
                )
            )


def _sheets(report: StatusReport, caption: str, raw: bool) -> "list[Sheet]":
    from kpi_cli.render.xlsx import status_sheets  # (a workbook's modules: imported only for one)

    return status_sheets(report.records, caption, raw=raw)


def _human(s: Session, report: StatusReport, caption: str) -> HumanView:
    """The table: groups by region and project, a mark by each value with a note, the notes below."""
    # (the views for people: imported only when one is shown, so a machine format imports none of them)
    from kpi_cli.render.human import status_groups, status_markdown_view, value_said
    from kpi_cli.render.status_table import draw as draw_status

    notes = report.notes
    marks = {kpi_id: f"※{i}" for i, kpi_id in enumerate(notes, start=1)}
    footnotes = "\n".join(
        f"{marks[k] if i == 0 else ' ' * len(marks[k]) * 2} {line}"
        for k, lines in notes.items()
        for i, line in enumerate(lines)
    )
    full = f"{footnotes}\n{caption}" if footnotes else caption
    said = {k: value_said(report.provisional[k], report.halves[k]) for k in report.provisional}
    groups = status_groups(
        s.plan, report.statuses, report.pending, report.headlines, report.older, marks, report.changes, said
    )
    view = status_markdown_view(groups, full)

    def draw(stream: TextIO) -> None:
        draw_status(stream, groups, full)

    view.draw = draw
    return view
