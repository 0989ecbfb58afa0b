"""kpi history: Every recorded row, oldest first, with superseded rows marked."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import find_kpi, open_plan, report_ledger_problems
from kpi_cli.commands.options import ExcelOpt, FormatOpt, LedgerOpt, OutputOpt, PlanOpt
from kpi_cli.core import years as eras


def command(
    kpi: Annotated[Optional[str], typer.Argument(help="KPI id or name fragment [default: all KPIs].")] = None,
    year: Annotated[Optional[str], typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """Every recorded row, oldest first, with superseded rows marked."""
    from kpi_cli.ledger.read import read as read_ledger
    from kpi_cli.render.human import history_view
    from kpi_cli.render.output import emit
    from kpi_cli.reports.history import HISTORY_COLUMNS, history_records

    files, p = open_plan(plan, ledger)
    keep: frozenset[str] = frozenset()
    if kpi is not None:
        from kpi_cli.plan.model import share_key

        found = find_kpi(p, kpi).kpi
        keep = frozenset({found.id, *(share_key(found.id, o) for o in found.parts)})
    only_year = eras.parse_year(year) if year is not None else None
    read = read_ledger(files.ledger, keep=keep)
    report_ledger_problems(read)
    records = history_records(p, read, only_year)
    emit(
        fmt,
        output=output,
        excel=excel,
        noun="rows",
        records=records,
        columns=HISTORY_COLUMNS,
        key="rows",
        human=lambda: history_view(records, f"ledger: {files.ledger}"),
    )
