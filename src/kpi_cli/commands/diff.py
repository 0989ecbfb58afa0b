"""kpi diff: what changed between two fiscal years: KPIs whose rating changed, projects whose review changed."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, KpiOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.reviews import in_force
from kpi_cli.plan.selection import select_kpis, select_projects
from kpi_cli.render.compare import diff_view
from kpi_cli.render.output import emit
from kpi_cli.reports.compare import DIFF_COLUMNS, compare, diff_records


def command(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="The earlier fiscal year: R1, 2019, 令和元年度, ...")],
    second: Annotated[str, typer.Argument(help="The later fiscal year.")],
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """What changed between two fiscal years: KPIs whose rating changed, projects whose review changed.

    Every selected KPI is rated at each year as kpi status --year rates it; a KPI is listed when
    its rating differs, with the value of each year. A project is listed when its 評価 or
    今後の方向性 differs between the reviews of the two years (or only one year has a review).

    \b
    Examples:
      kpi diff R1 R2 --region 十勝
      kpi diff 2019 2020 -f csv -o 変化.csv
    """
    s = Session.open(ctx, plan, ledger)
    years = (s.year_in_plan(first, "year"), s.year_in_plan(second, "year"))
    if years[0] == years[1]:
        raise InputError(
            Msg("both years are {year}; give two different years, e.g. kpi diff R1 R2", year=era_and_western(years[0]))
        )
    kpis = select_kpis(s.plan, region or (), project or (), kpi or ())
    wanted = {k.project_id for k in kpis}
    projects = [p for p in select_projects(s.plan, region or (), project or ()) if p.id in wanted]
    values = s.values()
    found = compare(
        s.plan, kpis, values.actuals, in_force(s.read()), projects, years, s.env.current_fy(), values.totals
    )
    records = diff_records(s.plan, found)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("changes"),
        records=records,
        columns=DIFF_COLUMNS,
        key="changes",
        human=lambda: diff_view(s.plan, found, f"計画: {s.files.plan} · 台帳: {s.files.ledger}"),
        meta={"plan": str(s.files.plan), "ledger": str(s.files.ledger), "years": list(years)},
    )
