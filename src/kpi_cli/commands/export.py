"""kpi export: every recorded value with its plan data and that year's figures."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, KpiOpt, LedgerOpt, OutputOpt, PlanOpt, ProjectOpt, RegionOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.plan.selection import select_kpis
from kpi_cli.render.output import HumanView, emit
from kpi_cli.reports.status import EXPORT_COLUMNS, EXPORT_SCHEMA_VERSION, ExportEntry, export_entries, export_record
from kpi_cli.reports.wide import WideEntry, wide_columns, wide_entries, wide_record, wide_years, year_column

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet

# The 評価シート as people read it: names, no ids; a share's row says whose it is
SHEET_LEAD = ("region", "project", "kpi_name", "office", "unit", "kind", "baseline_value", "baseline_year")
SHEET_TAIL = ("target_value", "target_year", "as_of_year", "rating")


def command(
    ctx: typer.Context,
    region: RegionOpt = None,
    project: ProjectOpt = None,
    kpi: KpiOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide", help="Years as columns: one row per KPI with its baseline, each year's actual, target, rating."
        ),
    ] = False,
) -> None:
    """Every actual joined with its plan data: one row per KPI and year, with that year's figures.

    With --wide, one row per KPI and the fiscal years as columns (the layout of a 評価シート).

    \b
    Examples:
      kpi export -o actuals.csv
      kpi export --wide --region 十勝 -o 十勝-評価.xlsx
    """
    s = Session.open(ctx, plan, ledger)
    kpis = select_kpis(s.plan, region or (), project or (), kpi or ())
    values = s.values()
    actuals = values.actuals
    caption = f"計画: {s.files.plan} · 台帳: {s.files.ledger}"
    meta = {"plan": str(s.files.plan), "ledger": str(s.files.ledger)}
    if wide:
        years = wide_years(s.plan, kpis, actuals)
        rows = wide_entries(
            s.plan, kpis, actuals, current_fy=s.env.current_fy(), shares=values.shares, totals=values.totals
        )
        records = [wide_record(s.plan, e, years) for e in rows]
        emit(
            s.out(fmt, output, excel),
            noun=Msg("KPIs"),
            records=records,
            columns=wide_columns(years),
            key="kpis",
            human=lambda: _wide_view(rows, years, caption),
            meta=meta | {"years": years},
            sheets=lambda: _sheets(years, records, caption),
        )
        return
    entries = export_entries(
        s.plan, kpis, actuals, s.read().current, current_fy=s.env.current_fy(), totals=values.totals, values=values
    )
    emit(
        s.out(fmt, output, excel),
        records=(records := [export_record(s.plan, e) for e in entries]),
        columns=EXPORT_COLUMNS,
        key="rows",
        schema_version=EXPORT_SCHEMA_VERSION,
        human=lambda: _export_view(entries, caption),
        meta=meta,
        sheets=lambda: _rows_sheet(records),
    )


# The views for people and the workbook: their modules are imported only when one is made, so a machine
# format imports none of them.


def _rows_sheet(records: list[dict[str, Any]]) -> "list[Sheet]":
    """The rows as a sheet kpi import reads back: a value's column is 実績値; the KPI's own value that year
    (a sum of shares, a running total), which import ignores, is headed apart from it."""
    from kpi_cli.render.xlsx import Sheet

    return [Sheet("実績一覧", EXPORT_COLUMNS, records, headers={"actual": "評価に用いる実績値（合計・累計）"})]


def _export_view(entries: list[ExportEntry], caption: str) -> HumanView:
    from kpi_cli.render.human import export_view

    return export_view(entries, caption)


def _wide_view(rows: list[WideEntry], years: list[int], caption: str) -> HumanView:
    from kpi_cli.render.human import wide_view

    return wide_view(rows, years, caption)


def _sheets(years: list[int], records: list[dict[str, Any]], caption: str) -> "list[Sheet]":
    from kpi_cli.render.xlsx import Sheet

    return [
        Sheet(
            "評価シート",
            [*SHEET_LEAD, *(year_column(y) for y in years), *SHEET_TAIL],
            records,
            notes=(caption,),
            people=True,
            keys=False,
            headers={"office": "振興局分", "as_of_year": "評価の年度"},
        )
    ]
