"""kpi review list: the project reviews in force, with the assessment the KPI ratings suggest."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.core.years import parse_year
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger import reviews
from kpi_cli.plan.selection import select_projects
from kpi_cli.render.output import emit
from kpi_cli.render.reviews import reviews_view
from kpi_cli.reports.reviews import REVIEW_COLUMNS, review_line, review_record
from kpi_cli.reports.values import kpi_values


def command(
    ctx: typer.Context,
    year: Annotated[Optional[str], typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    region: RegionOpt = None,
    project: ProjectOpt = None,
    every_version: Annotated[
        bool, typer.Option("--history", help="Every review row, superseded ones too (oldest first).")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """The project reviews in force (or every version with --history), with the suggested assessment.

    The suggestion comes from the project's KPI ratings at the review year: every rated KPI
    達成/順調 → the first word; any 悪化 or more than half 遅れ → the last; otherwise the middle.

    \b
    Examples:
      kpi review list --year R2 --region 十勝
      kpi review list --format markdown -o 十勝-評価.md
    """
    s = Session.open(ctx, plan, ledger)
    p = s.plan
    wanted = {x.id for x in select_projects(p, region or (), project or ())}
    only = parse_year(year) if year is not None else None
    read = s.read(keep=frozenset(reviews.review_key(i) for i in wanted))
    found = reviews.history(read.kept) if every_version else list(reviews.in_force(read).values())
    found = [r for r in found if r.project_id in wanted and (only is None or r.year == only)]
    order = [x.id for x in p.projects]
    if not every_version:
        found.sort(key=lambda r: (r.year, order.index(r.project_id)))
    actuals = kpi_values(p, read).actuals
    lines = [review_line(p, r, actuals, s.env.current_fy()) for r in found]
    emit(
        s.out(fmt, output, excel),
        noun=Msg("reviews"),
        records=[review_record(line) for line in lines],
        columns=REVIEW_COLUMNS,
        key="reviews",
        human=lambda: reviews_view(lines, f"台帳: {s.files.ledger}"),
        meta={"plan": str(s.files.plan), "ledger": str(s.files.ledger)},
    )
