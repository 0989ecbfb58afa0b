"""kpi show: One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import KpiArg, LedgerOpt, PlanOpt, RegionOpt, YearOpt
from kpi_cli.commands.session import Session
from kpi_cli.core.years import parse_year
from kpi_cli.errors import InputError, PipeClosed
from kpi_cli.i18n.msg import Msg
from kpi_cli.render import Format
from kpi_cli.render.kpi_page import draw
from kpi_cli.render.machine import JSON_SCHEMA_VERSION, dumps, json_value
from kpi_cli.render.output import silence_stdout
from kpi_cli.reports.kpi_page import kpi_page, page_keys


def command(
    ctx: typer.Context,
    kpi: KpiArg,
    year: YearOpt = None,
    region: RegionOpt = None,
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="table (text and chart) or json [default: table].", show_default=False),
    ] = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history.

    \b
    Examples:
      kpi show donan-tourists
      kpi show 観光 --region 道南
    """
    chosen = fmt or Format.table
    if chosen not in (Format.table, Format.json):
        raise InputError(
            Msg("kpi show draws a table or writes json, not {value}; use kpi status for {value}", value=chosen.value)
        )
    s = Session.open(ctx, plan, ledger)
    found = s.kpi(kpi, region or ())
    as_of = parse_year(year) if year is not None else None
    page = kpi_page(s.plan, found, s.read(keep=page_keys(found)), as_of=as_of, current_fy=s.env.current_fy())
    if chosen is Format.json:
        s.env.stdout.write(dumps({"schema_version": JSON_SCHEMA_VERSION, **json_value(page.data)}, indent=2) + "\n")
        return
    try:
        draw(
            s.env.stdout,
            s.plan,
            page.status,
            page.series,
            page.history,
            page.review,
            f"台帳: {s.files.ledger}",
            page.parts,
            provisional=page.provisional,
        )
        s.env.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed() from None
