"""kpi missing: what is still owed for a fiscal year, per 振興局 (渡島 3/6)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import (
    ExcelOpt,
    FormatOpt,
    LedgerOpt,
    OfficeOpt,
    OutputOpt,
    PlanOpt,
    ProjectOpt,
    RegionOpt,
)
from kpi_cli.commands.session import Session
from kpi_cli.core.years import era_and_western
from kpi_cli.errors import FailOnHit
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import offices_of
from kpi_cli.render.collection import missing_view
from kpi_cli.render.output import emit
from kpi_cli.render.xlsx import Sheet
from kpi_cli.reports.collection import (
    MISSING_COLUMNS,
    MISSING_SUMMARY_COLUMNS,
    collection,
    missing_by_office,
    missing_records,
    missing_summary,
)


def command(
    ctx: typer.Context,
    year: Annotated[
        Optional[str],
        typer.Option(
            "--year", "-y", help="The fiscal year [default: last fiscal year, within the plan].", show_default=False
        ),
    ] = None,
    region: RegionOpt = None,
    office: OfficeOpt = None,
    project: ProjectOpt = None,
    fail_on_missing: Annotated[
        bool, typer.Option("--fail-on-missing", help="Exit 3 when anything is still owed (for scheduled checks).")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """What is still owed for a fiscal year, grouped by the 振興局 taking part in each KPI's project.

    \b
    Examples:
      kpi missing --year R6 --region 十勝
      kpi missing --year R6 -o missing.xlsx
      kpi missing --fail-on-missing     (exit 3 if any value is still owed)
    """
    s = Session.open(ctx, plan, ledger)
    p = s.plan
    fy = s.collection_year(year)
    items = collection(p, s.values(), fy, region or (), office or (), project or ())
    wanted = offices_of(p, region or (), office or ())
    counts = missing_by_office(p, items, wanted)
    records = missing_records(counts)
    caption = f"{era_and_western(fy)} の未記録 · 計画: {s.files.plan} · 台帳: {s.files.ledger}"
    emit(
        s.out(fmt, output, excel),
        noun=Msg("values still owed"),
        records=records,
        columns=MISSING_COLUMNS,
        key="missing",
        human=lambda: missing_view(counts, caption),
        sheets=lambda: [
            Sheet(
                "振興局別", MISSING_SUMMARY_COLUMNS, missing_summary(counts), notes=(caption,), people=True, keys=False
            ),
            Sheet("未記録", MISSING_COLUMNS, records, notes=(caption,), people=True, keys=False),
        ],
        meta={"year": fy, "offices": missing_summary(counts)},
    )
    if fail_on_missing and records:
        raise FailOnHit(Msg("{n} values still owed for {year}", n=len(records), year=era_and_western(fy)))
