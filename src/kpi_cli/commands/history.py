"""kpi history: every recorded row, newest first, with superseded and voided rows marked."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import ExcelOpt, FormatOpt, KpiOpt, LedgerOpt, OfficeOpt, OutputOpt, PlanOpt
from kpi_cli.commands.session import Session
from kpi_cli.core.model import ledger_keys, split_key
from kpi_cli.core.years import iso_date, parse_year
from kpi_cli.plan.selection import match_kpis, resolve_office
from kpi_cli.render.human import history_view
from kpi_cli.render.output import emit
from kpi_cli.reports.history import HISTORY_COLUMNS, history_entries, history_record


def command(
    ctx: typer.Context,
    kpi: Annotated[
        Optional[str], typer.Argument(help="KPI id or name fragment (all KPIs it matches) [default: all KPIs].")
    ] = None,
    kpis: KpiOpt = None,
    year: Annotated[Optional[str], typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    by: Annotated[
        Optional[str], typer.Option("--by", help="Only rows recorded by this name.", show_default=False)
    ] = None,
    since: Annotated[
        Optional[str],
        typer.Option("--since", help="Only rows recorded on or after this date (2026-04-01).", show_default=False),
    ] = None,
    office: OfficeOpt = None,
    oldest_first: Annotated[bool, typer.Option("--oldest-first", help="Oldest row first.")] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    excel: ExcelOpt = False,
) -> None:
    """Every recorded row, newest first, with superseded and voided rows marked.

    \b
    Examples:
      kpi history donan-tourists
      kpi history -k 観光 --since 2026-04-01
      kpi history --by oshima-taro --office 渡島 -o 履歴.xlsx
    """
    s = Session.open(ctx, plan, ledger)
    p = s.plan
    terms = [*([kpi] if kpi is not None else []), *(kpis or ())]
    keep: frozenset[str] = frozenset()
    if terms:
        found = {k.id: k for term in terms for k in match_kpis(p, term)}
        keep = frozenset(key for k in found.values() for key in ledger_keys(k))
    only_year = parse_year(year) if year is not None else None
    offices = {resolve_office(p, o) for o in office or ()}
    day = iso_date(since, "--since") if since is not None else ""
    read = s.read(keep=keep)
    entries = [
        e
        for e in history_entries(p, read, only_year)
        if (by is None or e.row.recorded_by == by)
        and e.row.recorded_at[:10] >= day
        and (not offices or split_key(e.row.kpi_id)[1] in offices)
    ]
    if not oldest_first:
        entries.reverse()
    emit(
        s.out(fmt, output, excel),
        records=[history_record(e) for e in entries],
        columns=HISTORY_COLUMNS,
        key="rows",
        human=lambda: history_view(entries, f"台帳: {s.files.ledger}"),
    )
