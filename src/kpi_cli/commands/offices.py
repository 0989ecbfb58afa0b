"""kpi offices: the 14 振興局, their 連携地域, and what each supplies every year."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import TYPE_CHECKING, Any

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, OutputOpt, PlanOpt
from kpi_cli.commands.session import Session
from kpi_cli.i18n.msg import Msg
from kpi_cli.render.human import offices_view
from kpi_cli.render.output import emit
from kpi_cli.reports.listing import OFFICE_COLUMNS, office_records

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet


def command(
    ctx: typer.Context, plan: PlanOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, excel: ExcelOpt = False
) -> None:
    """List the 振興局 with their 連携地域 and what each supplies every year.

    Each 振興局 supplies the KPIs of the projects it leads and its own share of every KPI summed
    over 振興局; kpi template --office and kpi missing --office ask exactly that.

    \b
    Examples:
      kpi offices
      kpi offices -f json
    """
    s = Session.open(ctx, plan, None, uses_ledger=False)
    records = office_records(s.plan)
    emit(
        s.out(fmt, output, excel),
        noun=Msg("offices"),
        records=records,
        columns=OFFICE_COLUMNS,
        key="offices",
        human=lambda: offices_view(records, s.caption()),
        sheets=lambda: _sheets(records),
    )


def _sheets(records: list[dict[str, Any]]) -> "list[Sheet]":
    """The workbook: its columns headed as they read here (kpis: the KPIs an office supplies)."""
    from kpi_cli.render.xlsx import Sheet

    headers = {"leads": "主導するプロジェクト", "kpis": "記入するKPI", "shares": "振興局分を記入するKPI"}
    return [Sheet("振興局一覧", OFFICE_COLUMNS, records, headers=headers)]
