"""kpi template: the collection sheet of one fiscal year: one row per KPI still owed, a blank 実績値 cell."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kpi_cli.commands.context import collection_inputs
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

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet


def command(
    year: Annotated[str, typer.Option("--year", "-y", help="The fiscal year to collect: R6, 2024, 令和6年度, ...")],
    region: RegionOpt = None,
    office: OfficeOpt = None,
    project: ProjectOpt = None,
    all_kpis: Annotated[
        bool, typer.Option("--all", help="Every selected KPI, also those that already have a value for the year.")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """The collection sheet of one fiscal year: one row per KPI without a value for it, to fill in and import.

    Each row has the KPI id, 連携地域, 振興局, project, KPI name, unit and year, empty 実績値, 備考
    and 出典 cells, and as context the baseline, the target and the latest recorded value. A
    cumulative (累計) KPI takes that year's own count; its row shows the total so far. An .xlsx
    or a .csv for Excel (UTF-8 with BOM, CRLF) by the extension of --output.

    \b
    Examples:
      kpi template --region 十勝 --year R6 -o 十勝-R6.xlsx
      kpi import 十勝-R6.xlsx          (after filling in the 実績値 column)
    """
    from kpi_cli.render.output import HumanView, emit
    from kpi_cli.reports.collection import TEMPLATE_COLUMNS, TEMPLATE_INPUTS, template_record

    files, _plan, fy, items = collection_inputs(plan, ledger, region, office, project, year)
    if not all_kpis:
        items = [o for o in items if o.value is None]
    records = [template_record(o) for o in items]
    excel = excel or (output is not None and output.suffix.lower() == ".csv" and fmt is None)
    from kpi_cli.core.years import era_and_western

    title = f"{era_and_western(fy)} 実績値の記入"
    how = (
        "実績値（黄色の列）を記入し、kpi import でこのファイルを取り込んでください。"
        "未公表の値は空欄のままで構いません。"
    )

    def sheets() -> "list[Sheet]":
        from kpi_cli.render.xlsx import Sheet

        return [Sheet(title, TEMPLATE_COLUMNS, records, inputs=TEMPLATE_INPUTS, notes=(how, f"計画: {files.plan}"))]

    def human() -> HumanView:
        from kpi_cli.render.collection import template_view

        return template_view(items, f"{title} · {how}")

    emit(
        fmt,
        output=output,
        excel=excel,
        noun="values to collect",
        records=records,
        columns=TEMPLATE_COLUMNS,
        key="kpis",
        human=human,
        sheets=sheets,
        meta={"plan": str(files.plan), "ledger": str(files.ledger), "year": fy},
    )
    if not records:
        print(
            f"kpi: every selected KPI already has a value for {era_and_western(fy)} (--all lists them)", file=sys.stderr
        )
