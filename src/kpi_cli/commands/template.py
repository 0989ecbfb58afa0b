"""kpi template: the collection sheet of one fiscal year: one row per KPI still owed, a blank 実績値 cell."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated

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
from kpi_cli.i18n.msg import Msg
from kpi_cli.render.collection import template_view
from kpi_cli.render.output import emit
from kpi_cli.render.xlsx import Sheet
from kpi_cli.reports.collection import STATUS_CHOICES, TEMPLATE_COLUMNS, TEMPLATE_INPUTS, collection, template_record


def command(
    ctx: typer.Context,
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
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an --output sheet that holds filled-in rows not in the ledger yet."),
    ] = False,
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
    s = Session.open(ctx, plan, ledger)
    fy = s.collection_year(year)
    items = collection(s.plan, s.values(), fy, region or (), office or (), project or ())
    if not all_kpis:
        items = [o for o in items if o.value is None]
    records = [template_record(o) for o in items]
    s.force_output, s.can_force = force, True  # (a filled-in sheet is never replaced silently: see Session)
    excel = excel or (output is not None and output.suffix.lower() == ".csv" and fmt is None)
    title = f"{era_and_western(fy)} 実績値の記入"
    how = (
        "実績値（黄色の列）を記入し、速報値なら速報/確定の欄を「速報」に、確定値なら「確定」にして、"
        "kpi import でこのファイルを取り込んでください。"
        "未公表の値は空欄のままで構いません。"
    )
    emit(
        s.out(fmt, output, excel),
        noun=Msg("values to collect"),
        records=records,
        columns=TEMPLATE_COLUMNS,
        key="kpis",
        human=lambda: template_view(items, f"{title} · {how}"),
        sheets=lambda: [
            Sheet(
                title,
                TEMPLATE_COLUMNS,
                records,
                inputs=TEMPLATE_INPUTS,
                notes=(how, f"計画: {s.files.plan}"),
                headers={"offices": "参加振興局", "office": "振興局分", "year": "年度（西暦）"},
                choices={"status": STATUS_CHOICES},
            )
        ],
        meta={"plan": str(s.files.plan), "ledger": str(s.files.ledger), "year": fy},
    )
    if not records:
        s.note(Msg("every selected KPI already has a value for {year} (--all lists them)", year=era_and_western(fy)))
