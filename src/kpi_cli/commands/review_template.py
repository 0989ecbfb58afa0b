"""kpi review template: the review sheet of a fiscal year, one row per project, to fill in and import."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.core.years import era_and_western
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.reviews import in_force
from kpi_cli.plan.selection import select_projects
from kpi_cli.render.output import HumanView, emit
from kpi_cli.render.xlsx import Sheet
from kpi_cli.reports.reviews import REVIEW_INPUTS, REVIEW_TEMPLATE_COLUMNS, review_template_rows

DATES = "連携会議の日付は 2021/2/15、R3.2.15、令和3年2月15日 などの形で書けます（空欄なら案として記録します）。"


def command(
    ctx: typer.Context,
    year: Annotated[str, typer.Option("--year", "-y", help="The fiscal year reviewed: R2, 2020, 令和2年度, ...")],
    region: RegionOpt = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an --output sheet that holds filled-in rows not in the ledger yet."),
    ] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """The review sheet of a fiscal year: one row per project, with its KPIs' ratings and a suggestion.

    Fill in 評価, 今後の方向性 and the texts (a review already recorded is filled in, to edit),
    then kpi review import the file.

    \b
    Examples:
      kpi review template --year R2 --region 十勝 -o 十勝-R2-評価.xlsx
      kpi review import 十勝-R2-評価.xlsx
    """
    s = Session.open(ctx, plan, ledger)
    p = s.plan
    fy = s.collection_year(year)
    projects = select_projects(p, region or (), project or ())
    records = review_template_rows(p, projects, s.values().actuals, in_force(s.read()), fy, s.env.current_fy())
    title = f"{era_and_western(fy)} プロジェクト評価"
    words = " / ".join(t.label for t in p.vocabulary.assessments)
    ways = " / ".join(t.label for t in p.vocabulary.directions)
    how = f"評価は {words}、今後の方向性は {ways} から選び、kpi review import で取り込んでください。"

    def human() -> HumanView:
        rows = [[r["project"], r["year_label"], r["suggested_label"] or "―", r["assessment"] or ""] for r in records]
        return HumanView(["プロジェクト", "年度", "KPIからの目安", "評価"], rows, title=title, caption=how)

    s.force_output, s.can_force = force, True  # (a filled-in sheet is never replaced silently: see Session)
    excel = excel or (output is not None and output.suffix.lower() == ".csv" and fmt is None)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("projects to review"),
        records=records,
        columns=REVIEW_TEMPLATE_COLUMNS,
        key="projects",
        human=human,
        sheets=lambda: [
            Sheet(
                title,
                REVIEW_TEMPLATE_COLUMNS,
                records,
                inputs=REVIEW_INPUTS,
                notes=(how, DATES),
                choices={
                    "assessment": [t.label for t in p.vocabulary.assessments],
                    "direction": [t.label for t in p.vocabulary.directions],
                },
                headers={"direction": "今後の方向性", "year": "年度（西暦）", "office": "記入した振興局"},
            )
        ],
        meta={"plan": str(s.files.plan), "ledger": str(s.files.ledger), "year": fy},
    )
